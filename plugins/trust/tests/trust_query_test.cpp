// Gateway GETs against Trust's REST API, through the TestContext's scripted HTTP client.
#include "passerelle/sdk/model_json.hpp"
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

sdk::HttpResponse answer(int status, const Json& body = nullptr) {
  sdk::HttpResponse r;
  r.status = status;
  if (!body.is_null()) r.body = body.dump();
  return r;
}

class TrustQueryTest : public TrustTest {
 protected:
  void reply(sdk::HttpResponse r) {
    ctx.scripted_http().set_handler([r](const std::string&, const sdk::Headers&) { return r; });
  }
  static sdk::GatewayQuery vehicle(const std::string& plate, std::map<std::string, std::string> params = {}) {
    sdk::GatewayQuery q;
    q.kind = sdk::GatewayQuery::Kind::vehicle;
    q.key = plate;
    q.params = std::move(params);
    q.correlation_id = "corr-gw-77";
    return q;
  }
  const passerelle::testing::RecordedRequest& only_request() {
    EXPECT_EQ(ctx.scripted_http().requests.size(), 1u);
    return ctx.scripted_http().requests.at(0);
  }
};

TEST_F(TrustQueryTest, VehicleQueryCallsCoverageEndpointWithApiKey) {
  reply(answer(200, sample("rest_coverage_200.json")));
  auto out = adapter->query(vehicle("01234 114 16", {{"asOf", "2026-11-20"}}));
  ASSERT_TRUE(out.ok()) << out.status().message;
  const auto& req = only_request();
  EXPECT_EQ(req.path, "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-20&country=DZ");
  EXPECT_EQ(req.headers.at("Authorization"), std::string("ApiKey ") + kApiKey);
  EXPECT_EQ(req.headers.at("Accept"), "application/json");
  EXPECT_EQ(req.headers.at("X-Trace-Id"), "corr-gw-77");
}

TEST_F(TrustQueryTest, Vehicle200IsValidCanonicalVehicleVerifiedData) {
  reply(answer(200, sample("rest_coverage_200.json")));
  auto out = adapter->query(vehicle("01234-114-16", {{"asOf", "2026-11-20"}, {"requestRef", "REQ-GW-1"}}));
  ASSERT_TRUE(out.ok()) << out.status().message;
  sdk::ValidationErrors errors;
  auto v = sdk::parse_vehicle_verification(out.value(), errors);
  ASSERT_TRUE(v.has_value()) << errors.summary();
  EXPECT_EQ(v->status, "confirmed");
  EXPECT_EQ(v->insurerId, "trust");
  EXPECT_EQ(v->requestRef, "REQ-GW-1");  // echoed from the gateway request
  EXPECT_TRUE(matches_golden(out.value(), "rest_coverage_200.expected.json"));
}

TEST_F(TrustQueryTest, Vehicle404IsUnconfirmedVehicleNotFound) {
  reply(answer(404, {{"errorCode", "VEHICLE_UNKNOWN"}}));
  auto out = adapter->query(vehicle("99999-199-09", {{"asOf", "2026-11-20"}, {"constatId", "CST-2026-004417"}}));
  ASSERT_TRUE(out.ok()) << out.status().message;
  sdk::ValidationErrors errors;
  auto v = sdk::parse_vehicle_verification(out.value(), errors);
  ASSERT_TRUE(v.has_value()) << errors.summary();
  EXPECT_EQ(v->status, "unconfirmed");
  EXPECT_EQ(v->reasonCode, "vehicle_not_found");
  EXPECT_EQ(v->vehicle.registrationNumber, "99999-199-09");
  EXPECT_EQ(v->vehicle.registrationCountry, "DZ");
  EXPECT_EQ(v->asOf, "2026-11-20");
  EXPECT_EQ(v->insurerId, "trust");
  EXPECT_EQ(v->constatId, "CST-2026-004417");
}

TEST_F(TrustQueryTest, ServerErrorsAndNoAnswerAreRetry) {
  for (int status : {503, 500, 429, 0}) {
    reply(answer(status));
    auto out = adapter->query(vehicle("01234-114-16", {{"asOf", "2026-11-20"}}));
    ASSERT_FALSE(out.ok()) << status;
    EXPECT_EQ(out.status().code, sdk::StatusCode::retry) << status << ": " << out.status().message;
  }
}

TEST_F(TrustQueryTest, RefusedKeyIsPermanentAndNeverQuotesTheKey) {
  for (int status : {401, 403}) {
    reply(answer(status, {{"message", std::string("invalid key ") + kApiKey}}));
    auto out = adapter->query(vehicle("01234-114-16", {{"asOf", "2026-11-20"}}));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
    EXPECT_NE(out.status().message.find("api_key"), std::string::npos) << out.status().message;
    EXPECT_NE(out.status().message.find(std::to_string(status)), std::string::npos) << out.status().message;
    EXPECT_EQ(out.status().message.find(kApiKey), std::string::npos) << out.status().message;
    EXPECT_EQ(out.status().message.find("01234"), std::string::npos) << out.status().message;
  }
}

TEST_F(TrustQueryTest, AsOfDefaultsToTodayInAlgeria) {
  reply(answer(404));
  // 23:30 UTC is already the next day in Algiers (UTC+01:00).
  ctx.set_now(std::chrono::system_clock::time_point{} + std::chrono::seconds(1795045800));  // 2026-11-18T23:30:00Z
  auto out = adapter->query(vehicle("01234-114-16"));
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(only_request().path, "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-19&country=DZ");
  EXPECT_EQ(out.value()["asOf"], "2026-11-19");
}

TEST_F(TrustQueryTest, ForeignPlatesKeepTheirFormAndCountry) {
  reply(answer(404));
  auto out = adapter->query(vehicle("AB-123-CD", {{"asOf", "2026-11-20"}, {"country", "FR"}}));
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(only_request().path, "/v2/vehicles/AB-123-CD/coverage?asOf=2026-11-20&country=FR");
  EXPECT_EQ(out.value()["vehicle"]["registrationCountry"], "FR");
}

TEST_F(TrustQueryTest, BadQueryParametersArePermanentWithoutCallingTrust) {
  auto bad_plate = adapter->query(vehicle("12-ABC-99", {{"asOf", "2026-11-20"}}));
  ASSERT_FALSE(bad_plate.ok());
  EXPECT_NE(bad_plate.status().message.find("key:"), std::string::npos);
  auto bad_date = adapter->query(vehicle("01234-114-16", {{"asOf", "20/11/2026"}}));
  ASSERT_FALSE(bad_date.ok());
  EXPECT_NE(bad_date.status().message.find("params.asOf"), std::string::npos);
  EXPECT_TRUE(ctx.scripted_http().requests.empty());
}

TEST_F(TrustQueryTest, AnswerAboutAnotherVehicleIsRejected) {
  reply(answer(200, sample("rest_coverage_200.json")));
  auto out = adapter->query(vehicle("55555-120-16", {{"asOf", "2026-11-20"}}));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message.find("another vehicle"), std::string::npos) << out.status().message;
}

TEST_F(TrustQueryTest, MalformedAnswerIsPermanentAndNamesTheField) {
  Json body = sample("rest_coverage_200.json");
  body["result"] = "MAYBE";
  reply(answer(200, body));
  auto out = adapter->query(vehicle("01234-114-16", {{"asOf", "2026-11-20"}}));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(out.status().message.find("body.result: unknown code \"MAYBE\""), std::string::npos) << out.status().message;
  reply(sdk::HttpResponse{200, {}, "<html>maintenance</html>", ""});
  auto not_json = adapter->query(vehicle("01234-114-16", {{"asOf", "2026-11-20"}}));
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.status().message.find("not JSON"), std::string::npos);
}

TEST_F(TrustQueryTest, PolicyQueryMapsTrustPolicy) {
  reply(answer(200, sample("rest_policy_200.json")));
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::policy;
  q.key = "TR-16-2026-0042117";
  auto out = adapter->query(q);
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(only_request().path, "/v2/policies/TR-16-2026-0042117");
  EXPECT_EQ(only_request().headers.at("Authorization"), std::string("ApiKey ") + kApiKey);
  EXPECT_EQ(out.value()["status"], "active");
  EXPECT_EQ(out.value()["vehicle"]["registrationNumber"], "01234-114-16");
  EXPECT_EQ(out.value()["extensions"]["trust"]["unmappedFields"]["body.premiumTtc"], 48250.0);
  EXPECT_TRUE(matches_golden(out.value(), "rest_policy_200.expected.json"));
}

TEST_F(TrustQueryTest, PolicyNumbersWithSlashesAreEncoded) {
  reply(answer(404));
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::policy;
  q.key = "16/2026/007777";
  auto out = adapter->query(q);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, sdk::StatusCode::not_found);
  EXPECT_EQ(only_request().path, "/v2/policies/16%2F2026%2F007777");
  EXPECT_EQ(out.status().message.find("007777"), std::string::npos) << out.status().message;
}

TEST_F(TrustQueryTest, ConstatQueryMapsTrustReportToValidConstat) {
  const Json report = sample("trust_report_revised.json")["value"]["payload"]["accidentReport"];
  reply(answer(200, report));
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::constat;
  q.key = "CST-2026-004417";
  auto out = adapter->query(q);
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(only_request().path, "/v2/accident-reports/CST-2026-004417");
  sdk::ValidationErrors errors;
  auto c = sdk::parse_constat(out.value(), errors);
  ASSERT_TRUE(c.has_value()) << errors.summary();
  EXPECT_EQ(c->constatId, "CST-2026-004417");
  EXPECT_EQ(c->status, "in_review");
  EXPECT_EQ(c->sides.size(), 2u);
  EXPECT_EQ((*c->extensions)["trust"]["unmappedFields"]["body.parties[0].car.colour"], "GRIS");
}

}  // namespace
}  // namespace passerelle::trust::testing
