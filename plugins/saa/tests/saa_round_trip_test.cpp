// Canonical -> SAA -> canonical gives back the same event, for the shared canonical samples and
// for thousands of generated ones; and SAA's own changes win over the carried exact values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "canonical_generator.hpp"
#include "saa_test_support.hpp"

using namespace saa_test;

namespace {

// One full round trip; returns the SAA record too so tests can look at it.
sdk::KafkaRecord expect_round_trip(Saa& saa, const sdk::CloudEvent& original, const std::string& label) {
  sdk::KafkaRecord record;
  try {
    record = single_record(*saa.adapter, original);
    const auto back = single_event(*saa.adapter, record);
    const Json expected = expected_after_round_trip(original);
    const Json actual = sdk::to_json(back);
    EXPECT_EQ(actual, expected) << label << ": round trip changed the event; patch expected -> actual:\n"
                                << Json::diff(expected, actual).dump(2) << "\nSAA record: " << record.value;
    sdk::ValidationErrors errors;
    EXPECT_TRUE(sdk::parse_cloud_event(actual, errors)) << label << ": " << errors.summary();
  } catch (const std::exception& e) {
    ADD_FAILURE() << label << ": " << e.what() << "\nevent: " << sdk::to_json(original).dump();
  }
  return record;
}

// SAA_ROUND_TRIP_SEEDS=<n> runs n seeds instead of the default, for a longer soak before a release.
std::uint64_t seeds(std::uint64_t default_count) {
  const char* s = std::getenv("SAA_ROUND_TRIP_SEEDS");
  return s ? std::max<std::uint64_t>(std::strtoull(s, nullptr, 10), 1) : default_count;
}

std::vector<std::filesystem::path> canonical_samples() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(pt::test_data_dir() + "/canonical"))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

// 1. Every shared canonical sample, none skipped.
TEST(SaaRoundTrip, EverySharedCanonicalSample) {
  Saa saa;
  const auto files = canonical_samples();
  ASSERT_GE(files.size(), 1u) << "no samples in " << pt::test_data_dir() << "/canonical";
  int done = 0;
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    auto event = parse_event(pt::read_json_file(f.string()));
    expect_round_trip(saa, event, f.filename().string());
    ++done;
  }
  EXPECT_EQ(done, static_cast<int>(files.size()));
}

// 2. The plugin's own canonical samples (lossy times, extensions, other minor schema, ...).
TEST(SaaRoundTrip, PluginSamples) {
  Saa saa;
  for (const char* name : {"canonical_constat_created.json", "canonical_constat_lossy.json",
                           "canonical_vehicle_verified.json"})
    expect_round_trip(saa, parse_event(sample(name)), name);
}

// 3. 1500 generated constat events, each seed reproducible.
TEST(SaaRoundTrip, GeneratedConstats) {
  Saa saa;
  int with_complement = 0, with_saa_fields = 0;
  for (std::uint64_t seed = 1; seed <= seeds(1500); ++seed) {
    std::mt19937_64 rng(seed);
    auto event = pt::random_constat_event(rng);
    const auto record = expect_round_trip(saa, event, "constat seed " + std::to_string(seed));
    if (record.value.empty()) continue;
    Json m = Json::parse(record.value);
    with_complement += m.contains("extensionsCanoniques");
    with_saa_fields += m["corps"].contains("k");  // the generator's SAA extension, placed in corps
    if (::testing::Test::HasFailure()) FAIL() << "stopping at seed " << seed;
  }
  // The generator must actually exercise both paths, or this test proves less than it claims.
  EXPECT_GT(with_complement, 100);
  EXPECT_GT(with_saa_fields, 10);
}

// 4. 1000 generated vehicle.verified events.
TEST(SaaRoundTrip, GeneratedVerifications) {
  Saa saa;
  for (std::uint64_t seed = 1; seed <= seeds(1000); ++seed) {
    std::mt19937_64 rng(seed * 7919);
    expect_round_trip(saa, pt::random_verification_event(rng), "verification seed " + std::to_string(seed));
    if (::testing::Test::HasFailure()) FAIL() << "stopping at seed " << seed;
  }
}

// 5. Generated constats whose sides are all SAA's, with many sides (letters far down the alphabet).
TEST(SaaRoundTrip, GeneratedManySidedSaaConstats) {
  Saa saa;
  pt::GeneratorOptions options;
  options.insurers = {"saa"};
  options.min_sides = 3;
  options.max_sides = 26;
  for (std::uint64_t seed = 1; seed <= seeds(200); ++seed) {
    std::mt19937_64 rng(seed + 1'000'000);
    expect_round_trip(saa, pt::random_constat_event(rng, options), "many-sided seed " + std::to_string(seed));
    if (::testing::Test::HasFailure()) FAIL() << "stopping at seed " << seed;
  }
}

// 6. Edge values the generator does not draw: date-times at the ends of the canonical range,
//    a leap second, "-00:00", extensions that are empty or not objects, SAA extensions that
//    collide with SAA's own field names, an insurer id in capitals, empty strings.
TEST(SaaRoundTrip, EdgeValues) {
  Saa saa;
  const Json base = sample("canonical_constat_created.json");
  const std::vector<std::pair<std::string, std::function<void(Json&)>>> cases = {
      {"year 0000 west of UTC", [](Json& e) { e["data"]["accident"]["occurredAt"] = "0000-01-01T00:10:00+02:00"; }},
      {"year 9999 east", [](Json& e) { e["time"] = "9999-12-31T23:59:59.999999999-23:59"; }},
      {"leap second", [](Json& e) { e["data"]["sides"][0]["signature"]["signedAt"] = "2016-12-31T23:59:60Z"; }},
      {"minus zero", [](Json& e) { e["time"] = "2026-11-20T14:02:00-00:00"; }},
      {"lowercase t and z", [](Json& e) { e["time"] = "2026-11-20t14:02:00z"; }},
      {"empty extensions", [](Json& e) { e["data"]["extensions"] = Json::object(); }},
      {"empty saa extension", [](Json& e) { e["data"]["extensions"] = {{"saa", Json::object()}}; }},
      {"saa extension not an object", [](Json& e) { e["data"]["extensions"] = {{"saa", Json::array({1, "deux"})}}; }},
      {"saa extension naming an SAA field", [](Json& e) { e["data"]["extensions"] = {{"saa", {{"statut", "x"}}}}; }},
      {"saa extension naming the complement", [](Json& e) {
         e["data"]["extensions"] = {{"saa", {{"extensionsCanoniques", {{"a", 1}}}, {"lieu", {{"x", nullptr}}}}}};
       }},
      {"saa extension with empty nested object", [](Json& e) {
         e["data"]["extensions"] = {{"saa", {{"parties", {{"A", Json::object()}}}}}};
       }},
      {"saa extension in a witness and a list position", [](Json& e) {
         e["data"]["extensions"] = {{"saa", {{"temoins", {{"0", {{"cni", "1"}}}}}, {"piecesJointes", {{"0", {{"x", 1}}}}}}}};
       }},
      {"saa extension at a missing position", [](Json& e) {
         e["data"]["extensions"] = {{"saa", {{"temoins", {{"01", {{"cni", "1"}}}}}}}};
       }},
      {"empty strings", [](Json& e) {
         e["correlationid"] = "";
         e["data"]["sides"][0]["remarks"] = "";
         e["data"]["sides"][1]["policyholder"]["firstName"] = "";
       }},
      {"no optional parts", [](Json& e) {
         e.erase("correlationid");
         for (const char* k : {"witnesses", "sketch", "attachments", "extensions"}) e["data"].erase(k);
         e["data"]["accident"]["location"].erase("geo");
       }},
      {"big revision and extreme geo", [](Json& e) {
         e["data"]["revision"] = 9223372036854775807LL;
         e["data"]["accident"]["location"]["geo"] = {{"lat", -90.0}, {"lon", 179.99999999999997}};
       }},
  };
  for (const auto& [label, change] : cases) {
    Json j = base;
    change(j);
    expect_round_trip(saa, parse_event(j), label);
  }

  Json v = sample("canonical_vehicle_verified.json");
  v["data"]["insurerId"] = "Trust";  // the verification schema does not force lowercase
  v["data"]["reasonCode"] = "police_expiree";  // a canonical code that looks like an SAA motif
  v["data"]["vehicle"]["year"] = -5;
  expect_round_trip(saa, parse_event(v), "verification oddities");
  v["data"]["reasonCode"] = "autre";
  v["data"]["status"] = "confirmed";
  expect_round_trip(saa, parse_event(v), "reason autre");
}

// 7. When SAA sends the constat back with a changed accident time, SAA's value wins over the
//    exact value it echoed in the complement.
TEST(SaaRoundTrip, SaaChangesWinOverCarriedExactValues) {
  Saa saa;
  const auto original = parse_event(sample("canonical_constat_lossy.json"));
  const auto record = single_record(*saa.adapter, original);
  Json m = Json::parse(record.value);
  ASSERT_TRUE(m["extensionsCanoniques"]["valeursExactes"].contains("data.accident.occurredAt"));
  m["corps"]["dateHeureAccident"] = "20/11/2026 13:50";
  m["corps"]["parties"][0]["vehicule"]["usage"] = "taxi";  // SAA now fills the party's usage
  auto changed = record;
  changed.value = m.dump();
  const auto back = single_event(*saa.adapter, changed);
  EXPECT_EQ(back.data.at("accident").at("occurredAt"), "2026-11-20T13:50:00+01:00");
  EXPECT_EQ(back.time, original.time) << "an untouched field keeps its exact value";
  const Json& saa_ext = back.data.at("extensions").at("saa");
  EXPECT_EQ(saa_ext.at("parties").at("A").at("vehicule").at("usage"), "taxi");
  EXPECT_EQ(saa_ext.at("parties").at("C").at("vehicule").at("usage"), "taxi")
      << "the carried SAA extension is kept beside SAA's new field";
  EXPECT_EQ(back.data.at("extensions").at("trust").at("dossierInterne"), "TR-2026-55");
}

// 8. SAA -> canonical -> SAA keeps SAA's fields (SAA's own records, relayed back).
TEST(SaaRoundTrip, SaaRecordThroughCanonicalKeepsSaaFields) {
  Saa saa;
  for (const char* name : {"saa_constat_modifie.json", "saa_vehicule_verifie.json"}) {
    SCOPED_TRACE(name);
    const Json in = sample(name);
    auto event = single_event(*saa.adapter, sdk::delivery_from_json(in));
    const Json out = Json::parse(single_record(*saa.adapter, event).value);
    Json expected_body = in["value"]["corps"];
    // Normalisation is the only change: plates get dashes.
    if (expected_body.contains("parties")) {
      expected_body["parties"][0]["vehicule"]["immatriculation"] = "04521-115-16";
    } else {
      expected_body["vehicule"]["immatriculation"] = "04521-115-16";
    }
    EXPECT_EQ(out["corps"], expected_body) << Json::diff(expected_body, out["corps"]).dump(2);
    EXPECT_FALSE(out.contains("extensionsCanoniques")) << out["extensionsCanoniques"].dump();
  }
}
