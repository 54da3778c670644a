// create() reports a failure (e.g. a resource the plugin needs is absent).
#include <cstdio>

#include "minimal_adapter.hpp"

namespace {
void* create_fails(char* error, std::size_t size) {
  std::snprintf(error, size, "licence file /etc/insurer/licence.key is missing");
  return nullptr;
}
const passerelle_plugin_descriptor descriptor = {
    sizeof(passerelle_plugin_descriptor), PASSERELLE_ABI_MAJOR, PASSERELLE_ABI_MINOR, "create-fails", "1.0.0",
    PASSERELLE_BUILD_FINGERPRINT, passerelle::testing::kNoSettings, 1, &create_fails, [](void*) {},
};
}  // namespace

extern "C" __attribute__((visibility("default"))) const passerelle_plugin_descriptor* passerelle_plugin_entry(void) {
  return &descriptor;
}
