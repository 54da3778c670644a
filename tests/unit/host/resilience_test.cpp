// Circuit breaker transitions, the gateway cache's freshness rule, API key checks.
#include <gtest/gtest.h>

#include "api_keys.hpp"
#include "circuit_breaker.hpp"
#include "gateway_cache.hpp"
#include "sha256.hpp"

using namespace passerelle::host;
using namespace std::chrono_literals;

namespace {
BreakerSettings small() {
  BreakerSettings s;
  s.window = 10;
  s.min_calls = 4;
  s.failure_rate = 0.5;
  s.open_for = 1000ms;
  s.half_open_probes = 2;
  return s;
}
}  // namespace

TEST(CircuitBreaker, OpensAtTheFailureRateOnlyAfterMinimumCalls) {
  CircuitBreaker b(small());
  const auto t0 = CircuitBreaker::Clock::now();
  b.record(false, t0);
  b.record(false, t0);
  b.record(false, t0);
  EXPECT_EQ(b.state(t0), CircuitBreaker::State::closed);  // 3 calls < min_calls
  b.record(true, t0);
  EXPECT_EQ(b.state(t0), CircuitBreaker::State::open);  // 3/4 failed
  EXPECT_FALSE(b.allow(t0));
  EXPECT_GT(b.retry_in(t0).count(), 900);
}

TEST(CircuitBreaker, HalfOpenProbesCloseOnSuccessReopenOnFailure) {
  CircuitBreaker b(small());
  auto t = CircuitBreaker::Clock::now();
  for (int i = 0; i < 4; ++i) b.record(false, t);
  ASSERT_EQ(b.state(t), CircuitBreaker::State::open);
  t += 1001ms;
  EXPECT_EQ(b.state(t), CircuitBreaker::State::half_open);
  EXPECT_TRUE(b.allow(t));
  EXPECT_TRUE(b.allow(t));
  EXPECT_FALSE(b.allow(t));  // only two probes
  b.record(false, t);
  EXPECT_EQ(b.state(t), CircuitBreaker::State::open);
  t += 1001ms;
  ASSERT_TRUE(b.allow(t) && b.allow(t));
  b.record(true, t);
  b.record(true, t);
  EXPECT_EQ(b.state(t), CircuitBreaker::State::closed);
  EXPECT_TRUE(b.allow(t));
}

TEST(CircuitBreaker, SuccessesKeepItClosed) {
  CircuitBreaker b(small());
  const auto t = CircuitBreaker::Clock::now();
  for (int i = 0; i < 100; ++i) b.record(i % 4 != 0, t);  // a quarter failing: under 50 %
  EXPECT_EQ(b.state(t), CircuitBreaker::State::closed);
}

TEST(GatewayCache, ServesOnlyWithinTtl) {
  GatewayCache c(1000ms, 2);
  const auto t = GatewayCache::Clock::now();
  c.put("a", {{"x", 1}}, t);
  ASSERT_TRUE(c.get("a", t + 999ms));
  EXPECT_EQ(c.get("a", t + 999ms)->answer["x"], 1);
  EXPECT_EQ(c.get("a", t + 500ms)->age.count(), 500);
  EXPECT_FALSE(c.get("a", t + 1001ms));
  c.put("b", 2, t);
  c.put("c", 3, t);  // capacity 2: "a" leaves
  EXPECT_FALSE(c.get("a", t));
  GatewayCache off(0ms, 10);
  off.put("a", 1, t);
  EXPECT_FALSE(off.get("a", t));
}

TEST(ApiKeys, MatrixOfOutcomes) {
  ApiKeyStore store({{"platform", sha256_hex("good-key"), {"gateway"}}, {"ops", sha256_hex("ops-key"), {"admin"}}});
  EXPECT_EQ(store.check(std::nullopt, false, "gateway").http_status(), 401);
  EXPECT_EQ(store.check(std::string("bad-key"), false, "gateway").http_status(), 401);
  EXPECT_EQ(store.check(std::string("ops-key"), false, "gateway").http_status(), 403);
  EXPECT_EQ(store.check(std::string("good-key"), true, "gateway").http_status(), 400);
  const auto ok = store.check(std::string("good-key"), false, "gateway");
  EXPECT_EQ(ok.outcome, AuthOutcome::allowed);
  EXPECT_EQ(ok.key_name, "platform");
  // The message never repeats the key.
  EXPECT_EQ(store.check(std::string("bad-key"), false, "gateway").message().find("bad-key"), std::string::npos);
}

TEST(Sha256, KnownVectorAndConstantTimeCompare) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

#include "retry_after.hpp"

TEST(RetryAfter, SecondsAndHttpDate) {
  const auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(retry_after({{"Retry-After", "2"}}, now)->count(), 2000);
  EXPECT_EQ(retry_after({{"retry-after", "120"}}, now)->count(), 120000);
  EXPECT_EQ(retry_after({{"Retry-After", "Sun, 06 Nov 1994 08:49:40 GMT"}}, now)->count(), 3000);
  EXPECT_EQ(retry_after({{"Retry-After", "Sun, 06 Nov 1994 08:49:00 GMT"}}, now)->count(), 0);
  EXPECT_FALSE(retry_after({{"Retry-After", "soon"}}, now));
  EXPECT_FALSE(retry_after({{"Content-Type", "application/json"}}, now));
}
