// Shared helpers of the trust plugin tests: the adapter under test, samples, golden files and
// the round-trip comparison.
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "adapter_harness.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "test_context.hpp"

namespace passerelle::trust::testing {

using passerelle::testing::AdapterPtr;
using passerelle::testing::make_static_adapter;
using passerelle::testing::read_json_file;
using passerelle::testing::TestContext;
using sdk::Json;

inline constexpr const char* kApiKey = "tk_live_9f2c41d07b";

inline Json base_settings() { return {{"base_url", "https://api.trust.test"}, {"api_key", kApiKey}}; }

inline std::string sample_path(const std::string& name) { return std::string(PASSERELLE_PLUGIN_SAMPLES_DIR) + "/" + name; }
inline Json sample(const std::string& name) { return read_json_file(sample_path(name)); }

class TrustTest : public ::testing::Test {
 protected:
  TestContext ctx{"trust"};
  AdapterPtr adapter = make_static_adapter("trust", base_settings(), ctx);
};

// A canonical event from JSON, validated the way the host does before calling the adapter.
inline sdk::CloudEvent canonical_event(const Json& j) {
  sdk::ValidationErrors errors;
  auto e = sdk::parse_cloud_event(j, errors);
  if (!e) throw std::runtime_error("test input is not a valid canonical event: " + errors.summary());
  return *e;
}

// Compares with a golden file; PASSERELLE_UPDATE_GOLDEN=1 rewrites it instead (then review the diff).
inline ::testing::AssertionResult matches_golden(const Json& actual, const std::string& name) {
  const std::string path = sample_path(name);
  if (std::getenv("PASSERELLE_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual.dump(2) << "\n";
    return ::testing::AssertionSuccess() << "rewrote " << path;
  }
  const Json expected = read_json_file(path);
  if (actual == expected) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << name << " differs; patch from expected to actual: "
                                       << Json::diff(expected, actual).dump(1);
}

// What the platform must get back from Trust: the very event sent, now from the provider.
inline Json expected_back(const sdk::CloudEvent& sent) {
  Json j = sdk::to_json(sent);
  j["source"] = "/providers/trust";
  j["provider"] = "trust";
  return j;
}

// canonical -> Trust -> canonical, comparing the whole event JSON.
inline ::testing::AssertionResult round_trips(sdk::Adapter& adapter, const sdk::CloudEvent& sent) {
  auto out = adapter.to_provider(sent);
  if (!out) return ::testing::AssertionFailure() << "to_provider: " << out.status().message;
  if (out.value().size() != 1) return ::testing::AssertionFailure() << "to_provider gave " << out.value().size() << " deliveries";
  auto back = adapter.to_canonical(out.value()[0]);
  if (!back) return ::testing::AssertionFailure() << "to_canonical: " << back.status().message;
  if (back.value().size() != 1) return ::testing::AssertionFailure() << "to_canonical gave " << back.value().size() << " events";
  const Json got = sdk::to_json(back.value()[0]);
  const Json want = expected_back(sent);
  if (got == want) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "event " << sent.id << " changed in the round trip: "
                                       << Json::diff(want, got).dump(1);
}

inline const sdk::KafkaRecord& kafka(const sdk::Delivery& d) { return std::get<sdk::KafkaRecord>(d); }

}  // namespace passerelle::trust::testing
