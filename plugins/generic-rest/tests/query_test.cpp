// Gateway GETs through the host's HTTP client (scripted here): the path and headers CAAR
// receives, and how each answer becomes canonical JSON or a retry/permanent status.
#include "generic_rest_test_support.hpp"

namespace passerelle::generic_rest::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class Query : public ::testing::Test {
 protected:
  TestContext ctx{"caar"};
  AdapterPtr adapter = make_static_adapter("generic-rest", caar_settings(), ctx);

  void answer(int status, std::string body = "") {
    ctx.scripted_http().set_handler([status, body](const std::string&, const sdk::Headers&) {
      return sdk::HttpResponse{status, {}, body, status == 0 ? "connection refused" : ""};
    });
  }
  sdk::Result<Json> vehicle(const std::string& plate, std::map<std::string, std::string> params = {{"asOf", "2026-11-20"}}) {
    sdk::GatewayQuery q;
    q.kind = sdk::GatewayQuery::Kind::vehicle;
    q.key = plate;
    q.params = std::move(params);
    q.correlation_id = "gw-corr-1";
    return adapter->query(q);
  }
};

TEST_F(Query, VehicleCoverageAnswered) {
  answer(200, sample("caar_query_vehicle_200.json").dump());
  auto r = vehicle("774-311-09");
  ASSERT_TRUE(r.ok()) << r.status().message;
  ASSERT_EQ(ctx.scripted_http().requests.size(), 1u);
  const auto& req = ctx.scripted_http().requests[0];
  EXPECT_EQ(req.path, "/api/v1/vehicles/774-311-09/coverage?date=2026-11-20");
  EXPECT_EQ(req.headers.at("X-CAAR-Key"), "dev-caar-key");
  EXPECT_EQ(req.headers.at("Accept"), "application/json");
  EXPECT_EQ(req.headers.at("X-Correlation-ID"), "gw-corr-1");
  const Json& v = r.value();
  EXPECT_EQ(v["status"], "confirmed");
  EXPECT_EQ(v["verificationId"], "CAAR-CHK-55121");
  EXPECT_EQ(v["asOf"], "2026-11-20");
  EXPECT_EQ(v["coverage"]["validFrom"], "2026-03-01");
  EXPECT_EQ(v["coverage"]["guarantees"], Json({"RC", "DR", "DASC"}));
  EXPECT_EQ(v["vehicle"]["registrationNumber"], "774-311-09");
  EXPECT_EQ(v["extensions"]["caar"]["premium_paid"], true);
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_vehicle_verification(v, errors)) << errors.summary();
}

TEST_F(Query, PlateWithSpacesIsSentDashedAndEncoded) {
  answer(200, sample("caar_query_vehicle_200.json").dump());
  ASSERT_TRUE(vehicle("774 311 09").ok());
  EXPECT_EQ(ctx.scripted_http().requests.at(0).path, "/api/v1/vehicles/774-311-09/coverage?date=2026-11-20");
  (void)vehicle("AB 123/CD", {{"asOf", "2026-11-20"}, {"registrationCountry", "FR"}});  // only the path matters here
  EXPECT_EQ(ctx.scripted_http().requests.at(1).path, "/api/v1/vehicles/AB%20123%2FCD/coverage?date=2026-11-20");
}

TEST_F(Query, AsOfDefaultsToTodayOnTheHostClock) {
  answer(200, sample("caar_query_vehicle_200.json").dump());
  vehicle("774-311-09", {});
  EXPECT_EQ(ctx.scripted_http().requests.at(0).path,
            "/api/v1/vehicles/774-311-09/coverage?date=" + sdk::now_rfc3339(ctx.now()).substr(0, 10));
}

TEST_F(Query, NotFoundIsAnUnconfirmedVerdict) {
  answer(404, "{\"error\": \"no such vehicle\"}");
  auto r = vehicle("12345-116-16");
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(r.value()["status"], "unconfirmed");
  EXPECT_EQ(r.value()["reasonCode"], "vehicle_not_found");
  EXPECT_EQ(r.value()["insurerId"], "caar");
  EXPECT_EQ(r.value()["vehicle"]["registrationNumber"], "12345-116-16");
  EXPECT_EQ(r.value()["asOf"], "2026-11-20");
  // The same question gives the same verification id.
  EXPECT_EQ(vehicle("12345-116-16").value()["verificationId"], r.value()["verificationId"]);
}

TEST_F(Query, ServerErrorsAndSilenceAreRetried) {
  for (int status : {0, 429, 500, 502, 503}) {
    answer(status);
    auto r = vehicle("12345-116-16");
    ASSERT_FALSE(r.ok()) << status;
    EXPECT_EQ(r.status().code, sdk::StatusCode::retry) << status << ": " << r.status().message;
    EXPECT_THAT(r.status().message, HasSubstr("caar")) << status;
  }
}

TEST_F(Query, RefusedCredentialsArePermanentAndNeverQuoteTheKey) {
  for (int status : {401, 403}) {
    answer(status, "{\"error\": \"bad key dev-caar-key\"}");
    auto r = vehicle("12345-116-16");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
    EXPECT_THAT(r.status().message, HasSubstr("caar: the insurer's API refused our credentials (HTTP " + std::to_string(status)));
    EXPECT_THAT(r.status().message, Not(HasSubstr("dev-caar-key")));
  }
}

TEST_F(Query, OtherClientErrorsArePermanent) {
  answer(400, "{}");
  auto r = vehicle("12345-116-16");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_THAT(r.status().message, HasSubstr("HTTP 400"));
}

TEST_F(Query, AnswerThatIsNotJson) {
  answer(200, "<html>maintenance</html>");
  auto r = vehicle("12345-116-16");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message, HasSubstr("is not a JSON object"));
}

TEST_F(Query, AnswerMissingTheVerdictNamesTheField) {
  Json body = sample("caar_query_vehicle_200.json");
  body.erase("result");
  answer(200, body.dump());
  auto r = vehicle("774-311-09");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_THAT(r.status().message, HasSubstr("/result: required field missing"));
}

TEST_F(Query, PolicyAnswered) {
  answer(200, Json{{"number", "CAAR/09/2026/000777"},
                   {"holder", {{"name", "Hélène Mébarki"}}},
                   {"start_date", "01/03/2026"},
                   {"end_date", "28/02/2027"},
                   {"guarantees", {"RC", "DR"}},
                   {"status", "ACTIVE"}}
                  .dump());
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::policy;
  q.key = "CAAR/09/2026/000777";
  auto r = adapter->query(q);
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(ctx.scripted_http().requests.at(0).path, "/api/v1/policies/CAAR%2F09%2F2026%2F000777");
  EXPECT_EQ(r.value(), (Json{{"policyNumber", "CAAR/09/2026/000777"},
                             {"insurerId", "caar"},
                             {"policyholderName", "Hélène Mébarki"},
                             {"validFrom", "2026-03-01"},
                             {"validTo", "2027-02-28"},
                             {"guarantees", {"RC", "DR"}},
                             {"status", "active"}}));
}

TEST_F(Query, PolicyNotFoundIsNotFound) {
  answer(404);
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::policy;
  q.key = "X";
  auto r = adapter->query(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::not_found);
  EXPECT_THAT(r.status().message, HasSubstr("policy not found"));
}

// CAAR answers a claim with the body it was sent: the canonical constat comes back whole.
TEST_F(Query, ConstatAnsweredWithWhatWasSent) {
  const auto event = parse_event(sample("caar_constat_event.json"));
  answer(200, sample("caar_constat_request.json")["body"].dump());
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::constat;
  q.key = "CST-2026-004217";
  auto r = adapter->query(q);
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(ctx.scripted_http().requests.at(0).path, "/api/v1/claims/CST-2026-004217");
  EXPECT_EQ(r.value(), event.data) << Json::diff(event.data, r.value()).dump();
}

TEST_F(Query, QueryNotOfferedByThisInsurer) {
  TestContext c("acme");
  auto minimal = make_static_adapter("generic-rest", minimal_settings(), c);
  sdk::GatewayQuery q;
  q.key = "12345-116-16";
  auto r = minimal->query(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_THAT(r.status().message, HasSubstr("acme: this insurer offers no vehicle_verification query (endpoints.query_vehicle)"));
  EXPECT_TRUE(c.scripted_http().requests.empty());
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
