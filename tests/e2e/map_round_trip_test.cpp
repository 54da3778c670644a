// `passerelle map` as an integration developer uses it: canonical -> insurer -> canonical gives
// back the same data, through the real plugin libraries loaded by the shipped config.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "adapter_harness.hpp"
#include "canonical_generator.hpp"
#include "host_e2e_env.hpp"
#include "passerelle/sdk/cloud_event.hpp"

using namespace passerelle::testing;
namespace sdk = passerelle::sdk;

namespace {

struct Trip {
  nlohmann::json deliveries;
  std::vector<nlohmann::json> back;
  std::string error;
};

Trip round_trip(const std::string& adapter, const nlohmann::json& event) {
  Trip t;
  auto to = run_passerelle({"map", "--config", shipped_config(), "--adapter", adapter, "--to", "provider"}, event.dump());
  if (to.exit_code != 0) {
    t.error = "to provider: " + to.err;
    return t;
  }
  t.deliveries = nlohmann::json::parse(to.out);
  for (const auto& d : t.deliveries) {
    auto from = run_passerelle({"map", "--config", shipped_config(), "--adapter", adapter, "--to", "canonical"}, d.dump());
    if (from.exit_code != 0) {
      t.error = "to canonical: " + from.err;
      return t;
    }
    for (auto& e : nlohmann::json::parse(from.out)) t.back.push_back(e);
  }
  return t;
}

void expect_same_event(const nlohmann::json& original, const nlohmann::json& back, const std::string& adapter) {
  // The normalised form is what the platform would see from the SDK.
  sdk::ValidationErrors errors;
  auto norm = sdk::parse_cloud_event(original, errors);
  ASSERT_TRUE(norm) << errors.summary();
  const auto want = sdk::to_json(*norm);
  for (const char* attr : {"id", "type", "subject", "time", "dataschema"}) EXPECT_EQ(back[attr], want[attr]) << attr;
  EXPECT_EQ(back.value("correlationid", ""), want.value("correlationid", ""));
  EXPECT_EQ(back["data"], want["data"]) << "data differs after the round trip through " << adapter;
  EXPECT_EQ(back["provider"], adapter);
  EXPECT_EQ(back["source"], "/providers/" + adapter);
}

const std::vector<std::string> kAdapters = {"saa", "trust", "caar"};

}  // namespace

TEST(MapRoundTrip, EveryCorpusEventThroughEveryAdapter) {
  std::size_t trips = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test_data_dir() + "/canonical")) {
    const auto event = read_json_file(entry.path().string());
    for (const auto& adapter : kAdapters) {
      SCOPED_TRACE(entry.path().filename().string() + " via " + adapter);
      auto t = round_trip(adapter, event);
      ASSERT_TRUE(t.error.empty()) << t.error;
      ASSERT_EQ(t.back.size(), 1u) << t.deliveries.dump(2);
      expect_same_event(event, t.back[0], adapter);
      ++trips;
    }
  }
  EXPECT_GE(trips, 30u);
}

TEST(MapRoundTrip, GeneratedConstatsNobodyWroteByHand) {
  // Seeds fixed so a failure is reproducible; the constats are random in every other respect.
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    const auto event = sdk::to_json(seed % 4 == 0 ? random_verification_event(rng) : random_constat_event(rng));
    for (const auto& adapter : kAdapters) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " via " + adapter);
      auto t = round_trip(adapter, event);
      ASSERT_TRUE(t.error.empty()) << t.error << "\n" << event.dump(2);
      ASSERT_EQ(t.back.size(), 1u);
      expect_same_event(event, t.back[0], adapter);
    }
  }
}

TEST(MapRoundTrip, SaaAndTrustDeliveriesGoToTheirOwnTopics) {
  const auto event = read_json_file(test_data_dir() + "/canonical/constat_two_sides_saa_trust.json");
  auto saa = round_trip("saa", event);
  ASSERT_TRUE(saa.error.empty()) << saa.error;
  EXPECT_EQ(saa.deliveries[0]["kind"], "kafka");
  EXPECT_EQ(saa.deliveries[0]["topic"], "saa-constat.created");
  auto trust = round_trip("trust", event);
  ASSERT_TRUE(trust.error.empty()) << trust.error;
  EXPECT_EQ(trust.deliveries[0]["topic"], "trust-constat.created");
  // The insurer's own shape, not the canonical one.
  EXPECT_FALSE(saa.deliveries[0]["value"].contains("data"));
  EXPECT_NE(saa.deliveries[0]["value"], trust.deliveries[0]["value"]);
  auto caar = round_trip("caar", event);
  ASSERT_TRUE(caar.error.empty()) << caar.error;
  EXPECT_EQ(caar.deliveries[0]["kind"], "http");
}

TEST(MapRoundTrip, InvalidInputExitsOneAndNamesTheProblem) {
  auto not_json = run_passerelle({"map", "--config", shipped_config(), "--adapter", "saa", "--to", "provider"}, "{oops");
  EXPECT_EQ(not_json.exit_code, 1);
  EXPECT_NE(not_json.err.find("stdin is not valid JSON"), std::string::npos) << not_json.err;

  auto event = read_json_file(test_data_dir() + "/canonical/constat_two_sides_saa_trust.json");
  event["data"]["sides"][1]["insurance"].erase("policyNumber");
  auto invalid = run_passerelle({"map", "--config", shipped_config(), "--adapter", "saa", "--to", "provider"}, event.dump());
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_NE(invalid.err.find("data.sides[1].insurance.policyNumber: required"), std::string::npos) << invalid.err;

  auto not_delivery = run_passerelle({"map", "--config", shipped_config(), "--adapter", "saa", "--to", "canonical"},
                                 R"({"kind":"carrier-pigeon"})");
  EXPECT_EQ(not_delivery.exit_code, 1);
  EXPECT_NE(not_delivery.err.find("kind: must be \"kafka\" or \"http\""), std::string::npos) << not_delivery.err;

  auto unmappable = run_passerelle({"map", "--config", shipped_config(), "--adapter", "saa", "--to", "canonical"},
                               R"({"kind":"kafka","topic":"saa-constat.created","key":"k","value":{"entete":{}}})");
  EXPECT_EQ(unmappable.exit_code, 1);
  EXPECT_NE(unmappable.err.find("permanent"), std::string::npos) << unmappable.err;

  auto unknown = run_passerelle({"map", "--config", shipped_config(), "--adapter", "axa", "--to", "provider"}, "{}");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no enabled adapter \"axa\""), std::string::npos);
}
