// An insurer record that cannot become a valid canonical event is refused as permanent (the
// host dead-letters it) with a message naming the insurer field at fault.
#include "generic_rest_test_support.hpp"

namespace passerelle::generic_rest::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class InboundErrors : public ::testing::Test {
 protected:
  TestContext ctx{"caar"};
  AdapterPtr adapter = make_static_adapter("generic-rest", caar_settings(), ctx);
  Json body = sample("caar_claim_webhook.json")["body"];

  sdk::Status refuse(const std::string& text) {
    sdk::HttpCall c;
    c.body = text;
    auto r = adapter->to_canonical(c);
    EXPECT_FALSE(r.ok()) << "accepted: " << (r.ok() ? sdk::to_json(r.value().at(0)).dump() : "");
    return r.ok() ? sdk::Status::success() : r.status();
  }
  sdk::Status refuse(const Json& j) { return refuse(j.dump()); }
};

TEST_F(InboundErrors, TheUnchangedRecordIsAccepted) {
  auto r = adapter->to_canonical(webhook(body));
  ASSERT_TRUE(r.ok()) << r.status().message;
}

TEST_F(InboundErrors, MalformedJson) {
  const auto st = refuse(std::string("{\"claim_number\": \"CST-1\", "));
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_THAT(st.message, HasSubstr("caar: the insurer record is not valid JSON"));
}

TEST_F(InboundErrors, BodyThatIsNotAnObject) {
  EXPECT_THAT(refuse(Json::array({body})).message, HasSubstr("must be a JSON object"));
}

TEST_F(InboundErrors, MissingRequiredMappedField) {
  body.erase("claim_number");
  const auto st = refuse(body);
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_THAT(st.message, HasSubstr("/claim_number: required field missing (mapping.constat.fields[0])"));
}

TEST_F(InboundErrors, MissingFieldTheCanonicalModelRequires) {
  body["parties"][0]["vehicle"].erase("make");
  const auto st = refuse(body);
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_THAT(st.message, HasSubstr("field /parties/0/vehicle/make (data.sides[0].vehicle.make): required"));
}

TEST_F(InboundErrors, InvalidPlateNamesTheInsurerField) {
  body["parties"][1]["vehicle"]["plate"] = "774-311-99";
  EXPECT_THAT(refuse(body).message, HasSubstr("field /parties/1/vehicle/plate (data.sides[1].vehicle.registrationNumber)"));
}

TEST_F(InboundErrors, ValueNotInTheTable) {
  body["status"] = "PENDING_PAYMENT";
  const auto st = refuse(body);
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_THAT(st.message, HasSubstr("/status: value \"PENDING_PAYMENT\" is not in the value table"));
}

TEST_F(InboundErrors, ValueNotInTheTableInsideAnArray) {
  body["parties"][1]["signature_method"] = "FAX";
  EXPECT_THAT(refuse(body).message, HasSubstr("/parties/1/signature_method: value \"FAX\" is not in the value table"));
}

TEST_F(InboundErrors, BooleanThatIsNeitherYNorN) {
  body["bodily_injury"] = "O";
  EXPECT_THAT(refuse(body).message, HasSubstr("/bodily_injury: value \"O\" is neither \"Y\" (true) nor \"N\" (false)"));
}

TEST_F(InboundErrors, DateInTheWrongFormatDoesNotEchoTheValue) {
  body["parties"][1]["driver"]["birth_date"] = "1988-02-29";
  const auto st = refuse(body);
  EXPECT_THAT(st.message, HasSubstr("/parties/1/driver/birth_date: does not match the date format \"%d/%m/%Y\""));
  EXPECT_THAT(st.message, Not(HasSubstr("1988")));  // a date of birth is personal data
}

TEST_F(InboundErrors, ImpossibleDate) {
  body["loss_date"] = "31/02/2026 10:00";
  EXPECT_THAT(refuse(body).message, HasSubstr("/loss_date: does not match the date format"));
}

TEST_F(InboundErrors, ArrayFieldThatIsNotAnArray) {
  body["parties"] = Json::object();
  EXPECT_THAT(refuse(body).message, HasSubstr("/parties: must be an array"));
}

TEST_F(InboundErrors, UnknownEventType) {
  body["event_type"] = "CLAIM_DELETED";
  EXPECT_THAT(refuse(body).message, HasSubstr("field /event_type: value \"CLAIM_DELETED\" is not in the value table"));
}

TEST_F(InboundErrors, NoEventType) {
  body.erase("event_type");
  EXPECT_THAT(refuse(body).message, HasSubstr("cannot tell the event type of the insurer record: no value at field /event_type"));
}

TEST_F(InboundErrors, DefaultTypeForInsurersThatSendOneKind) {
  Json s = caar_settings();
  s["envelope"]["type"]["default"] = "constat.updated";
  auto with_default = make_static_adapter("generic-rest", s, ctx);
  body.erase("event_type");
  auto r = with_default->to_canonical(webhook(body));
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(r.value().at(0).type, "constat.updated");
}

TEST_F(InboundErrors, InvalidEventTime) {
  body["event_time"] = "21/11/2026";
  EXPECT_THAT(refuse(body).message, HasSubstr("field /event_time (time)"));
}

TEST_F(InboundErrors, TamperedUnmappedArea) {
  body["eassurance_data"] = "not an object";
  EXPECT_THAT(refuse(body).message, HasSubstr("/eassurance_data: not an unmapped area written by this adapter"));
}

TEST_F(InboundErrors, NoIdAtAllGivesAnIdFromTheRecordItself) {
  body.erase("event_id");
  auto a = adapter->to_canonical(webhook(body));
  auto b = adapter->to_canonical(webhook(body));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value()[0].id, b.value()[0].id);
  body["version"] = 5;
  auto c = adapter->to_canonical(webhook(body));
  ASSERT_TRUE(c.ok());
  EXPECT_NE(c.value()[0].id, a.value()[0].id);
}

TEST_F(InboundErrors, MissingTimeTakesTheHostClock) {
  body.erase("event_time");
  auto r = adapter->to_canonical(webhook(body));
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(r.value()[0].time, sdk::now_rfc3339(ctx.now()));
}

TEST_F(InboundErrors, VehicleVerifiedWithoutItsMappingIsRefused) {
  TestContext c("acme");
  Json s = minimal_settings();
  s["mapping"].erase("vehicle_verification");
  s["endpoints"].erase("vehicle_verified");
  s["envelope"] = {{"type", {{"body", "/kind"}}}};
  auto a = make_static_adapter("generic-rest", s, c);
  sdk::HttpCall call;
  call.body = Json{{"kind", "vehicle.verified"}}.dump();
  auto r = a->to_canonical(call);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message, HasSubstr("not mapped (set mapping.vehicle_verification)"));
  // And outbound, such an event is simply not for this insurer.
  auto out = a->to_provider(parse_event(sample("caar_vehicle_event.json")));
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out.value().empty());
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
