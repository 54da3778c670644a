// Each insurer's key convention: right key 200, missing or wrong key 401 (with WWW-Authenticate).
#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

using Auth = SimTest;

const std::map<std::string, std::string> kPath = {
    {"saa", "/api/v1/polices/16%2F2026%2F0045871"},
    {"trust", "/v2/policies/TR-16-2026-0042117"},
    {"caar", "/api/v1/policies/CAAR%2F09%2F2026%2F000777"},
};

TEST_F(Auth, RightKeyPasses) {
  for (const auto& [insurer, path] : kPath) EXPECT_EQ(call(insurer, path).status, 200) << insurer;
}

TEST_F(Auth, MissingKeyIs401) {
  for (const auto& [insurer, path] : kPath) {
    auto a = call(insurer, path, {{"Accept", "application/json"}});
    EXPECT_EQ(a.status, 401) << insurer;
    EXPECT_FALSE(a.header("WWW-Authenticate").empty()) << insurer;
  }
  EXPECT_EQ(stats("saa")["auth_rejected"], 1);
  EXPECT_EQ(count(stats("caar"), "GET /api/v1/policies/{policyNumber}", 401), 1u);
}

TEST_F(Auth, WrongKeyIs401) {
  EXPECT_EQ(call("saa", kPath.at("saa"), {{"X-API-Key", "dev-trust-key"}}).status, 401);
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"Authorization", "ApiKey dev-saa-key"}}).status, 401);
  EXPECT_EQ(call("caar", kPath.at("caar"), {{"X-CAAR-Key", "nope"}}).status, 401);
  EXPECT_EQ(call("saa", kPath.at("saa"), {{"X-API-Key", "dev-saa-key2"}}).status, 401);
  EXPECT_EQ(call("saa", kPath.at("saa"), {{"X-API-Key", "DEV-SAA-KEY"}}).status, 401);
}

TEST_F(Auth, TrustWantsTheApiKeyScheme) {
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"Authorization", "Bearer dev-trust-key"}}).status, 401);
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"Authorization", "dev-trust-key"}}).status, 401);
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"X-API-Key", "dev-trust-key"}}).status, 401);
  // The scheme is case-insensitive (RFC 9110), the key is not.
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"Authorization", "apikey dev-trust-key"}}).status, 200);
  EXPECT_EQ(call("trust", kPath.at("trust"), {{"Authorization", "ApiKey DEV-TRUST-KEY"}}).status, 401);
}

TEST_F(Auth, HeaderNamesAreCaseInsensitive) {
  EXPECT_EQ(call("saa", kPath.at("saa"), {{"x-api-key", "dev-saa-key"}}).status, 200);
  EXPECT_EQ(call("caar", kPath.at("caar"), {{"x-caar-key", "dev-caar-key"}}).status, 200);
}

TEST_F(Auth, UnauthorisedEvenForUnknownRecords) {
  // No key, no information: a 401 comes before looking the record up.
  EXPECT_EQ(call("saa", "/api/v1/polices/nope", {}).status, 401);
}

TEST(AuthFlags, KeysAndCaarHeaderComeFromFlags) {
  SimProcess sim({"--api-key-saa", "s3cret-saa", "--api-key-trust", "s3cret-trust", "--api-key-caar", "s3cret-caar",
                  "--caar-auth-header", "X-Other-Key"});
  ASSERT_TRUE(sim.started()) << sim.log();
  auto saa = sim.client("saa");
  EXPECT_EQ(get(*saa, kPath.at("saa"), auth("saa")).status, 401);
  EXPECT_EQ(get(*saa, kPath.at("saa"), {{"X-API-Key", "s3cret-saa"}}).status, 200);
  auto trust = sim.client("trust");
  EXPECT_EQ(get(*trust, kPath.at("trust"), {{"Authorization", "ApiKey s3cret-trust"}}).status, 200);
  auto caar = sim.client("caar");
  EXPECT_EQ(get(*caar, kPath.at("caar"), {{"X-CAAR-Key", "s3cret-caar"}}).status, 401);
  EXPECT_EQ(get(*caar, kPath.at("caar"), {{"X-Other-Key", "s3cret-caar"}}).status, 200);
  EXPECT_EQ(sim.stop().code, 0);
  // Keys never reach the log.
  const std::string log = sim.log();
  for (const char* key : {"s3cret-saa", "s3cret-trust", "s3cret-caar"})
    EXPECT_EQ(log.find(key), std::string::npos) << key;
}

}  // namespace
}  // namespace passerelle::sim::testing
