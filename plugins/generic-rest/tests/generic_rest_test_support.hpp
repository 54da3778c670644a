// Shared helpers of the generic-rest tests: sample files, configured adapters, and the round
// trip canonical -> insurer -> canonical with a readable difference when it is not exact.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <variant>

#include "adapter_harness.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/datetime.hpp"
#include "test_context.hpp"

namespace passerelle::generic_rest::testing {

using passerelle::testing::AdapterPtr;
using passerelle::testing::make_static_adapter;
using passerelle::testing::read_json_file;
using passerelle::testing::TestContext;
using sdk::Json;

inline std::string sample_path(const std::string& name) { return std::string(PASSERELLE_PLUGIN_SAMPLES_DIR) + "/" + name; }
inline Json sample(const std::string& name) { return read_json_file(sample_path(name)); }
inline Json caar_settings() { return sample("caar_settings.json"); }
inline Json minimal_settings() { return sample("minimal_settings.json"); }

// A config with no rule at all: everything travels in the unmapped area.
inline Json no_rule_settings() {
  return {{"base_url", "https://bare.example"},
          {"endpoints",
           {{"constat_created", {{"path", "/c"}}},
            {"constat_updated", {{"path", "/c/{constatId}"}}},
            {"vehicle_verified", {{"path", "/v"}}}}},
          {"mapping", {{"constat", Json::array()}, {"vehicle_verification", Json::array()}}}};
}

// Parses and validates, as the host does before handing an event to an adapter.
inline sdk::CloudEvent parse_event(const Json& j) {
  sdk::ValidationErrors errors;
  auto e = sdk::parse_cloud_event(j, errors);
  if (!e) throw std::runtime_error("invalid canonical event in test: " + errors.summary());
  return *e;
}

inline sdk::HttpCall single_call(const sdk::Result<std::vector<sdk::Delivery>>& r) {
  if (!r.ok()) throw std::runtime_error("to_provider failed: " + r.status().message);
  if (r.value().size() != 1) throw std::runtime_error("expected one delivery, got " + std::to_string(r.value().size()));
  const auto* call = std::get_if<sdk::HttpCall>(&r.value()[0]);
  if (!call) throw std::runtime_error("expected an HttpCall");
  return *call;
}

inline sdk::HttpCall webhook(const Json& body, sdk::Headers headers = {}) {
  sdk::HttpCall c;
  c.method = "POST";
  c.path = "/v1/inbound/caar";
  c.headers = std::move(headers);
  c.body = body.dump();
  return c;
}

// "" when canonical -> insurer -> canonical gives back the event; otherwise what differs.
inline std::string round_trip_mismatch(sdk::Adapter& adapter, const sdk::CloudEvent& in) {
  auto out = adapter.to_provider(in);
  if (!out.ok()) return "to_provider: " + out.status().message;
  if (out.value().size() != 1) return "to_provider gave " + std::to_string(out.value().size()) + " deliveries";
  const sdk::InboundRecord record = out.value()[0];
  auto back = adapter.to_canonical(record);
  if (!back.ok()) return "to_canonical: " + back.status().message + "\nbody: " + std::get<sdk::HttpCall>(record).body;
  if (back.value().size() != 1) return "to_canonical gave " + std::to_string(back.value().size()) + " events";
  const sdk::CloudEvent& b = back.value()[0];
  std::string diff;
  if (b.data != in.data) diff += "data differs: " + Json::diff(in.data, b.data).dump() + "\n";
  if (b.id != in.id) diff += "id " + in.id + " -> " + b.id + "\n";
  if (b.type != in.type) diff += "type " + in.type + " -> " + b.type + "\n";
  if (b.subject != in.subject) diff += "subject " + in.subject + " -> " + b.subject + "\n";
  if (b.time != in.time) diff += "time " + in.time + " -> " + b.time + "\n";
  if (b.correlationid != in.correlationid) diff += "correlationid differs\n";
  if (b.causationid != in.causationid) diff += "causationid differs\n";
  if (b.dataschema != in.dataschema) diff += "dataschema " + in.dataschema + " -> " + b.dataschema + "\n";
  if (b.extra_attributes != in.extra_attributes) diff += "extension attributes differ\n";
  if (!diff.empty()) diff += "insurer body: " + std::get<sdk::HttpCall>(record).body;
  return diff;
}

}  // namespace passerelle::generic_rest::testing
