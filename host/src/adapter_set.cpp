#include "adapter_set.hpp"

#include <map>

namespace passerelle::host {

std::unique_ptr<AdapterSet> AdapterSet::load(const HostConfig& config, Metrics& metrics,
                                             std::vector<ConfigProblem>& problems) {
  auto set = std::make_unique<AdapterSet>();
  std::map<std::string, LoadedPlugin> plugins;  // one load per library, shared by its instances
  for (const auto& a : config.adapters) {
    if (!a.enabled) {
      set->disabled_.push_back(a);
      continue;
    }
    LoadedPlugin plugin;
    try {
      auto it = plugins.find(a.library);
      plugin = it != plugins.end() ? it->second : plugins.emplace(a.library, load_plugin(a.library)).first->second;
    } catch (const PluginLoadError& e) {
      problems.push_back({a.place("plugin"), e.what()});
      continue;
    }
    if (plugin.name() != a.plugin) {
      problems.push_back({a.place("plugin"), a.library + " is plugin \"" + plugin.name() + "\", not \"" + a.plugin + "\""});
      continue;
    }
    nlohmann::json checked;
    auto setting_problems = sdk::check_settings(plugin.settings, a.settings, "settings", checked);
    for (auto& p : setting_problems) {
      // check_settings names "settings.<key>"; give each the file:line of that key.
      const auto colon = p.find(':');
      const std::string key_path = p.substr(0, colon);
      problems.push_back({a.place(key_path), "adapter " + a.id + " (plugin " + plugin.name() + "): " + p.substr(colon + 2)});
    }
    if (!setting_problems.empty()) continue;
    HttpClientOptions http;
    http.base_url = checked.value("base_url", "");
    http.connect_timeout_ms = config.http.client_connect_timeout_ms;
    http.read_timeout_ms = config.http.client_read_timeout_ms;
    http.breaker.window = config.http.breaker_window;
    http.breaker.min_calls = config.http.breaker_min_calls;
    http.breaker.failure_rate = config.http.breaker_failure_rate_percent / 100.0;
    http.breaker.open_for = std::chrono::milliseconds(config.http.breaker_open_ms);
    http.breaker.half_open_probes = config.http.breaker_half_open_probes;
    auto context = std::make_unique<AdapterContext>(a.id, plugin.name(), http, metrics, config.validation);
    auto instance = std::make_unique<AdapterInstance>(a, plugin, std::move(context));
    auto st = instance->start(checked);
    if (!st.is_ok()) {
      problems.push_back({a.place("settings"), st.message});
      continue;
    }
    set->adapters_.push_back(std::move(instance));
  }
  return set;
}

AdapterInstance* AdapterSet::find(const std::string& id) const {
  for (const auto& a : adapters_)
    if (a->id() == id) return a.get();
  return nullptr;
}

}  // namespace passerelle::host
