// `passerelle map`: the offline dry run of one adapter's mapping, stdin to stdout.
#include <iostream>
#include <iterator>

#include "cli_args.hpp"
#include "commands.hpp"
#include "config_check.hpp"
#include "inbound_event.hpp"
#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::host {
namespace {

int fail(const std::string& message) {
  std::cerr << "passerelle map: " << message << "\n";
  return kExitBadInput;
}

}  // namespace

int command_map(const std::vector<std::string>& args) {
  CliArgs cli(args, {"config", "adapter", "to"}, {});
  const std::string file = cli.require("config");
  const std::string adapter_id = cli.require("adapter");
  const std::string to = cli.require("to");
  if (to != "provider" && to != "canonical") throw std::invalid_argument("--to must be provider or canonical");

  Metrics metrics;
  auto host = load_host(file, metrics);
  if (!host.ok()) {
    print_problems(host.problems);
    return kExitBadConfig;
  }
  AdapterInstance* adapter = host.adapters->find(adapter_id);
  if (!adapter) {
    std::cerr << "passerelle map: no enabled adapter \"" << adapter_id << "\" in " << file << "\n";
    return kExitBadConfig;
  }

  const std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  const auto json = nlohmann::json::parse(input, nullptr, false);
  if (json.is_discarded()) return fail("stdin is not valid JSON");
  const sdk::ValidationOptions& vopts = host.config->validation;

  nlohmann::json out = nlohmann::json::array();
  if (to == "provider") {
    sdk::ValidationErrors errors;
    auto event = sdk::parse_cloud_event(json, errors, &vopts);
    if (!event) return fail("not a valid canonical event: " + errors.summary());
    auto result = adapter->to_provider(*event);
    if (!result) return fail(std::string(sdk::to_string(result.status().code)) + ": " + result.status().message);
    for (const auto& d : result.value()) out.push_back(sdk::to_json(d));
  } else {
    sdk::InboundRecord record;
    try {
      record = sdk::delivery_from_json(json);
    } catch (const std::exception& e) {
      return fail(std::string("not a delivery: ") + e.what());
    }
    auto result = adapter->to_canonical(record);
    if (!result) return fail(std::string(sdk::to_string(result.status().code)) + ": " + result.status().message);
    for (auto& e : result.value()) {
      // Exactly what the routes would publish.
      sdk::ValidationErrors errors;
      auto checked = finish_inbound_event(std::move(e), adapter_id, *host.config, errors);
      if (!checked) return fail("adapter " + adapter_id + " produced an invalid canonical event: " + errors.summary());
      out.push_back(sdk::to_json(checked->event));
    }
  }
  std::cout << out.dump(2) << "\n";
  return kExitOk;
}

}  // namespace passerelle::host
