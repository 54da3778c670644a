// `passerelle --version`, `check-config` and `adapters`.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "config_check.hpp"
#include "passerelle/sdk/version.hpp"
#include "version.hpp"

namespace passerelle::host {

int command_version() {
  std::cout << "passerelle " << PASSERELLE_HOST_VERSION << " (SDK " << PASSERELLE_SDK_VERSION << ", plugin ABI "
            << PASSERELLE_ABI_MAJOR << "." << PASSERELLE_ABI_MINOR << ", build " << PASSERELLE_BUILD_FINGERPRINT
            << ")\n";
  return kExitOk;
}

int command_check_config(const std::vector<std::string>& args) {
  CliArgs cli(args, {"config"}, {});
  const std::string file = cli.require("config");
  Metrics metrics;
  auto host = load_host(file, metrics);
  if (!host.ok()) {
    print_problems(host.problems);
    return kExitBadConfig;
  }
  std::cout << file << ": ok (" << host.adapters->adapters().size() << " adapter"
            << (host.adapters->adapters().size() == 1 ? "" : "s") << " loaded, " << host.adapters->disabled().size()
            << " disabled)\n";
  return kExitOk;
}

int command_adapters(const std::vector<std::string>& args) {
  CliArgs cli(args, {"config"}, {"json"});
  const std::string file = cli.require("config");
  Metrics metrics;
  auto host = load_host(file, metrics);
  if (!host.ok()) {
    print_problems(host.problems);
    return kExitBadConfig;
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : host.adapters->adapters()) {
    const auto* d = a->plugin().descriptor;
    rows.push_back({{"id", a->id()},
                    {"plugin", a->plugin().name()},
                    {"version", a->plugin().version()},
                    {"abi", std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor)},
                    {"state", a->state()},
                    {"library", a->plugin().library},
                    {"subscriptions", a->subscriptions()}});
  }
  for (const auto& a : host.adapters->disabled()) {
    rows.push_back({{"id", a.id}, {"plugin", a.plugin}, {"version", ""}, {"abi", ""}, {"state", "disabled"},
                    {"library", a.library}, {"subscriptions", nlohmann::json::array()}});
  }
  if (cli.flag("json")) {
    std::cout << rows.dump(2) << "\n";
    return kExitOk;
  }
  std::printf("%-16s %-14s %-10s %-5s %s\n", "ID", "PLUGIN", "VERSION", "ABI", "STATE");
  for (const auto& r : rows) {
    std::printf("%-16s %-14s %-10s %-5s %s\n", r["id"].get<std::string>().c_str(),
                r["plugin"].get<std::string>().c_str(), r["version"].get<std::string>().c_str(),
                r["abi"].get<std::string>().c_str(), r["state"].get<std::string>().c_str());
  }
  return kExitOk;
}

}  // namespace passerelle::host
