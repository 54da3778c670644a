// CAAR golden files, both directions: what CAAR receives for a canonical event, and the
// canonical event a CAAR record becomes. A change to either is a change of contract with CAAR.
#include "generic_rest_test_support.hpp"

namespace passerelle::generic_rest::testing {
namespace {

class CaarGolden : public ::testing::Test {
 protected:
  TestContext ctx{"caar"};
  AdapterPtr adapter = make_static_adapter("generic-rest", caar_settings(), ctx);

  Json outbound(const char* event_file) {
    return sdk::to_json(sdk::Delivery(single_call(adapter->to_provider(parse_event(sample(event_file))))));
  }
  Json inbound(const Json& delivery_json) {
    auto r = adapter->to_canonical(sdk::delivery_from_json(delivery_json));
    if (!r.ok()) throw std::runtime_error(r.status().message);
    EXPECT_EQ(r.value().size(), 1u);
    return sdk::to_json(r.value().at(0));
  }
};

TEST_F(CaarGolden, ConstatUpdatedBecomesThisPutRequest) {
  const Json expected = sample("caar_constat_request.json");
  const Json actual = outbound("caar_constat_event.json");
  EXPECT_EQ(actual, expected) << "diff: " << Json::diff(expected, actual).dump(2);
}

TEST_F(CaarGolden, VehicleVerifiedBecomesThisPostRequest) {
  const Json expected = sample("caar_vehicle_request.json");
  const Json actual = outbound("caar_vehicle_event.json");
  EXPECT_EQ(actual, expected) << "diff: " << Json::diff(expected, actual).dump(2);
  // Everything fits CAAR's fields exactly: nothing needs the unmapped area.
  EXPECT_FALSE(actual["body"].contains("eassurance_data"));
}

TEST_F(CaarGolden, CaarClaimWebhookBecomesThisCanonicalEvent) {
  const Json expected = sample("caar_claim_canonical.json");
  const Json actual = inbound(sample("caar_claim_webhook.json"));
  EXPECT_EQ(actual, expected) << "diff: " << Json::diff(expected, actual).dump(2);
}

TEST_F(CaarGolden, CaarVehicleCheckWebhookBecomesThisCanonicalEvent) {
  const Json expected = sample("caar_vehicle_check_canonical.json");
  const Json actual = inbound(sample("caar_vehicle_check_webhook.json"));
  EXPECT_EQ(actual, expected) << "diff: " << Json::diff(expected, actual).dump(2);
}

TEST_F(CaarGolden, GoldenRequestReadsBackAsTheGoldenEvent) {
  const auto event = parse_event(sample("caar_constat_event.json"));
  const Json back = inbound(sample("caar_constat_request.json"));
  EXPECT_EQ(back["data"], event.data);
  EXPECT_EQ(back["id"], event.id);
  EXPECT_EQ(back["time"], event.time);
  EXPECT_EQ(back["correlationid"], *event.correlationid);
  EXPECT_EQ(back["causationid"], *event.causationid);
  EXPECT_EQ(back["source"], "/providers/caar");
  EXPECT_EQ(back["provider"], "caar");
}

// CAAR's own fields (no canonical place) go back to CAAR where CAAR put them.
TEST_F(CaarGolden, CaarOwnFieldsGoBackToCaar) {
  const Json webhook = sample("caar_claim_webhook.json");
  const auto canonical = parse_event(inbound(webhook));
  const Json body = Json::parse(single_call(adapter->to_provider(canonical)).body);
  EXPECT_EQ(body["adjuster"], webhook["body"]["adjuster"]);
  EXPECT_EQ(body["settlement_amount_dzd"], 185000);
  EXPECT_EQ(body["status"], "SETTLED");
  EXPECT_EQ(body["loss_date"], "20/11/2026 14:35");
}

TEST_F(CaarGolden, NonUuidInsurerIdGivesTheSameEventIdEveryTime) {
  const Json a = inbound(sample("caar_claim_webhook.json"));
  const Json b = inbound(sample("caar_claim_webhook.json"));
  EXPECT_EQ(a["id"], b["id"]);
  EXPECT_EQ(a["id"], sdk::deterministic_event_id("caar:CAAR-EVT-000981"));
  Json other = sample("caar_claim_webhook.json");
  other["body"]["event_id"] = "CAAR-EVT-000982";
  EXPECT_NE(inbound(other)["id"], a["id"]);
}

TEST_F(CaarGolden, KafkaRecordWithTheSameBodyGivesTheSameEvent) {
  const Json webhook = sample("caar_claim_webhook.json");
  sdk::KafkaRecord k;
  k.topic = "caar-claims";
  k.key = "CST-2026-004217";
  k.headers = {{"X-Correlation-ID", "caar-corr-000981"}};
  k.value = webhook["body"].dump();
  auto r = adapter->to_canonical(k);
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(sdk::to_json(r.value().at(0)), sample("caar_claim_canonical.json"));
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
