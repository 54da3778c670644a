// Config plus its adapters, loaded as `check-config`, `adapters`, `map` and `run` all need them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapter_set.hpp"
#include "config.hpp"
#include "metrics.hpp"

namespace passerelle::host {

struct LoadedHost {
  // Shared: the HTTP surface keeps using a snapshot while SIGHUP swaps in a new one.
  std::shared_ptr<const HostConfig> config;
  std::shared_ptr<AdapterSet> adapters;
  std::vector<ConfigProblem> problems;
  bool ok() const { return problems.empty() && config && adapters; }
};

LoadedHost load_host(const std::string& config_file, Metrics& metrics);
// One line per problem on stderr: "passerelle: <file:line:col path>: <message>".
void print_problems(const std::vector<ConfigProblem>& problems);

}  // namespace passerelle::host
