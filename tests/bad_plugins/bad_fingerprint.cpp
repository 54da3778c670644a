// Same ABI, but built with another toolchain: the C++ interface behind the gate is not safe.
#include "minimal_adapter.hpp"

namespace {
const passerelle_plugin_descriptor descriptor = {
    sizeof(passerelle_plugin_descriptor), PASSERELLE_ABI_MAJOR, PASSERELLE_ABI_MINOR, "bad-fingerprint", "1.0.0",
    "clang-3.0;libc++-1;sdk-0.1.0", passerelle::testing::kNoSettings, 1,
    [](char*, std::size_t) -> void* { std::abort(); },
    [](void*) { std::abort(); },
};
}  // namespace

extern "C" __attribute__((visibility("default"))) const passerelle_plugin_descriptor* passerelle_plugin_entry(void) {
  return &descriptor;
}
