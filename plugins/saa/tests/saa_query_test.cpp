// Gateway queries answered from SAA's REST API through the host's (scripted) HTTP client.
#include <gtest/gtest.h>

#include "passerelle/sdk/model_json.hpp"
#include "saa_test_support.hpp"

using namespace saa_test;

namespace {

sdk::HttpResponse respond(int status, const std::string& body = "") {
  sdk::HttpResponse r;
  r.status = status;
  r.body = body;
  if (status == 0) r.error = "connection refused";
  return r;
}

sdk::GatewayQuery vehicle_query(const std::string& plate, const std::string& as_of = "2026-11-20") {
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::vehicle;
  q.key = plate;
  if (!as_of.empty()) q.params["asOf"] = as_of;
  q.correlation_id = "corr-gw-1";
  return q;
}

// The data must be a valid canonical vehicle.verified.
void expect_valid_verification(const Json& data) {
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_vehicle_verification(data, errors)) << errors.summary() << "\n" << data.dump(2);
}

}  // namespace

// 1. 200: the right path (normalised plate, SAA's date format), the API key header, and the
//    attestation mapped to the golden vehicle.verified data.
TEST(SaaQuery, VehicleAttestationIsMappedToVehicleVerified) {
  Saa saa;
  saa.context.scripted_http().set_handler(
      [](const std::string&, const sdk::Headers&) { return respond(200, sample("rest_attestation_200.json").dump()); });
  auto q = vehicle_query("12345 116 16");
  q.params["requestRef"] = "REQ-GW-77";
  auto r = saa.adapter->query(q);
  ASSERT_TRUE(r.ok()) << r.status().message;

  const auto& requests = saa.context.scripted_http().requests;
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/api/v1/vehicules/12345-116-16/attestation?date=20/11/2026");
  EXPECT_EQ(requests[0].headers.at("X-API-Key"), kApiKey);
  EXPECT_EQ(requests[0].headers.at("X-Correlation-ID"), "corr-gw-1");

  expect_valid_verification(r.value());
  expect_golden(r.value(), "rest_attestation_200.expected.json");
  EXPECT_EQ(r.value()["status"], "confirmed");
  EXPECT_EQ(r.value()["verificationId"], "ATT-16-2026-0098812");
  EXPECT_EQ(r.value()["requestRef"], "REQ-GW-77");
  EXPECT_EQ(r.value()["extensions"]["saa"]["numeroAttestationPapier"], "A-2026-1601-55871");
}

// 2. The verdict follows SAA's policy state and the requested day.
TEST(SaaQuery, PolicyStateAndDatesDecideTheVerdict) {
  Saa saa;
  Json att = sample("rest_attestation_200.json");
  saa.context.scripted_http().set_handler([&att](const std::string&, const sdk::Headers&) { return respond(200, att.dump()); });

  att["etatPolice"] = "suspendue";
  auto r = saa.adapter->query(vehicle_query("12345-116-16"));
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(r.value()["status"], "unconfirmed");
  EXPECT_EQ(r.value()["reasonCode"], "policy_suspended");
  expect_valid_verification(r.value());

  att["etatPolice"] = "en_vigueur";
  r = saa.adapter->query(vehicle_query("12345-116-16", "2027-01-02"));
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(r.value()["status"], "unconfirmed");
  EXPECT_EQ(r.value()["reasonCode"], "policy_expired");
  EXPECT_EQ(saa.context.scripted_http().requests.back().path,
            "/api/v1/vehicules/12345-116-16/attestation?date=02/01/2027");

  att["etatPolice"] = "inconnu";
  r = saa.adapter->query(vehicle_query("12345-116-16"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(r.status().message.find("attestation.etatPolice"), std::string::npos) << r.status().message;
}

// 3. Without asOf, the day asked for is today in Algeria (UTC+1), not in UTC.
TEST(SaaQuery, DefaultDayIsTodayInAlgeria) {
  Saa saa;
  // 2026-11-20T23:30:00Z is already 2026-11-21 in Algiers.
  saa.context.set_now(std::chrono::system_clock::time_point{} + std::chrono::seconds(1795217400));
  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(404); });
  auto r = saa.adapter->query(vehicle_query("12345-116-16", ""));
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(saa.context.scripted_http().requests.at(0).path,
            "/api/v1/vehicules/12345-116-16/attestation?date=21/11/2026");
  EXPECT_EQ(r.value()["asOf"], "2026-11-21");
}

// 4. 404: SAA does not know the vehicle -> unconfirmed / vehicle_not_found.
TEST(SaaQuery, NotFoundIsUnconfirmedVehicleNotFound) {
  Saa saa;
  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(404, "{}"); });
  auto r = saa.adapter->query(vehicle_query("12345-116-16"));
  ASSERT_TRUE(r.ok()) << r.status().message;
  expect_valid_verification(r.value());
  EXPECT_EQ(r.value()["status"], "unconfirmed");
  EXPECT_EQ(r.value()["reasonCode"], "vehicle_not_found");
  EXPECT_EQ(r.value()["insurerId"], "saa");
  EXPECT_EQ(r.value()["vehicle"]["registrationNumber"], "12345-116-16");
  EXPECT_EQ(r.value()["asOf"], "2026-11-20");
}

// 5. 503, 429 and no answer at all are transient.
TEST(SaaQuery, UnavailableIsRetry) {
  for (int status : {503, 500, 429, 0}) {
    Saa saa;
    saa.context.scripted_http().set_handler([status](const std::string&, const sdk::Headers&) { return respond(status); });
    auto r = saa.adapter->query(vehicle_query("12345-116-16"));
    ASSERT_FALSE(r.ok()) << status;
    EXPECT_EQ(r.status().code, sdk::StatusCode::retry) << status << ": " << r.status().message;
  }
}

// 6. 401/403: the key is wrong; retrying cannot help, and the message never shows the key.
TEST(SaaQuery, RejectedKeyIsPermanentWithoutTheKey) {
  for (int status : {401, 403}) {
    Saa saa;
    saa.context.scripted_http().set_handler([status](const std::string&, const sdk::Headers&) { return respond(status); });
    auto r = saa.adapter->query(vehicle_query("12345-116-16"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
    EXPECT_NE(r.status().message.find("SAA rejected the API key"), std::string::npos) << r.status().message;
    EXPECT_EQ(r.status().message.find(kApiKey), std::string::npos);
    for (const auto& line : saa.context.logs) {
      for (const auto& [k, v] : line.fields) EXPECT_EQ(v.find(kApiKey), std::string::npos) << k;
      EXPECT_EQ(line.message.find(kApiKey), std::string::npos);
    }
  }
}

// 7. A key that is not an Algerian plate is refused before any call; the plate is not logged.
TEST(SaaQuery, BadPlateIsRefusedWithoutCallingSaa) {
  Saa saa;
  auto r = saa.adapter->query(vehicle_query("ABC-123"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_TRUE(saa.context.scripted_http().requests.empty());

  auto q = vehicle_query("12345-116-16");
  q.params["registrationCountry"] = "FR";
  EXPECT_FALSE(saa.adapter->query(q).ok());
  EXPECT_TRUE(saa.context.scripted_http().requests.empty());
}

// 8. A 200 whose body is not SAA's JSON is a permanent failure, not a crash.
TEST(SaaQuery, GarbageBodyIsPermanent) {
  Saa saa;
  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(200, "<html>"); });
  auto r = saa.adapter->query(vehicle_query("12345-116-16"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
}

// 9. Policy query: the number is one path segment; the answer becomes the policy object; 404
//    is not_found, without the (personal) policy number.
TEST(SaaQuery, PolicyIsMappedToThePolicyObject) {
  Saa saa;
  saa.context.scripted_http().set_handler(
      [](const std::string&, const sdk::Headers&) { return respond(200, sample("rest_police_200.json").dump()); });
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::policy;
  q.key = "16/2026/0045871";
  auto r = saa.adapter->query(q);
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(saa.context.scripted_http().requests.at(0).path, "/api/v1/polices/16%2F2026%2F0045871");
  EXPECT_EQ(saa.context.scripted_http().requests.at(0).headers.at("X-API-Key"), kApiKey);
  expect_golden(r.value(), "rest_police_200.expected.json");
  EXPECT_EQ(r.value()["status"], "active");
  EXPECT_EQ(r.value()["vehicles"][0]["registrationNumber"], "12345-116-16");

  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(404); });
  auto nf = saa.adapter->query(q);
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.status().code, sdk::StatusCode::not_found);
  EXPECT_EQ(nf.status().message.find("16/2026/0045871"), std::string::npos) << "policy numbers are personal";
}

// 10. Constat query: SAA's constat becomes canonical constat data; 404 is not_found.
TEST(SaaQuery, ConstatIsMappedToCanonicalConstat) {
  Saa saa;
  saa.context.scripted_http().set_handler(
      [](const std::string&, const sdk::Headers&) { return respond(200, sample("rest_constat_200.json").dump()); });
  sdk::GatewayQuery q;
  q.kind = sdk::GatewayQuery::Kind::constat;
  q.key = "SAA-CST-16-2026-000318";
  auto r = saa.adapter->query(q);
  ASSERT_TRUE(r.ok()) << r.status().message;
  EXPECT_EQ(saa.context.scripted_http().requests.at(0).path, "/api/v1/constats/SAA-CST-16-2026-000318");
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_constat(r.value(), errors)) << errors.summary();
  expect_golden(r.value(), "rest_constat_200.expected.json");

  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(404); });
  auto nf = saa.adapter->query(q);
  ASSERT_FALSE(nf.ok());
  EXPECT_EQ(nf.status().code, sdk::StatusCode::not_found);
  EXPECT_NE(nf.status().message.find("SAA-CST-16-2026-000318"), std::string::npos) << nf.status().message;

  saa.context.scripted_http().set_handler([](const std::string&, const sdk::Headers&) { return respond(503); });
  auto down = saa.adapter->query(q);
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.status().code, sdk::StatusCode::retry);
}
