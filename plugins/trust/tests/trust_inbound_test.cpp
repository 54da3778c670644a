// Trust -> canonical: ids, envelope attributes, Trust-only fields, and every way a Trust record
// can be wrong (each a permanent error naming the Trust field).
#include "passerelle/sdk/registration_number.hpp"
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

Json revised() { return sample("trust_report_revised.json"); }

sdk::Delivery as_record(const Json& delivery_json) { return sdk::delivery_from_json(delivery_json); }

class TrustInboundTest : public TrustTest {
 protected:
  // Maps a mutated copy of the revised-report sample and expects a permanent error naming `field`.
  void expect_permanent(const Json& delivery_json, const std::string& field, const std::string& words = "") {
    auto out = adapter->to_canonical(as_record(delivery_json));
    ASSERT_FALSE(out.ok()) << "accepted: " << sdk::to_json(out.value()[0]).dump();
    EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
    EXPECT_NE(out.status().message.find(field), std::string::npos) << out.status().message;
    if (!words.empty()) {
      EXPECT_NE(out.status().message.find(words), std::string::npos) << out.status().message;
    }
  }
};

TEST_F(TrustInboundTest, EnvelopeAttributesComeFromTrustsEnvelope) {
  auto out = adapter->to_canonical(as_record(revised()));
  ASSERT_TRUE(out.ok()) << out.status().message;
  const sdk::CloudEvent& e = out.value().at(0);
  EXPECT_EQ(e.type, "constat.updated");
  EXPECT_EQ(e.source, "/providers/trust");
  EXPECT_EQ(e.provider, "trust");
  EXPECT_EQ(e.correlationid, "corr-2026-11-20-8841");
  EXPECT_EQ(e.subject, "CST-2026-004417");
  EXPECT_EQ(e.time, "2026-11-21T08:14:03.512Z");
  EXPECT_EQ(e.data["revision"], 2);
  EXPECT_EQ(e.data["status"], "in_review");
  EXPECT_EQ(e.data["sides"][0]["vehicle"]["registrationNumber"], "01234-114-16");  // Trust prints spaces
  EXPECT_EQ(e.data["sides"][1]["insurance"]["insurerId"], "saa");                  // Trust writes SAA
  EXPECT_EQ(e.data["accident"]["location"]["wilayaCode"], "16");                   // Trust writes 16
}

// Trust's own event ids are not UUIDs: the canonical id is derived from it, so a record read
// twice (after a crash before the offset commit) gives the same id and deduplicates downstream.
TEST_F(TrustInboundTest, NonUuidEventIdGivesTheSameDeterministicIdEveryTime) {
  auto first = adapter->to_canonical(as_record(revised()));
  auto second = adapter->to_canonical(as_record(revised()));
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first.value()[0].id, sdk::deterministic_event_id("trust:TRU-EVT-20261121-000913"));
  EXPECT_EQ(first.value()[0].id, second.value()[0].id);
  EXPECT_TRUE(sdk::is_uuid(first.value()[0].id));

  Json other = revised();
  other["value"]["eventId"] = "TRU-EVT-20261121-000914";
  auto third = adapter->to_canonical(as_record(other));
  ASSERT_TRUE(third.ok());
  EXPECT_NE(third.value()[0].id, first.value()[0].id);
}

TEST_F(TrustInboundTest, UuidEventIdIsKept) {
  auto out = adapter->to_canonical(as_record(sample("trust_coverage_checked.json")));
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(out.value()[0].id, "8d7e6f50-4a3b-4c2d-9e1f-0a9b8c7d6e5f");
}

TEST_F(TrustInboundTest, TrustOnlyFieldsLandUnderExtensionsTrust) {
  auto out = adapter->to_canonical(as_record(revised()));
  ASSERT_TRUE(out.ok()) << out.status().message;
  const Json& ext = out.value()[0].data["extensions"]["trust"];
  EXPECT_EQ(ext["channel"], "AGENCY");
  EXPECT_EQ(ext["claimNumber"], "SIN-16-2026-000871");
  EXPECT_EQ(ext["parties"]["A"], Json({{"fiscalPower", 6}, {"usage", "PRIVATE"}}));
  EXPECT_EQ(ext["expertAssigned"], true);  // from customFields
  // Members nobody mapped are kept by their Trust path, never dropped.
  EXPECT_EQ(ext["unmappedFields"]["payload.accidentReport.parties[0].car.colour"], "GRIS");
  EXPECT_EQ(ext["unmappedFields"]["producer"], "trust-claims-core");
}

// Trust -> canonical -> Trust: the unknown members go back to Trust where they came from.
TEST_F(TrustInboundTest, UnmappedFieldsGoBackToTheirTrustPath) {
  auto in = adapter->to_canonical(as_record(revised()));
  ASSERT_TRUE(in.ok()) << in.status().message;
  auto out = adapter->to_provider(in.value()[0]);
  ASSERT_TRUE(out.ok()) << out.status().message;
  const Json env = Json::parse(kafka(out.value()[0]).value);
  EXPECT_EQ(env["producer"], "trust-claims-core");
  EXPECT_EQ(env["payload"]["accidentReport"]["parties"][0]["car"]["colour"], "GRIS");
  EXPECT_EQ(env["payload"]["accidentReport"]["customFields"]["expertCode"], "EXP-16-07");
  EXPECT_EQ(env["payload"]["accidentReport"]["parties"][0]["car"]["fiscalPower"], 6);
  // The canonical event that came from Trust needs nothing Trust cannot hold.
  EXPECT_FALSE(env["payload"].contains("x-canonical")) << env["payload"]["x-canonical"].dump();
  EXPECT_TRUE(round_trips(*adapter, in.value()[0]));
}

TEST_F(TrustInboundTest, HttpBodyWithTheSameEnvelopeIsAccepted) {
  sdk::HttpCall call;
  call.path = "/webhooks/trust";
  call.body = revised()["value"].dump();
  auto out = adapter->to_canonical(call);
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(out.value()[0].type, "constat.updated");
  EXPECT_EQ(out.value()[0].data["constatId"], "CST-2026-004417");
}

TEST_F(TrustInboundTest, ReturnedEventsPassCanonicalValidation) {
  for (const char* name : {"trust_report_revised.json", "trust_coverage_checked.json"}) {
    auto out = adapter->to_canonical(as_record(sample(name)));
    ASSERT_TRUE(out.ok()) << name << ": " << out.status().message;
    sdk::ValidationErrors errors;
    EXPECT_TRUE(sdk::parse_cloud_event(sdk::to_json(out.value()[0]), errors).has_value()) << errors.summary();
  }
}

TEST_F(TrustInboundTest, MalformedJsonIsPermanent) {
  Json d = revised();
  d["value"] = "{\"eventId\": \"x\", ";
  expect_permanent(d, "value: not valid JSON");
}

TEST_F(TrustInboundTest, MissingReportRefIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"].erase("reportRef");
  expect_permanent(d, "payload.accidentReport.reportRef: required");
}

TEST_F(TrustInboundTest, MissingPolicyNumberOfSecondPartyIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["parties"][1]["policy"].erase("number");
  expect_permanent(d, "payload.accidentReport.parties[1].policy.number: required");
}

TEST_F(TrustInboundTest, BadTimestampIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["incident"]["timestamp"] = "20/11/2026 14:35";
  expect_permanent(d, "payload.accidentReport.incident.timestamp", "ISO 8601");
  Json e = revised();
  e["value"]["occurredAt"] = "2026-02-30T10:00:00Z";
  expect_permanent(e, "occurredAt");
}

TEST_F(TrustInboundTest, BadDateIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["parties"][0]["operator"]["birthDate"] = "1988-13-01";
  expect_permanent(d, "payload.accidentReport.parties[0].operator.birthDate", "YYYY-MM-DD");
  auto out = adapter->to_canonical(as_record(d));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message.find("1988-13-01"), std::string::npos) << out.status().message;  // personal data
}

TEST_F(TrustInboundTest, UnknownStateCodeIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["state"] = "PND";
  expect_permanent(d, "payload.accidentReport.state: unknown code \"PND\"", "OPN, SGN, SUB, ACK, REV, STL, REJ, CLS");
}

TEST_F(TrustInboundTest, StringWhereBooleanExpectedIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["incident"]["flags"]["bodilyInjury"] = "false";
  expect_permanent(d, "payload.accidentReport.incident.flags.bodilyInjury: must be a boolean");
}

TEST_F(TrustInboundTest, UnknownImpactPointIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["parties"][1]["impact"]["points"] = {"B", "X"};
  expect_permanent(d, "payload.accidentReport.parties[1].impact.points[1]");
}

// The message names the rule but never quotes the plate: it is personal data.
TEST_F(TrustInboundTest, BadAlgerianPlateIsNamedWithoutItsValue) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["parties"][0]["car"]["plate"]["number"] = "01234 114 77";
  auto out = adapter->to_canonical(as_record(d));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message.find("payload.accidentReport.parties[0].car.plate.number"), std::string::npos);
  EXPECT_EQ(out.status().message.find("01234"), std::string::npos) << out.status().message;
}

TEST_F(TrustInboundTest, WilayaOutOfRangeIsNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["incident"]["address"]["wilaya"] = 59;
  expect_permanent(d, "payload.accidentReport.incident.address.wilaya", "1..58");
}

TEST_F(TrustInboundTest, DuplicateRolesAreNamed) {
  Json d = revised();
  d["value"]["payload"]["accidentReport"]["parties"][1]["role"] = "A";
  expect_permanent(d, "payload.accidentReport.parties[1].role: duplicate role A");
}

TEST_F(TrustInboundTest, UnknownEventTypeIsNamed) {
  Json d = revised();
  d["value"]["eventType"] = "ACCIDENT_REPORT_DELETED";
  expect_permanent(d, "eventType: unknown code \"ACCIDENT_REPORT_DELETED\"");
}

TEST_F(TrustInboundTest, EventTypeOnTheWrongTopicIsNamed) {
  Json d = revised();
  d["topic"] = "trust-constat.created";
  expect_permanent(d, "eventType: ACCIDENT_REPORT_REVISED does not belong on topic trust-constat.created");
}

TEST_F(TrustInboundTest, TopicNotSubscribedIsPermanent) {
  Json d = revised();
  d["topic"] = "saa-constat.updated";
  expect_permanent(d, "topic \"saa-constat.updated\"");
}

TEST_F(TrustInboundTest, OtherSchemaMajorIsNamed) {
  Json d = revised();
  d["value"]["schemaVersion"] = "3.0";
  expect_permanent(d, "schemaVersion: must be a 2.x version");
}

TEST_F(TrustInboundTest, NotCoveredWithoutReasonIsNamed) {
  Json d = sample("trust_coverage_checked.json");
  d["value"]["payload"]["coverageCheck"].erase("reason");
  expect_permanent(d, "payload.coverageCheck.reason: required when result is NOT_COVERED");
}

TEST_F(TrustInboundTest, MissingPayloadObjectIsNamed) {
  Json d = sample("trust_coverage_checked.json");
  d["value"]["payload"] = {{"accidentReport", Json::object()}};
  expect_permanent(d, "payload.coverageCheck: required");
}

TEST_F(TrustInboundTest, MalformedXCanonicalIsNamed) {
  Json d = revised();
  d["value"]["payload"]["x-canonical"] = {{"op", "replace"}};
  expect_permanent(d, "payload.x-canonical: must be an array of JSON Patch operations");
  d["value"]["payload"]["x-canonical"] = Json::array({{{"op", "add"}}});
  expect_permanent(d, "payload.x-canonical[0]");
}

TEST_F(TrustInboundTest, EveryProblemIsReportedAtOnce) {
  Json d = revised();
  auto& report = d["value"]["payload"]["accidentReport"];
  report.erase("reportRef");
  report["version"] = 0;
  report["parties"][0]["boxesTicked"] = {3, 3, 18};
  auto out = adapter->to_canonical(as_record(d));
  ASSERT_FALSE(out.ok());
  const std::string& m = out.status().message;
  EXPECT_NE(m.find("payload.accidentReport.reportRef: required"), std::string::npos) << m;
  EXPECT_NE(m.find("payload.accidentReport.version: must be an integer >= 1"), std::string::npos) << m;
  EXPECT_NE(m.find("payload.accidentReport.parties[0].boxesTicked[1]: duplicate box"), std::string::npos) << m;
  EXPECT_NE(m.find("payload.accidentReport.parties[0].boxesTicked[2]: must be a box number 1..17"), std::string::npos) << m;
}

}  // namespace
}  // namespace passerelle::trust::testing
