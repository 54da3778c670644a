// Loads a plugin library through its one gate and checks the descriptor before anything else
// in the library is called: ABI major, struct size, build fingerprint.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "passerelle/sdk/plugin.hpp"

namespace passerelle::host {

class PluginLoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LoadedPlugin {
  std::string library;  // path it came from, or "static:<name>"
  const passerelle_plugin_descriptor* descriptor = nullptr;
  std::vector<sdk::SettingSpec> settings;
  std::string name() const { return descriptor->name; }
  std::string version() const { return descriptor->version; }
};

// Throws PluginLoadError with one line naming the file and the problem. Libraries stay loaded
// until the process ends: code of an unloaded plugin behind a vtable or a deleter is a crash.
// "static:<name>" looks in the SDK's static registry instead (plugins linked into tests).
LoadedPlugin load_plugin(const std::string& library);

// The checks on a descriptor, exposed for tests of the gate itself.
void check_descriptor(const passerelle_plugin_descriptor* d, const std::string& library);

}  // namespace passerelle::host
