// Builds a configured adapter from a plugin linked statically into the test binary
// (PASSERELLE_STATIC_PLUGIN), checking its settings the way the host does.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>

#include "passerelle/sdk/plugin.hpp"
#include "test_context.hpp"

namespace passerelle::testing {

struct AdapterDeleter {
  const passerelle_plugin_descriptor* descriptor = nullptr;
  void operator()(sdk::Adapter* a) const { descriptor->destroy(a); }
};
using AdapterPtr = std::unique_ptr<sdk::Adapter, AdapterDeleter>;

// Throws std::runtime_error naming every settings problem, or configure()'s message.
AdapterPtr make_static_adapter(const std::string& plugin_name, const nlohmann::json& settings, TestContext& context);

// Directory of shared test data (tests/data) and of a plugin's own samples.
std::string test_data_dir();
nlohmann::json read_json_file(const std::string& path);

}  // namespace passerelle::testing
