// Canonical -> insurer -> canonical gives back the same data and envelope, for every shared
// canonical sample and thousands of generated events, under three very different mappings:
// CAAR's full one, a minimal one and one with no rule at all.
#include <filesystem>
#include <random>

#include "canonical_generator.hpp"
#include "generic_rest_test_support.hpp"

namespace passerelle::generic_rest::testing {
namespace {

struct Config {
  const char* name;
  Json settings;
};

std::vector<Config> configs() {
  // strict: required rules on optional fields, a table that cannot hold every value, colliding
  // passthrough values, envelope in headers and a lossy time format.
  return {{"caar", caar_settings()},
          {"minimal", minimal_settings()},
          {"no_rule", no_rule_settings()},
          {"strict", sample("strict_settings.json")}};
}

std::vector<std::string> canonical_samples() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(passerelle::testing::test_data_dir() + "/canonical"))
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

TEST(RoundTrip, SharedCanonicalSamplesUnderEveryConfig) {
  const auto files = canonical_samples();
  ASSERT_GE(files.size(), 5u) << "tests/data/canonical should hold the shared samples";
  for (const auto& config : configs()) {
    TestContext ctx("caar");
    auto adapter = make_static_adapter("generic-rest", config.settings, ctx);
    for (const auto& f : files) {
      const auto event = parse_event(read_json_file(f));
      EXPECT_EQ(round_trip_mismatch(*adapter, event), "") << config.name << " / " << f;
    }
  }
}

void generated_round_trips(const Config& config, std::uint64_t seed, int count) {
  TestContext ctx("caar");
  auto adapter = make_static_adapter("generic-rest", config.settings, ctx);
  std::mt19937_64 rng(seed);
  int failures = 0;
  for (int i = 0; i < count && failures < 5; ++i) {
    // Through the validator first, as the host does (plates with spaces come out dashed).
    const auto constat = parse_event(sdk::to_json(passerelle::testing::random_constat_event(rng)));
    const auto verification = parse_event(sdk::to_json(passerelle::testing::random_verification_event(rng)));
    for (const auto* e : {&constat, &verification}) {
      const std::string mismatch = round_trip_mismatch(*adapter, *e);
      if (!mismatch.empty()) {
        ++failures;
        ADD_FAILURE() << config.name << " seed " << seed << " event " << i << " (" << e->type << "):\n"
                      << mismatch << "\nevent: " << sdk::to_json(*e).dump();
      }
    }
  }
  EXPECT_EQ(failures, 0);
}

TEST(RoundTrip, ThousandGeneratedConstatsAndVerificationsCaar) { generated_round_trips(configs()[0], 20261120, 1000); }
TEST(RoundTrip, ThousandGeneratedConstatsAndVerificationsMinimal) { generated_round_trips(configs()[1], 7, 1000); }
TEST(RoundTrip, GeneratedEventsWithNoRuleAtAll) { generated_round_trips(configs()[2], 99, 300); }
TEST(RoundTrip, GeneratedEventsUnderStrictRules) { generated_round_trips(configs()[3], 1234, 500); }

// Lossy formats must not lose: CAAR's loss_date has no seconds and is in +01:00.
TEST(RoundTrip, LossyDateKeepsTheExactOriginal) {
  TestContext ctx("caar");
  auto adapter = make_static_adapter("generic-rest", caar_settings(), ctx);
  Json j = read_json_file(passerelle::testing::test_data_dir() + "/canonical/constat_minimal.json");
  j["data"]["accident"]["occurredAt"] = "2026-01-01T22:59:59.25Z";
  const auto event = parse_event(j);
  const auto call = single_call(adapter->to_provider(event));
  const Json body = Json::parse(call.body);
  EXPECT_EQ(body["loss_date"], "01/01/2026 23:59");  // the insurer still gets its local time
  EXPECT_EQ(body["eassurance_data"]["data"]["accident"]["occurredAt"], "2026-01-01T22:59:59.25Z");
  EXPECT_EQ(round_trip_mismatch(*adapter, event), "");
}

// An exact date is not duplicated into the unmapped area.
TEST(RoundTrip, ExactDateIsNotDuplicated) {
  TestContext ctx("caar");
  auto adapter = make_static_adapter("generic-rest", caar_settings(), ctx);
  Json j = read_json_file(passerelle::testing::test_data_dir() + "/canonical/constat_minimal.json");
  j["data"]["accident"]["occurredAt"] = "2026-01-01T23:59:00+01:00";
  const auto call = single_call(adapter->to_provider(parse_event(j)));
  const Json body = Json::parse(call.body);
  EXPECT_EQ(body["loss_date"], "01/01/2026 23:59");
  EXPECT_FALSE(body.contains("eassurance_data") && body["eassurance_data"].contains("data") &&
               body["eassurance_data"]["data"].contains("accident"))
      << body.dump();
}

// Extension attributes, a later minor schema and an unusual subject survive too.
TEST(RoundTrip, EnvelopeExtrasSurvive) {
  for (const auto& config : configs()) {
    TestContext ctx("caar");
    auto adapter = make_static_adapter("generic-rest", config.settings, ctx);
    Json j = read_json_file(passerelle::testing::test_data_dir() + "/canonical/constat_two_sides_saa_trust.json");
    j["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    j["dataschema"] = "urn:passerelle:" + j["type"].get<std::string>() + ":1.3";
    j["correlationid"] = "corr-\"quoted\"";
    j["causationid"] = "0d9e8f7a-6b5c-4d3e-a2f1-0a9b8c7d6e5f";
    const auto event = parse_event(j);
    ASSERT_FALSE(event.extra_attributes.empty());
    EXPECT_EQ(round_trip_mismatch(*adapter, event), "") << config.name;
  }
}

// A correlation id that cannot be a header value travels in the body instead of splitting the
// request (or being dropped or trimmed by an HTTP stack).
TEST(RoundTrip, CorrelationIdWithNewlineNeverReachesAHeader) {
  TestContext ctx("caar");
  auto adapter = make_static_adapter("generic-rest", caar_settings(), ctx);
  Json j = read_json_file(passerelle::testing::test_data_dir() + "/canonical/constat_minimal.json");
  j["correlationid"] = "line1\r\nX-Injected: yes";
  const auto event = parse_event(j);
  const auto call = single_call(adapter->to_provider(event));
  EXPECT_FALSE(call.headers.count("X-Correlation-ID"));
  EXPECT_FALSE(call.headers.count("X-Injected"));
  EXPECT_EQ(round_trip_mismatch(*adapter, event), "");
  for (const char* odd : {"", " padded "}) {
    j["correlationid"] = odd;
    const auto e = parse_event(j);
    EXPECT_FALSE(single_call(adapter->to_provider(e)).headers.count("X-Correlation-ID")) << "[" << odd << "]";
    EXPECT_EQ(round_trip_mismatch(*adapter, e), "") << "[" << odd << "]";
  }
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
