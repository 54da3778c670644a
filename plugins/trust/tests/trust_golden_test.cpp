// Golden files in both directions: a reviewed canonical event -> Trust record, and a reviewed
// Trust record -> canonical event. A change to either mapping shows up as a diff here.
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

TEST_F(TrustTest, ConstatCreatedMapsToGoldenTrustRecord) {
  const auto event = canonical_event(sample("canonical_constat_created.json"));
  auto out = adapter->to_provider(event);
  ASSERT_TRUE(out.ok()) << out.status().message;
  ASSERT_EQ(out.value().size(), 1u);
  EXPECT_TRUE(matches_golden(sdk::to_json(out.value()[0]), "trust_constat_created.expected.json"));
}

TEST_F(TrustTest, VehicleVerifiedMapsToGoldenTrustRecord) {
  const auto event = canonical_event(sample("canonical_vehicle_verified.json"));
  auto out = adapter->to_provider(event);
  ASSERT_TRUE(out.ok()) << out.status().message;
  ASSERT_EQ(out.value().size(), 1u);
  EXPECT_TRUE(matches_golden(sdk::to_json(out.value()[0]), "trust_vehicle_verified.expected.json"));
}

TEST_F(TrustTest, TrustReportRevisedMapsToGoldenCanonicalEvent) {
  const auto record = sdk::delivery_from_json(sample("trust_report_revised.json"));
  auto out = adapter->to_canonical(record);
  ASSERT_TRUE(out.ok()) << out.status().message;
  ASSERT_EQ(out.value().size(), 1u);
  const Json got = sdk::to_json(out.value()[0]);
  EXPECT_TRUE(matches_golden(got, "canonical_constat_updated.expected.json"));
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_cloud_event(got, errors).has_value()) << errors.summary();
}

TEST_F(TrustTest, TrustCoverageCheckedMapsToGoldenCanonicalEvent) {
  const auto record = sdk::delivery_from_json(sample("trust_coverage_checked.json"));
  auto out = adapter->to_canonical(record);
  ASSERT_TRUE(out.ok()) << out.status().message;
  ASSERT_EQ(out.value().size(), 1u);
  const Json got = sdk::to_json(out.value()[0]);
  EXPECT_TRUE(matches_golden(got, "canonical_vehicle_verified.expected.json"));
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_cloud_event(got, errors).has_value()) << errors.summary();
}

// The golden inputs themselves must survive the trip they describe.
TEST_F(TrustTest, GoldenCanonicalSamplesRoundTrip) {
  EXPECT_TRUE(round_trips(*adapter, canonical_event(sample("canonical_constat_created.json"))));
  EXPECT_TRUE(round_trips(*adapter, canonical_event(sample("canonical_vehicle_verified.json"))));
}

}  // namespace
}  // namespace passerelle::trust::testing
