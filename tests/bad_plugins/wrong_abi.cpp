// Built against a future SDK: ABI major 99. The host must refuse it before calling create().
#include "minimal_adapter.hpp"

namespace {
const passerelle_plugin_descriptor descriptor = {
    sizeof(passerelle_plugin_descriptor), 99, 0, "wrong-abi", "9.9.9", PASSERELLE_BUILD_FINGERPRINT,
    passerelle::testing::kNoSettings, 1,
    [](char*, std::size_t) -> void* { std::abort(); },  // must never be reached
    [](void*) { std::abort(); },
};
}  // namespace

extern "C" __attribute__((visibility("default"))) const passerelle_plugin_descriptor* passerelle_plugin_entry(void) {
  return &descriptor;
}
