// The host's HTTP surface against the insurer simulator, both real processes on loopback.
#include <gtest/gtest.h>

#include "http_fixture.hpp"
#include "passerelle/sdk/model_json.hpp"

using namespace passerelle::testing;
namespace sdk = passerelle::sdk;

namespace {

httplib::Headers key(const char* k) { return {{"X-API-Key", k}}; }

nlohmann::json get_json(const SimAndHost& env, const std::string& path, int expect_status) {
  auto c = env.host();
  auto r = c.Get(path.c_str(), key(SimAndHost::kPlatformKey));
  EXPECT_TRUE(r) << path;
  if (!r) return nullptr;
  EXPECT_EQ(r->status, expect_status) << path << "\n" << r->body;
  return nlohmann::json::parse(r->body, nullptr, false);
}

void expect_valid_verification(const nlohmann::json& data) {
  sdk::ValidationErrors errors;
  EXPECT_TRUE(sdk::parse_vehicle_verification(data, errors)) << errors.summary() << "\n" << data.dump(2);
}

}  // namespace

class HttpSurface : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { env = new SimAndHost("  max_body_bytes: 4096\n"); }
  static void TearDownTestSuite() {
    delete env;
    env = nullptr;
  }
  static SimAndHost* env;
};
SimAndHost* HttpSurface::env = nullptr;

TEST_F(HttpSurface, GatewayAnswersCanonicallyForEachAdapter) {
  auto saa = get_json(*env, "/v1/insurers/saa/vehicles/12345-116-16?asOf=2026-11-20", 200);
  expect_valid_verification(saa);
  EXPECT_EQ(saa["status"], "confirmed");
  EXPECT_EQ(saa["insurerId"], "saa");

  auto trust = get_json(*env, "/v1/insurers/trust/vehicles/01234-114-16?asOf=2026-11-20", 200);
  expect_valid_verification(trust);
  EXPECT_EQ(trust["status"], "confirmed");

  auto expired = get_json(*env, "/v1/insurers/trust/vehicles/05678-113-16?asOf=2026-11-20", 200);
  expect_valid_verification(expired);
  EXPECT_EQ(expired["status"], "unconfirmed");
  EXPECT_EQ(expired["reasonCode"], "policy_expired");

  auto caar = get_json(*env, "/v1/insurers/caar/vehicles/774-311-09?asOf=2026-11-20", 200);
  expect_valid_verification(caar);
  EXPECT_EQ(caar["status"], "confirmed");
}

TEST_F(HttpSurface, UnknownVehicleIsUnconfirmedAndUnknownInsurerIs404) {
  auto unknown = get_json(*env, "/v1/insurers/saa/vehicles/99999-199-16?asOf=2026-11-20", 200);
  expect_valid_verification(unknown);
  EXPECT_EQ(unknown["status"], "unconfirmed");
  EXPECT_EQ(unknown["reasonCode"], "vehicle_not_found");
  auto nobody = get_json(*env, "/v1/insurers/axa/vehicles/12345-116-16?asOf=2026-11-20", 404);
  EXPECT_NE(nobody["error"]["message"].get<std::string>().find("axa"), std::string::npos);
  get_json(*env, "/v1/insurers/saa/policies/no-such-policy", 404);
  get_json(*env, "/v1/insurers/saa/vehicles/12345-116-16", 400);  // asOf is required
}

TEST_F(HttpSurface, AuthMatrixAndKeysNeverLogged) {
  auto c = env->host();
  const std::string path = "/v1/insurers/saa/vehicles/12345-116-16?asOf=2026-11-20";
  auto none = c.Get(path.c_str());
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  auto wrong = c.Get(path.c_str(), key("not-a-key"));
  EXPECT_EQ(wrong->status, 401);
  auto scope = c.Get(path.c_str(), key(SimAndHost::kOpsKey));
  EXPECT_EQ(scope->status, 403);
  auto query = c.Get((path + "&api_key=" + SimAndHost::kPlatformKey).c_str());
  EXPECT_EQ(query->status, 400);
  auto health = c.Get("/health");
  EXPECT_EQ(health->status, 200);  // open
  auto status = c.Get("/v1/status", key(SimAndHost::kOpsKey));
  EXPECT_EQ(status->status, 200);
  auto& host = env->host_process();
  host.wait_for_output("never-appears", std::chrono::milliseconds(300));  // drain the log pipes
  for (const char* k : {"not-a-key", SimAndHost::kPlatformKey, SimAndHost::kOpsKey, "dev-saa-key"}) {
    EXPECT_EQ(host.out().find(k), std::string::npos) << k << " appears in the host's log";
  }
  // Paths hold plates: the log has route patterns only.
  EXPECT_EQ(host.out().find("12345-116-16"), std::string::npos);
}

TEST_F(HttpSurface, BadBodiesAreRefusedWithoutACrash) {
  auto c = env->host();
  const auto k = key(SimAndHost::kPlatformKey);
  auto big = c.Post("/v1/inbound/caar", k, std::string(8192, ' '), "application/json");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  auto deep = c.Post("/v1/inbound/caar", k, std::string(3000, '['), "application/json");
  ASSERT_TRUE(deep);
  EXPECT_EQ(deep->status, 400);
  EXPECT_NE(deep->body.find("nested deeper than 64 levels"), std::string::npos) << deep->body;
  auto utf8 = c.Post("/v1/inbound/caar", k, "{\"claim_number\": \"\xC3\x28\"}", "application/json");
  ASSERT_TRUE(utf8);
  EXPECT_EQ(utf8->status, 400);
  EXPECT_NE(utf8->body.find("UTF-8"), std::string::npos) << utf8->body;
  auto health = c.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);  // still alive
}

TEST_F(HttpSurface, NestedHundredThousandDeepDoesNotCrash) {
  // Over the body limit of this host; a second host with a large limit takes it whole.
  SimAndHost big("  max_body_bytes: 1048576\n");
  auto c = big.host();
  auto r = c.Post("/v1/inbound/caar", key(SimAndHost::kPlatformKey), std::string(100000, '['), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(c.Get("/health")->status, 200);
}

TEST_F(HttpSurface, BreakerOpensOnOutageThenCacheOrFastFailure) {
  auto c = env->host();
  const auto k = key(SimAndHost::kPlatformKey);
  // Warm the cache for one vehicle.
  const std::string cached = "/v1/insurers/trust/vehicles/01234-114-16?asOf=2026-11-21";
  ASSERT_EQ(c.Get(cached.c_str(), k)->status, 200);

  env->fault("trust", {{"outage", "refuse"}});
  const std::string uncached = "/v1/insurers/trust/vehicles/05678-113-16?asOf=2026-11-22";
  int unavailable = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = c.Get(uncached.c_str(), k);
    ASSERT_TRUE(r);
    if (r->status == 503) ++unavailable;
    EXPECT_TRUE(r->has_header("Retry-After"));
  }
  EXPECT_EQ(unavailable, 8);
  auto metrics = c.Get("/metrics");
  EXPECT_NE(metrics->body.find("passerelle_circuit_state{adapter=\"trust\",state=\"open\"} 1"), std::string::npos)
      << metrics->body;
  // While open, calls do not reach the insurer: the simulator saw at most the window's worth.
  auto hit = c.Get(cached.c_str(), k);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->status, 200);
  EXPECT_TRUE(hit->has_header("X-Passerelle-Cache"));
  expect_valid_verification(nlohmann::json::parse(hit->body));

  env->fault("trust", {{"outage", "none"}});
  std::this_thread::sleep_for(std::chrono::milliseconds(1700));  // open_ms 1500: half-open next
  auto back = c.Get(uncached.c_str(), k);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200) << back->body;
  metrics = c.Get("/metrics");
  EXPECT_NE(metrics->body.find("passerelle_circuit_state{adapter=\"trust\",state=\"closed\"} 0"), std::string::npos);
}

TEST_F(HttpSurface, MetricsAndAdminRoutes) {
  auto c = env->host();
  ASSERT_EQ(c.Get("/health")->status, 200);  // one request observed before the scrape
  // httplib records a request's duration (its logger hook) just after the response is written,
  // so the first scrape may race it: scrape again, for at most 2 s.
  auto m = c.Get("/metrics");
  for (int i = 0; i < 40 && m && m->body.find("passerelle_http_request_duration_seconds_bucket") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    m = c.Get("/metrics");
  }
  ASSERT_TRUE(m);
  EXPECT_EQ(m->status, 200);
  EXPECT_NE(m->body.find("passerelle_build_info"), std::string::npos);
  EXPECT_NE(m->body.find("passerelle_http_request_duration_seconds_bucket"), std::string::npos);
  auto adapters = c.Get("/v1/adapters", key(SimAndHost::kOpsKey));
  ASSERT_TRUE(adapters);
  auto rows = nlohmann::json::parse(adapters->body);
  EXPECT_EQ(rows.size(), 3u);
  auto ready = c.Get("/ready");
  EXPECT_EQ(ready->status, 200) << ready->body;
}
