#include "adapter_harness.hpp"

#include <fstream>
#include <sstream>

namespace passerelle::testing {

AdapterPtr make_static_adapter(const std::string& plugin_name, const nlohmann::json& settings, TestContext& context) {
  auto& registry = sdk::static_plugin_registry();
  auto it = registry.find(plugin_name);
  if (it == registry.end()) throw std::runtime_error("plugin " + plugin_name + " is not linked into this test");
  const auto* d = it->second;
  nlohmann::json with_defaults;
  auto problems = sdk::check_settings(sdk::settings_from_descriptor(*d), settings, "settings", with_defaults);
  if (!problems.empty()) {
    std::string all;
    for (auto& p : problems) all += p + "\n";
    throw std::runtime_error(all);
  }
  char error[512] = {0};
  auto* raw = static_cast<sdk::Adapter*>(d->create(error, sizeof error));
  if (!raw) throw std::runtime_error(std::string("create failed: ") + error);
  AdapterPtr adapter(raw, AdapterDeleter{d});
  auto st = adapter->configure(sdk::Settings(with_defaults), context);
  if (!st.is_ok()) throw std::runtime_error("configure failed: " + st.message);
  return adapter;
}

std::string test_data_dir() {
  const char* d = std::getenv("PASSERELLE_TEST_DATA");
  return d ? d : PASSERELLE_TEST_DATA_DIR;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

}  // namespace passerelle::testing
