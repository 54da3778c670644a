// CAAR's delivery endpoints honour Idempotency-Key: the first request with a key applies its
// side effect, a repeat gets the stored answer and changes nothing.
#include <thread>

#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

using Idempotency = SimTest;

Json claim(const std::string& number, int version) {
  return {{"claim_number", number},
          {"version", version},
          {"status", "DECLARED"},
          {"loss_date", "20/11/2026 14:35"},
          {"channel", "EASSURANCE"},
          {"parties", Json::array({{{"role", "A"}, {"vehicle", {{"plate", "12345-116-16"}, {"make", "Renault"}}}}})}};
}

httplib::Headers with_key(const std::string& key) {
  auto h = auth("caar");
  if (!key.empty()) h.emplace("Idempotency-Key", key);
  return h;
}

Answer deliver(const std::string& method, const std::string& path, const Json& body, const std::string& key) {
  auto c = SimTest::sim().client("caar");
  return send(*c, method, path, body.dump(), with_key(key));
}

TEST_F(Idempotency, SameKeyTwiceAppliesOnce) {
  const Json body = claim("CST-2026-100001", 1);
  auto first = deliver("POST", "/api/v1/claims", body, "evt-1");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.body["claim_number"], "CST-2026-100001");
  EXPECT_EQ(first.body["status"], "RECEIVED");
  EXPECT_TRUE(first.header("Idempotent-Replayed").empty());
  auto again = deliver("POST", "/api/v1/claims", body, "evt-1");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);  // the stored answer, same caar_reference and time
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");

  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["claims_created"], 1);
  EXPECT_EQ(s["side_effects"]["total"], 1);
  EXPECT_EQ(s["idempotency"]["applied_keys"], 1);
  EXPECT_EQ(s["idempotency"]["repeated_keys"], 1);
  EXPECT_EQ(s["idempotency"]["repeated_requests"], 1);
  EXPECT_EQ(s["idempotency"]["keys"]["evt-1"]["repeats"], 1);
  EXPECT_EQ(s["idempotency"]["keys"]["evt-1"]["status"], 201);
  EXPECT_EQ(count(s, "POST /api/v1/claims", 201), 2u);

  // The claim is stored once, and answered by the query endpoint as it was sent.
  auto stored = call("caar", "/api/v1/claims/CST-2026-100001");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, body);
  auto world = admin_get("/_sim/world?insurer=caar");
  int copies = 0;
  for (const auto& c : world.body["caar"]["claims"]) copies += c["claim_number"] == "CST-2026-100001";
  EXPECT_EQ(copies, 1);
}

TEST_F(Idempotency, AnotherKeyForTheSameClaimIsAConflict) {
  ASSERT_EQ(deliver("POST", "/api/v1/claims", claim("CST-2026-100002", 1), "evt-a").status, 201);
  auto dup = deliver("POST", "/api/v1/claims", claim("CST-2026-100002", 1), "evt-b");
  EXPECT_EQ(dup.status, 409);
  EXPECT_EQ(dup.body["error"], "conflict");
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["claims_created"], 1);
  EXPECT_EQ(s["idempotency"]["applied_keys"], 1);  // a refused request leaves its key free
}

TEST_F(Idempotency, KeyReusedOnAnotherRouteIs422) {
  ASSERT_EQ(deliver("POST", "/api/v1/claims", claim("CST-2026-100003", 1), "evt-x").status, 201);
  auto other = deliver("PUT", "/api/v1/claims/CST-2026-100003", claim("CST-2026-100003", 2), "evt-x");
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(stats("caar")["idempotency"]["conflicting_reuse"], 1);
  EXPECT_EQ(call("caar", "/api/v1/claims/CST-2026-100003").body["version"], 1);
}

TEST_F(Idempotency, UpdatesReplaceCreateAndRefuseStaleVersions) {
  ASSERT_EQ(deliver("POST", "/api/v1/claims", claim("CST-2026-100004", 1), "c-1").status, 201);
  auto up = deliver("PUT", "/api/v1/claims/CST-2026-100004", claim("CST-2026-100004", 3), "u-3");
  ASSERT_EQ(up.status, 200) << up.body;
  EXPECT_EQ(up.body["status"], "UPDATED");
  EXPECT_EQ(deliver("PUT", "/api/v1/claims/CST-2026-100004", claim("CST-2026-100004", 3), "u-3").status, 200);
  auto stale = deliver("PUT", "/api/v1/claims/CST-2026-100004", claim("CST-2026-100004", 2), "u-2");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(call("caar", "/api/v1/claims/CST-2026-100004").body["version"], 3);
  // An update for a claim CAAR does not have yet creates it (updates may overtake creations).
  auto created = deliver("PUT", "/api/v1/claims/CST-2026-100005", claim("CST-2026-100005", 2), "u-5");
  EXPECT_EQ(created.status, 201);
  // The body must be about the claim of the path.
  EXPECT_EQ(deliver("PUT", "/api/v1/claims/CST-2026-100006", claim("CST-OTHER", 1), "u-6").status, 400);
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["claims_created"], 2);
  EXPECT_EQ(s["side_effects"]["claims_updated"], 1);
  EXPECT_EQ(s["idempotency"]["applied_keys"], 3);
  EXPECT_EQ(s["idempotency"]["repeated_requests"], 1);
}

TEST_F(Idempotency, RetryAfterA503AppliesOnce) {
  faults("caar", {{"unavailable_requests", 1}, {"retry_after", 1}});
  const Json body = claim("CST-2026-100007", 1);
  auto refused = deliver("POST", "/api/v1/claims", body, "evt-7");
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(stats("caar")["side_effects"]["total"], 0);
  EXPECT_EQ(deliver("POST", "/api/v1/claims", body, "evt-7").status, 201);
  EXPECT_EQ(deliver("POST", "/api/v1/claims", body, "evt-7").status, 201);
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["claims_created"], 1);
  EXPECT_EQ(s["idempotency"]["keys"]["evt-7"]["repeats"], 1);
}

TEST_F(Idempotency, VehicleChecksAndRequestsWithoutKey) {
  const Json check = {{"check_id", "VRF-2026-0000123"}, {"result", "VALID"}, {"vehicle", {{"plate", "774-311-09"}}}};
  ASSERT_EQ(deliver("POST", "/api/v1/vehicle-checks", check, "v-1").status, 201);
  EXPECT_EQ(deliver("POST", "/api/v1/vehicle-checks", check, "v-1").status, 201);
  EXPECT_EQ(deliver("POST", "/api/v1/vehicle-checks", check, "").status, 409);  // no key: really tried again
  Json other = check;
  other["check_id"] = "VRF-2026-0000124";
  EXPECT_EQ(deliver("POST", "/api/v1/vehicle-checks", other, "").status, 201);
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["vehicle_checks_recorded"], 2);
  EXPECT_EQ(s["idempotency"]["applied_without_key"], 1);
  EXPECT_EQ(admin_get("/_sim/world?insurer=caar").body["caar"]["vehicleChecks"].size(), 2u);
}

TEST_F(Idempotency, BadBodiesAreRefusedAndNotStored) {
  auto c = sim().client("caar");
  EXPECT_EQ(send(*c, "POST", "/api/v1/claims", "not json", with_key("k-bad")).status, 400);
  EXPECT_EQ(send(*c, "POST", "/api/v1/claims", "{\"version\":1}", with_key("k-bad")).status, 400);
  EXPECT_EQ(send(*c, "POST", "/api/v1/claims", claim("CST-2026-100008", 1).dump(), with_key("k-bad")).status, 201);
  EXPECT_EQ(stats("caar")["idempotency"]["applied_keys"], 1);
}

TEST_F(Idempotency, ConcurrentRepeatsApplyOnce) {
  const Json body = claim("CST-2026-100009", 1);
  std::vector<std::thread> threads;
  std::vector<int> statuses(8, 0);
  for (std::size_t i = 0; i < statuses.size(); ++i)
    threads.emplace_back([&, i] { statuses[i] = deliver("POST", "/api/v1/claims", body, "evt-9").status; });
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 201);
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["claims_created"], 1);
  EXPECT_EQ(s["idempotency"]["repeated_requests"], 7);
}

TEST_F(Idempotency, ReplayWithADifferentBodyIsCounted) {
  ASSERT_EQ(deliver("POST", "/api/v1/claims", claim("CST-2026-100010", 1), "evt-10").status, 201);
  Json changed = claim("CST-2026-100010", 1);
  changed["status"] = "SIGNED";
  EXPECT_EQ(deliver("POST", "/api/v1/claims", changed, "evt-10").status, 201);
  EXPECT_EQ(stats("caar")["idempotency"]["body_mismatches"], 1);
  EXPECT_EQ(call("caar", "/api/v1/claims/CST-2026-100010").body["status"], "DECLARED");
}

}  // namespace
}  // namespace passerelle::sim::testing
