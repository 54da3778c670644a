// The plugin gate: one extern "C" symbol returning a plain C descriptor, checked by the host
// before anything else in the library runs. Use PASSERELLE_PLUGIN(...) rather than writing it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "passerelle/sdk/adapter.hpp"
#include "passerelle/sdk/settings.hpp"
#include "passerelle/sdk/version.hpp"

extern "C" {

// One declared setting, in C form. `type` is one of: string integer boolean number object array
// secret. `default_json` is a JSON text or NULL.
struct passerelle_setting_spec {
  const char* name;
  const char* type;
  const char* default_json;
  int required;
  const char* description;
};

// Never reorder or remove fields: new fields go at the end and raise abi_minor; the host reads
// only the first struct_size bytes it knows about.
struct passerelle_plugin_descriptor {
  std::uint32_t struct_size;
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  const char* name;
  const char* version;
  const char* fingerprint;
  const passerelle_setting_spec* settings;
  std::uint32_t settings_count;
  // Returns a passerelle::sdk::Adapter* or NULL with a message in `error` (NUL-terminated).
  void* (*create)(char* error, std::size_t error_size);
  // Frees what create() returned, in the module that allocated it.
  void (*destroy)(void* adapter);
};

typedef const passerelle_plugin_descriptor* (*passerelle_plugin_entry_fn)(void);
}

#define PASSERELLE_PLUGIN_ENTRY_SYMBOL "passerelle_plugin_entry"

namespace passerelle::sdk {

std::vector<SettingSpec> settings_from_descriptor(const passerelle_plugin_descriptor& d);

// Plugins linked statically into a test binary register here instead of exporting the gate
// (Envoy's REGISTER_FACTORY). The host's loader looks here for "static:<name>" libraries.
inline std::map<std::string, const passerelle_plugin_descriptor*>& static_plugin_registry() {
  static std::map<std::string, const passerelle_plugin_descriptor*> registry;
  return registry;
}

namespace detail {
template <typename AdapterT>
void* create_adapter(char* error, std::size_t error_size) noexcept {
  try {
    return static_cast<Adapter*>(new AdapterT());
  } catch (const std::exception& e) {
    if (error && error_size) {
      std::snprintf(error, error_size, "%s", e.what());
    }
  } catch (...) {
    if (error && error_size) std::snprintf(error, error_size, "unknown exception in create");
  }
  return nullptr;
}
template <typename AdapterT>
void destroy_adapter(void* a) noexcept {
  delete static_cast<Adapter*>(a);
}
}  // namespace detail
}  // namespace passerelle::sdk

#define PASSERELLE_DETAIL_DESCRIPTOR(NAME, VERSION, SETTINGS, ADAPTER)                                          \
  static const passerelle_plugin_descriptor passerelle_descriptor_instance = {                                 \
      sizeof(passerelle_plugin_descriptor),                                                                    \
      PASSERELLE_ABI_MAJOR,                                                                                    \
      PASSERELLE_ABI_MINOR,                                                                                    \
      NAME,                                                                                                    \
      VERSION,                                                                                                 \
      PASSERELLE_BUILD_FINGERPRINT,                                                                            \
      SETTINGS,                                                                                                \
      static_cast<std::uint32_t>(sizeof(SETTINGS) / sizeof(SETTINGS[0])),                                     \
      &::passerelle::sdk::detail::create_adapter<ADAPTER>,                                                     \
      &::passerelle::sdk::detail::destroy_adapter<ADAPTER>,                                                    \
  };

#if defined(PASSERELLE_STATIC_PLUGIN)
// Linked into a test binary: register under NAME, export nothing.
#define PASSERELLE_PLUGIN(NAME, VERSION, SETTINGS, ADAPTER)                                            \
  namespace {                                                                                          \
  PASSERELLE_DETAIL_DESCRIPTOR(NAME, VERSION, SETTINGS, ADAPTER)                                       \
  const bool passerelle_registered = [] {                                                              \
    ::passerelle::sdk::static_plugin_registry()[NAME] = &passerelle_descriptor_instance;               \
    return true;                                                                                       \
  }();                                                                                                 \
  }
#else
// Built as libpasserelle_<name>.so: export the one gate symbol.
#define PASSERELLE_PLUGIN(NAME, VERSION, SETTINGS, ADAPTER)                                            \
  namespace {                                                                                          \
  PASSERELLE_DETAIL_DESCRIPTOR(NAME, VERSION, SETTINGS, ADAPTER)                                       \
  }                                                                                                    \
  extern "C" __attribute__((visibility("default"))) const passerelle_plugin_descriptor*                \
  passerelle_plugin_entry(void) {                                                                      \
    return &passerelle_descriptor_instance;                                                            \
  }
#endif
