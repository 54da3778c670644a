// Shared helpers of the SAA plugin tests: settings, the adapter, samples and golden files.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "adapter_harness.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "test_context.hpp"

namespace saa_test {

using passerelle::sdk::Json;
namespace sdk = passerelle::sdk;
namespace pt = passerelle::testing;

inline constexpr const char* kApiKey = "k3y-SAA-test-0123456789";

inline Json settings() { return {{"base_url", "https://api.saa.example"}, {"api_key", kApiKey}}; }

inline std::string sample_path(const std::string& name) { return std::string(PASSERELLE_PLUGIN_SAMPLES_DIR) + "/" + name; }
inline Json sample(const std::string& name) { return pt::read_json_file(sample_path(name)); }

// A configured "saa" adapter with its own recording context.
struct Saa {
  explicit Saa(const Json& s = settings()) : adapter(pt::make_static_adapter("saa", s, context)) {}
  pt::TestContext context{"saa"};
  pt::AdapterPtr adapter;
};

inline sdk::CloudEvent parse_event(const Json& j) {
  sdk::ValidationErrors errors;
  auto e = sdk::parse_cloud_event(j, errors);
  if (!e) throw std::runtime_error("test input is not a valid canonical event: " + errors.summary());
  return *e;
}

// The one Kafka record to_provider() must give for `event`.
inline sdk::KafkaRecord single_record(sdk::Adapter& a, const sdk::CloudEvent& event) {
  auto r = a.to_provider(event);
  if (!r) throw std::runtime_error("to_provider failed: " + r.status().message);
  if (r.value().size() != 1) throw std::runtime_error("to_provider gave " + std::to_string(r.value().size()) + " deliveries");
  const auto* k = std::get_if<sdk::KafkaRecord>(&r.value()[0]);
  if (!k) throw std::runtime_error("to_provider gave an HTTP call, not a Kafka record");
  return *k;
}

// The one canonical event to_canonical() must give for `record`.
inline sdk::CloudEvent single_event(sdk::Adapter& a, const sdk::InboundRecord& record) {
  auto r = a.to_canonical(record);
  if (!r) throw std::runtime_error("to_canonical failed: " + r.status().message);
  if (r.value().size() != 1) throw std::runtime_error("to_canonical gave " + std::to_string(r.value().size()) + " events");
  return r.value()[0];
}

// What a canonical event must look like after canonical -> SAA -> canonical: everything the
// same except that it now comes from SAA.
inline Json expected_after_round_trip(const sdk::CloudEvent& original) {
  Json j = sdk::to_json(original);
  j["source"] = "/providers/saa";
  j["provider"] = "saa";
  return j;
}

// The SAA message JSON inside a record.
inline Json saa_message(const sdk::KafkaRecord& r) { return Json::parse(r.value); }

// Compares `actual` with the golden file; SAA_UPDATE_GOLDEN=1 rewrites the file instead (then
// review the diff before committing it).
inline void expect_golden(const Json& actual, const std::string& name) {
  const std::string path = sample_path(name);
  if (std::getenv("SAA_UPDATE_GOLDEN")) {
    std::ofstream(path) << actual.dump(2, ' ', false) << "\n";
    return;
  }
  const Json expected = pt::read_json_file(path);
  EXPECT_EQ(actual, expected) << name << " differs; JSON patch from expected to actual:\n"
                              << Json::diff(expected, actual).dump(2);
}

// The status a to_canonical() of `value` (an SAA message, JSON or raw text) gives.
inline sdk::Status inbound_status(sdk::Adapter& a, const std::string& topic, const std::string& value) {
  sdk::KafkaRecord r;
  r.topic = topic;
  r.key = "k";
  r.value = value;
  auto result = a.to_canonical(r);
  if (result) return sdk::Status::success();
  return result.status();
}

}  // namespace saa_test
