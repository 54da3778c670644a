// The descriptor checks of the gate, on crafted descriptors (the same checks run on real
// libraries in tests/integration/plugin_loading_test.cpp).
#include <gtest/gtest.h>

#include "plugin_loader.hpp"

using passerelle::host::check_descriptor;
using passerelle::host::PluginLoadError;

namespace {

passerelle_plugin_descriptor good() {
  static const passerelle_setting_spec none[] = {{"x", "string", nullptr, 0, "x"}};
  return {sizeof(passerelle_plugin_descriptor),
          PASSERELLE_ABI_MAJOR,
          PASSERELLE_ABI_MINOR,
          "good",
          "1.0.0",
          PASSERELLE_BUILD_FINGERPRINT,
          none,
          1,
          [](char*, std::size_t) -> void* { return nullptr; },
          [](void*) {}};
}

std::string rejection(const passerelle_plugin_descriptor& d) {
  try {
    check_descriptor(&d, "/plugins/libpasserelle_x.so");
  } catch (const PluginLoadError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(PluginGate, AcceptsADescriptorOfThisBuild) { EXPECT_EQ(rejection(good()), ""); }

TEST(PluginGate, OtherAbiMajorNamesFileAndBothVersions) {
  auto d = good();
  d.abi_major = 2;
  d.abi_minor = 3;
  const auto msg = rejection(d);
  EXPECT_NE(msg.find("/plugins/libpasserelle_x.so"), std::string::npos) << msg;
  EXPECT_NE(msg.find("plugin ABI 2.3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("host ABI 1.0"), std::string::npos) << msg;
}

TEST(PluginGate, LargerStructThanTheHostKnowsIsRefused) {
  auto d = good();
  d.struct_size = sizeof(passerelle_plugin_descriptor) + 8;
  EXPECT_NE(rejection(d).find("descriptor is"), std::string::npos);
}

TEST(PluginGate, TruncatedStructIsRefused) {
  auto d = good();
  d.struct_size = 8;
  EXPECT_NE(rejection(d).find("descriptor is 8 bytes"), std::string::npos);
}

TEST(PluginGate, FingerprintMismatchQuotesBoth) {
  auto d = good();
  d.fingerprint = "clang-3.0;libc++-1;sdk-0.1.0";
  const auto msg = rejection(d);
  EXPECT_NE(msg.find("clang-3.0;libc++-1;sdk-0.1.0"), std::string::npos) << msg;
  EXPECT_NE(msg.find(PASSERELLE_BUILD_FINGERPRINT), std::string::npos) << msg;
}

TEST(PluginGate, MissingCallbacksAreRefused) {
  auto d = good();
  d.create = nullptr;
  EXPECT_NE(rejection(d).find("incomplete"), std::string::npos);
}

TEST(PluginGate, NullDescriptorIsRefused) {
  try {
    check_descriptor(nullptr, "lib.so");
    FAIL();
  } catch (const PluginLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("returned no descriptor"), std::string::npos);
  }
}
