#include "config_check.hpp"

#include <iostream>

namespace passerelle::host {

LoadedHost load_host(const std::string& config_file, Metrics& metrics) {
  LoadedHost h;
  auto loaded = load_config(config_file);
  h.problems = std::move(loaded.problems);
  if (!loaded.config) return h;
  h.config = std::make_shared<const HostConfig>(std::move(*loaded.config));
  h.adapters = AdapterSet::load(*h.config, metrics, h.problems);
  return h;
}

void print_problems(const std::vector<ConfigProblem>& problems) {
  for (const auto& p : problems) std::cerr << "passerelle: " << p.text() << "\n";
  if (!problems.empty())
    std::cerr << "passerelle: " << problems.size() << " problem" << (problems.size() == 1 ? "" : "s")
              << " in the configuration\n";
}

}  // namespace passerelle::host
