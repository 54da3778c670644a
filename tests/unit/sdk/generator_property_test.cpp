// The generator is the source of truth for every adapter's round-trip property: if it ever
// produced an invalid or non-canonical event, those tests would fail for the wrong reason.
#include <gtest/gtest.h>

#include <set>

#include "canonical_generator.hpp"
#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::sdk {
namespace {

using testing::GeneratorOptions;

constexpr std::uint64_t kSeeds = 2000;

void expect_round_trip(const CloudEvent& e, std::uint64_t seed) {
  ValidationErrors errors;
  auto parsed = parse_cloud_event(to_json(e), errors);
  ASSERT_TRUE(parsed) << "seed " << seed << ": " << errors.summary();
  EXPECT_EQ(*parsed, e) << "seed " << seed << "\nsent:   " << to_json(e).dump() << "\nparsed: " << to_json(*parsed).dump();
  // Through text too: that is how events travel on Kafka.
  ValidationErrors text_errors;
  auto from_text = parse_cloud_event(std::string_view(to_json(e).dump()), text_errors);
  ASSERT_TRUE(from_text) << "seed " << seed << ": " << text_errors.summary();
  EXPECT_EQ(*from_text, e) << "seed " << seed;
}

TEST(GeneratorProperty, ConstatEventsParseBackEqual) {
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    expect_round_trip(testing::random_constat_event(rng), seed);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(GeneratorProperty, VerificationEventsParseBackEqual) {
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    expect_round_trip(testing::random_verification_event(rng), seed);
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(GeneratorProperty, TypedValuesValidate) {
  for (std::uint64_t seed = 0; seed < kSeeds; ++seed) {
    std::mt19937_64 rng(seed);
    const Constat c = testing::random_constat(rng);
    EXPECT_TRUE(validate(c).empty()) << "seed " << seed << ": " << validate(c).summary();
    const VehicleVerification v = testing::random_verification(rng);
    EXPECT_TRUE(validate(v).empty()) << "seed " << seed << ": " << validate(v).summary();
    // What the generator wrote is already canonical: parsing changes nothing.
    ValidationErrors errors;
    EXPECT_EQ(parse_constat(to_json(c), errors), c) << "seed " << seed;
    EXPECT_EQ(parse_vehicle_verification(to_json(v), errors), v) << "seed " << seed;
  }
}

TEST(GeneratorProperty, SameSeedSameValue) {
  std::mt19937_64 a(42), b(42), c(43);
  const CloudEvent first = testing::random_constat_event(a);
  EXPECT_EQ(first, testing::random_constat_event(b));
  EXPECT_NE(first, testing::random_constat_event(c));
}

TEST(GeneratorProperty, EnvelopeIsWellFormed) {
  for (std::uint64_t seed = 0; seed < 200; ++seed) {
    std::mt19937_64 rng(seed);
    const CloudEvent e = testing::random_constat_event(rng);
    EXPECT_TRUE(is_uuid(e.id)) << e.id;
    EXPECT_EQ(e.id[14], '4') << "a random id is a version 4 UUID: " << e.id;
    EXPECT_EQ(e.source, "/eassurance");
    EXPECT_EQ(e.subject, constat_of(e).constatId);
    EXPECT_EQ(e.dataschema, dataschema_for(e.type));
    if (e.type == kTypeConstatUpdated) {
      EXPECT_GE(constat_of(e).revision, 2);
    }
    const CloudEvent v = testing::random_verification_event(rng);
    const VehicleVerification vv = verification_of(v);
    EXPECT_EQ(v.subject, vehicle_subject(vv.vehicle.registrationCountry, vv.vehicle.registrationNumber));
    EXPECT_EQ(v.dataschema, dataschema_for(kTypeVehicleVerified));
  }
}

// Coverage of the generator itself: a generator that never produced, say, four sides or an
// empty circumstance list would let an adapter bug through every property test.
TEST(GeneratorProperty, ExploresTheWholeModel) {
  GeneratorOptions options;
  std::set<std::size_t> side_counts;
  std::set<std::string> insurers, statuses, zones, countries, types, verification_statuses, reasons, guarantees;
  std::set<std::string> offsets;
  bool empty_circ = false, all_circ = false, arabic = false, accent = false, apostrophe = false, quote = false;
  bool witnesses = false, sketch = false, attachments = false, geo = false, trailer = false, agency_address = false;
  bool licence = false, extensions = false, correlation = false, no_correlation = false, fraction = false, sha = false;
  bool reason_when_confirmed = false;
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    std::mt19937_64 rng(seed);
    const CloudEvent e = testing::random_constat_event(rng, options);
    const Constat c = constat_of(e);
    types.insert(e.type);
    (e.correlationid ? correlation : no_correlation) = true;
    side_counts.insert(c.sides.size());
    statuses.insert(c.status);
    witnesses |= c.witnesses.has_value();
    sketch |= c.sketch.has_value();
    attachments |= c.attachments && !c.attachments->empty();
    geo |= c.accident.location.geo.has_value();
    extensions |= c.extensions.has_value();
    const std::string dump = e.data.dump();
    arabic |= dump.find("بن علي") != std::string::npos;
    accent |= dump.find("Hélène") != std::string::npos || dump.find("Benaïssa") != std::string::npos;
    apostrophe |= dump.find('\'') != std::string::npos;
    quote |= dump.find("\\\"") != std::string::npos;
    const std::string& t = c.accident.occurredAt;
    offsets.insert(t.back() == 'Z' ? "Z" : t.substr(t.size() - 6));
    fraction |= t.find('.') != std::string::npos;
    for (const auto& s : c.sides) {
      insurers.insert(s.insurance.insurerId);
      countries.insert(s.vehicle.registrationCountry);
      empty_circ |= s.circumstances.empty();
      all_circ |= s.circumstances.size() == 17;
      trailer |= s.vehicle.trailer.has_value();
      agency_address |= s.insurance.agency && s.insurance.agency->address;
      licence |= s.driver.licence.has_value();
      if (s.initialImpact) zones.insert(s.initialImpact->zones.begin(), s.initialImpact->zones.end());
    }
    if (c.attachments)
      for (const auto& a : *c.attachments) sha |= a.sha256.has_value();
    const VehicleVerification v = testing::random_verification(rng, options);
    verification_statuses.insert(v.status);
    if (v.reasonCode) reasons.insert(*v.reasonCode);
    reason_when_confirmed |= v.status == "confirmed" && v.reasonCode;
    if (v.coverage) guarantees.insert(v.coverage->guarantees.begin(), v.coverage->guarantees.end());
  }
  EXPECT_EQ(side_counts, (std::set<std::size_t>{1, 2, 3, 4}));
  EXPECT_EQ(insurers, (std::set<std::string>{"saa", "trust", "caar"}));
  EXPECT_EQ(statuses.size(), kConstatStatuses.size());
  EXPECT_EQ(zones.size(), kImpactZones.size());
  EXPECT_TRUE(countries.count("DZ") && countries.count("FR"));
  EXPECT_EQ(types, (std::set<std::string>{kTypeConstatCreated, kTypeConstatUpdated}));
  EXPECT_EQ(verification_statuses, (std::set<std::string>{"confirmed", "unconfirmed"}));
  EXPECT_TRUE(reasons.count("vehicle_not_found"));
  EXPECT_FALSE(reason_when_confirmed) << "reasonCode belongs to unconfirmed verdicts only";
  EXPECT_EQ(guarantees, (std::set<std::string>{"RC", "DR", "DASC", "VIV", "BDG", "PT"}));
  EXPECT_TRUE(offsets.count("Z") && offsets.count("+01:00") && offsets.count("+00:00") && offsets.count("-05:00"));
  EXPECT_TRUE(empty_circ && all_circ);
  EXPECT_TRUE(arabic && accent && apostrophe && quote);
  EXPECT_TRUE(witnesses && sketch && attachments && geo && trailer && agency_address && licence && extensions);
  EXPECT_TRUE(correlation && no_correlation && fraction && sha);
}

TEST(GeneratorProperty, HonoursOptions) {
  GeneratorOptions options;
  options.insurers = {"alliance"};
  options.min_sides = 2;
  options.max_sides = 2;
  for (std::uint64_t seed = 0; seed < 100; ++seed) {
    std::mt19937_64 rng(seed);
    const Constat c = testing::random_constat(rng, options);
    ASSERT_EQ(c.sides.size(), 2u);
    EXPECT_EQ(c.sides[0].side, "A");
    EXPECT_EQ(c.sides[1].side, "B");
    for (const auto& s : c.sides) EXPECT_EQ(s.insurance.insurerId, "alliance");
    EXPECT_EQ(testing::random_verification(rng, options).insurerId, "alliance");
  }
}

}  // namespace
}  // namespace passerelle::sdk
