// canonical -> Trust -> canonical gives back the whole event (data, id, type, subject, time,
// correlationid, causationid, dataschema, extensions of every insurer) for the shared samples
// and for thousands of generated events. Because x-canonical could in principle carry
// everything, these tests also check that it only carries what Trust's own fields cannot hold:
// otherwise Trust would receive an empty report and the round trip would still pass.
#include <filesystem>
#include <random>
#include <regex>

#include "../src/trust_settings.hpp"
#include "canonical_generator.hpp"
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

namespace fs = std::filesystem;

// Paths x-canonical may restore: date-times Trust keeps in UTC milliseconds, envelope
// attributes Trust has no field for, and other insurers' extensions.
const std::regex kRestorable(
    "/time|/causationid|/dataschema|/data/accident/occurredAt|/data/verifiedAt|"
    "/data/sides/[0-9]+/signature/signedAt|/data/extensions/(?!trust(/|$)).*");

::testing::AssertionResult restores_only_what_trust_cannot_hold(const sdk::Delivery& d) {
  const Json envelope = Json::parse(kafka(d).value);
  const Json& payload = envelope.at("payload");
  if (!payload.contains("x-canonical")) return ::testing::AssertionSuccess();
  for (const Json& op : payload["x-canonical"]) {
    const std::string path = op.at("path").get<std::string>();
    if (path == "/data/extensions" && op.at("op") == "add" && !op.at("value").contains("trust")) continue;
    if (!std::regex_match(path, kRestorable))
      return ::testing::AssertionFailure() << "x-canonical carries " << op.dump() << ", which Trust has a field for";
  }
  return ::testing::AssertionSuccess();
}

std::vector<fs::path> shared_canonical_samples() {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(passerelle::testing::test_data_dir()) / "canonical";
  if (fs::exists(dir))
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST_F(TrustTest, EverySharedCanonicalSampleRoundTrips) {
  const auto files = shared_canonical_samples();
  ASSERT_FALSE(files.empty()) << "no samples under tests/data/canonical";
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    const auto event = canonical_event(read_json_file(f.string()));
    EXPECT_TRUE(round_trips(*adapter, event));
    auto out = adapter->to_provider(event);
    ASSERT_TRUE(out.ok()) << out.status().message;
    EXPECT_TRUE(restores_only_what_trust_cannot_hold(out.value()[0]));
  }
}

TEST_F(TrustTest, ThousandRandomConstatEventsRoundTrip) {
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    std::mt19937_64 rng(seed);
    const auto event = canonical_event(sdk::to_json(passerelle::testing::random_constat_event(rng)));
    ASSERT_TRUE(round_trips(*adapter, event)) << "seed " << seed;
    auto out = adapter->to_provider(event);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(restores_only_what_trust_cannot_hold(out.value()[0])) << "seed " << seed;
  }
}

TEST_F(TrustTest, ThousandRandomVerificationEventsRoundTrip) {
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    std::mt19937_64 rng(seed * 7919);
    const auto event = canonical_event(sdk::to_json(passerelle::testing::random_verification_event(rng)));
    ASSERT_TRUE(round_trips(*adapter, event)) << "seed " << seed * 7919;
    auto out = adapter->to_provider(event);
    ASSERT_TRUE(out.ok());
    ASSERT_TRUE(restores_only_what_trust_cannot_hold(out.value()[0])) << "seed " << seed * 7919;
  }
}

// Constats with many sides, all insured by Trust: every side's Trust fields hold their data.
TEST_F(TrustTest, RandomManySidedTrustConstatsRoundTrip) {
  passerelle::testing::GeneratorOptions options;
  options.insurers = {"trust"};
  options.min_sides = 3;
  options.max_sides = 8;
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    std::mt19937_64 rng(seed + 100000);
    const auto event = canonical_event(sdk::to_json(passerelle::testing::random_constat_event(rng, options)));
    ASSERT_TRUE(round_trips(*adapter, event)) << "seed " << seed + 100000;
  }
}

// When every value fits Trust's fields exactly (UTC millisecond times, no foreign extensions),
// the record carries no x-canonical at all.
TEST_F(TrustTest, NoXCanonicalWhenTrustFieldsHoldEverything) {
  Json j = sample("canonical_constat_created.json");
  j["time"] = "2026-11-20T14:02:11.250Z";
  j["data"]["accident"]["occurredAt"] = "2026-11-20T13:35:00.000Z";
  j["data"]["sides"][0]["signature"]["signedAt"] = "2026-11-20T13:58:40.000Z";
  j["data"]["sides"][1]["signature"]["signedAt"] = "2026-11-20T13:59:05.000Z";
  j["data"]["extensions"].erase("saa");
  const auto event = canonical_event(j);
  auto out = adapter->to_provider(event);
  ASSERT_TRUE(out.ok()) << out.status().message;
  const Json envelope = Json::parse(kafka(out.value()[0]).value);
  EXPECT_FALSE(envelope["payload"].contains("x-canonical")) << envelope["payload"]["x-canonical"].dump();
  EXPECT_TRUE(round_trips(*adapter, event));
}

// Values at the edges of what the canonical model accepts.
TEST_F(TrustTest, EdgeValuesRoundTrip) {
  Json j = sample("canonical_constat_created.json");
  j["time"] = "2026-12-31T23:59:60.123456789-00:00";  // leap second, nanoseconds, "-00:00"
  j["data"]["accident"]["occurredAt"] = "2026-11-20T14:35:00.5+05:30";
  j["data"]["accident"]["location"]["geo"] = {{"lat", -90.0}, {"lon", 180.0}};
  j["data"]["accident"]["location"]["wilayaCode"] = "01";
  j["data"]["revision"] = 9007199254740993LL;
  j["data"]["sides"][0]["insurance"]["insurerId"] = "trust-dz_2";
  j["data"]["sides"][0]["remarks"] = "";
  j["data"]["sides"][1]["vehicle"] = {{"make", "Peugeot"},
                                      {"registrationNumber", "AB-123-CD"},
                                      {"registrationCountry", "FR"},
                                      {"trailer", Json::object()}};
  j["data"]["witnesses"] = Json::array();
  j["data"]["attachments"] = Json::array();
  j["data"]["extensions"]["trust"] = {
      {"channel", 42}, {"parties", {{"Z", {{"fiscalPower", 5}}}}}, {"unmappedFields", "x"}};
  j["data"]["extensions"]["empty"] = Json::object();
  j["causationid"] = "";
  j["dataschema"] = "urn:passerelle:constat.created:1.7";
  j["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  const auto event = canonical_event(j);
  EXPECT_TRUE(round_trips(*adapter, event));
}

// verify_round_trip repeats the proof per event at run time; on valid events it must change
// nothing in what is delivered, and it is off unless asked for.
TEST_F(TrustTest, VerifyRoundTripSettingAcceptsWhatRoundTripsAndChangesNothing) {
  TestContext checking_ctx{"trust"};
  Json settings = base_settings();
  settings["verify_round_trip"] = true;
  AdapterPtr checking = make_static_adapter("trust", settings, checking_ctx);
  const auto files = shared_canonical_samples();
  ASSERT_FALSE(files.empty());
  std::size_t compared = 0;
  for (const auto& f : files) {
    sdk::ValidationErrors errors;
    auto event = sdk::parse_cloud_event(read_json_file(f.string()), errors);
    if (!event) continue;
    auto fast = adapter->to_provider(*event);
    auto checked = checking->to_provider(*event);
    ASSERT_EQ(fast.ok(), checked.ok()) << f;
    if (!fast.ok()) continue;
    ASSERT_EQ(fast.value().size(), checked.value().size()) << f;
    for (std::size_t i = 0; i < fast.value().size(); ++i)
      EXPECT_EQ(kafka(fast.value()[i]).value, kafka(checked.value()[i]).value) << f;
    ++compared;
  }
  EXPECT_GT(compared, 0u);
  const auto& specs = kTrustSettings;
  const auto it = std::find_if(std::begin(specs), std::end(specs), [](const passerelle_setting_spec& s) {
    return std::string(s.name) == "verify_round_trip";
  });
  ASSERT_NE(it, std::end(specs));
  EXPECT_STREQ(it->default_json, "false");
}

}  // namespace
}  // namespace passerelle::trust::testing
