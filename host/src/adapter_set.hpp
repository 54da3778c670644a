// All adapters of a config, loaded and started together: every problem of every adapter is
// collected before the host decides to run, so a broken config never half-starts the host.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapter_instance.hpp"
#include "config.hpp"
#include "metrics.hpp"

namespace passerelle::host {

class AdapterSet {
 public:
  // Loads each enabled adapter's plugin, checks its settings against what the plugin declares,
  // then creates and configures it. `problems` gets one line per failure.
  static std::unique_ptr<AdapterSet> load(const HostConfig& config, Metrics& metrics,
                                          std::vector<ConfigProblem>& problems);

  const std::vector<std::unique_ptr<AdapterInstance>>& adapters() const { return adapters_; }
  AdapterInstance* find(const std::string& id) const;
  // Adapters listed in config but disabled, for `passerelle adapters`.
  const std::vector<AdapterConfig>& disabled() const { return disabled_; }

 private:
  std::vector<std::unique_ptr<AdapterInstance>> adapters_;
  std::vector<AdapterConfig> disabled_;
};

}  // namespace passerelle::host
