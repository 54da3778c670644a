// Each fault knob, observed through a real client and /_sim/stats. No timing upper bounds:
// latency is checked as "at least", windows that end by themselves with bounded polling.
#include <ctime>
#include <thread>

#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

using Faults = SimTest;
using Clock = std::chrono::steady_clock;

const std::string kSaaPath = "/api/v1/polices/16%2F2026%2F0045871";
const std::string kTrustPath = "/v2/policies/TR-16-2026-0042117";
const std::string kCaarPath = "/api/v1/policies/CAAR%2F09%2F2026%2F000777";

// Polls until `ok` holds or ~15 s pass; the answer is whether it held.
template <typename F>
bool eventually(F ok) {
  const auto until = Clock::now() + std::chrono::seconds(15);
  while (Clock::now() < until) {
    if (ok()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return ok();
}

TEST_F(Faults, LatencyDelaysTheAnswer) {
  faults("saa", {{"latency_ms", 300}});
  const auto t0 = Clock::now();
  EXPECT_EQ(call("saa", kSaaPath).status, 200);
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count(), 300);
  EXPECT_EQ(stats("saa")["faults"]["latency_applied"], 1);
  EXPECT_EQ(stats("trust")["faults"]["latency_applied"], 0);
  faults("saa", {{"latency_ms", nullptr}});
  EXPECT_EQ(call("saa", kSaaPath).status, 200);
  EXPECT_EQ(stats("saa")["faults"]["latency_applied"], 1);
}

TEST_F(Faults, ErrorRateOneAnswers500) {
  faults("trust", {{"error_rate", 1.0}});
  auto a = call("trust", kTrustPath);
  EXPECT_EQ(a.status, 500);
  EXPECT_EQ(a.body["error"]["code"], "INTERNAL_ERROR");
  EXPECT_EQ(call("saa", kSaaPath).status, 200);  // per insurer
  EXPECT_EQ(stats("trust")["faults"]["injected_500"], 1);
  // Admin endpoints are never faulted, even on the insurer's own port.
  EXPECT_EQ(admin_get("/_sim/health", "trust").status, 200);
}

TEST_F(Faults, ErrorRateIsDeterministicForASeed) {
  auto run = [&] {
    faults("caar", {{"error_rate", 0.5}, {"error_seed", 7}});
    std::string pattern;
    for (int i = 0; i < 40; ++i) pattern += call("caar", kCaarPath).status == 500 ? 'x' : '.';
    return pattern;
  };
  const std::string first = run();
  const auto errors = static_cast<std::uint64_t>(std::count(first.begin(), first.end(), 'x'));
  EXPECT_GT(errors, 0u) << first;
  EXPECT_LT(errors, 40u) << first;
  EXPECT_EQ(stats("caar")["faults"]["injected_500"], errors);
  EXPECT_EQ(count(stats("caar"), "GET /api/v1/policies/{policyNumber}", 500), errors);
  ASSERT_EQ(admin_post("/_sim/reset?insurer=caar", "").status, 200);
  EXPECT_EQ(run(), first);
  faults("caar", {{"error_seed", 8}});  // another seed, another sequence (reset of the draws)
  std::string other;
  for (int i = 0; i < 40; ++i) other += call("caar", kCaarPath).status == 500 ? 'x' : '.';
  EXPECT_NE(other, first);
}

TEST_F(Faults, UnavailableForTheNextRequestsWithRetryAfterSeconds) {
  faults("saa", {{"unavailable_requests", 2}, {"retry_after", 7}});
  for (int i = 0; i < 2; ++i) {
    auto a = call("saa", kSaaPath);
    EXPECT_EQ(a.status, 503);
    EXPECT_EQ(a.header("Retry-After"), "7");
    EXPECT_EQ(a.body["code"], "SERVICE_INDISPONIBLE");
  }
  EXPECT_EQ(call("saa", kSaaPath).status, 200);
  EXPECT_EQ(stats("saa")["faults"]["injected_503"], 2);
}

TEST_F(Faults, RetryAfterAsAnHttpDate) {
  faults("trust", {{"unavailable_requests", 1}, {"retry_after", 30}, {"retry_after_format", "http-date"}});
  const std::time_t before = std::time(nullptr);
  auto a = call("trust", kTrustPath);
  ASSERT_EQ(a.status, 503);
  const std::string v = a.header("Retry-After");
  std::tm tm{};
  const char* rest = strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  ASSERT_NE(rest, nullptr) << v;
  EXPECT_EQ(*rest, '\0') << v;
  const std::time_t at = timegm(&tm);
  EXPECT_GE(at, before + 30 - 2) << v;
  EXPECT_LE(at, std::time(nullptr) + 30 + 2) << v;
}

TEST_F(Faults, UnavailableForSomeSecondsEndsByItself) {
  faults("caar", {{"unavailable_seconds", 1}, {"retry_after", 1}});
  EXPECT_EQ(call("caar", kCaarPath).status, 503);
  EXPECT_TRUE(eventually([] { return call("caar", kCaarPath).status == 200; }));
  EXPECT_GE(stats("caar")["faults"]["injected_503"].get<int>(), 1);
}

TEST_F(Faults, OutageRefuseIsAConnectionError) {
  faults("saa", {{"outage", "refuse"}});
  auto a = call("saa", kSaaPath);
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(a.error, httplib::Error::Connection);
  EXPECT_EQ(call("trust", kTrustPath).status, 200);  // the others still answer
  EXPECT_EQ(stats("saa")["faults"]["outage"], "refuse");
  // Ended through the control port; the insurer's port serves again.
  faults("saa", {{"outage", "none"}});
  EXPECT_EQ(call("saa", kSaaPath).status, 200);
}

TEST_F(Faults, OutageDropClosesConnectionsUnanswered) {
  faults("caar", {{"outage", "drop"}});
  auto a = call("caar", kCaarPath);
  EXPECT_EQ(a.status, 0);
  EXPECT_NE(a.error, httplib::Error::Success);
  EXPECT_GE(stats("caar")["faults"]["dropped_connections"].get<int>(), 1);
  // Another insurer's port can end it too (?insurer=).
  auto end = admin_post("/_sim/faults?insurer=caar", Json{{"outage", nullptr}}.dump(), "trust");
  ASSERT_EQ(end.status, 200) << end.body;
  EXPECT_EQ(call("caar", kCaarPath).status, 200);
}

TEST_F(Faults, OutageForSomeSecondsEndsByItself) {
  faults("trust", {{"outage", "refuse"}, {"outage_seconds", 1}});
  EXPECT_EQ(call("trust", kTrustPath).status, 0);
  EXPECT_TRUE(eventually([] { return call("trust", kTrustPath).status == 200; }));
  EXPECT_EQ(stats("trust")["faults"]["outage"], "none");
}

TEST_F(Faults, ResetEndsEveryFault) {
  faults("all", {{"error_rate", 1}, {"outage", "refuse"}});
  EXPECT_EQ(call("saa", kSaaPath).status, 0);
  ASSERT_EQ(admin_post("/_sim/reset?insurer=all", "").status, 200);
  EXPECT_EQ(call("saa", kSaaPath).status, 200);
  EXPECT_EQ(call("trust", kTrustPath).status, 200);
  EXPECT_EQ(call("caar", kCaarPath).status, 200);
}

TEST_F(Faults, FaultsAreReadBackAndCleared) {
  faults("saa", {{"latency_ms", 5}, {"unavailable_requests", 3}, {"retry_after_format", "http-date"}});
  auto a = admin_get("/_sim/faults?insurer=saa");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["saa"]["latency_ms"], 5);
  EXPECT_EQ(a.body["saa"]["unavailable_requests"], 3);
  EXPECT_EQ(a.body["saa"]["retry_after_format"], "http-date");
  EXPECT_EQ(a.body["saa"]["outage"], "none");
  auto c = sim().client("admin");
  EXPECT_EQ(send(*c, "DELETE", "/_sim/faults?insurer=saa", "").status, 200);
  EXPECT_EQ(admin_get("/_sim/faults?insurer=saa").body["saa"]["unavailable_requests"], 0);
}

TEST_F(Faults, BadKnobsAre400AndChangeNothing) {
  for (const Json& patch :
       {Json{{"error_rate", 2}}, Json{{"latency", 10}}, Json{{"outage", "maybe"}}, Json{{"outage_seconds", 3}},
        Json{{"retry_after_format", "rfc850"}}, Json{{"latency_ms", 10}, {"unavailable_requests", -1}}}) {
    auto a = admin_post("/_sim/faults?insurer=saa", patch.dump());
    EXPECT_EQ(a.status, 400) << patch;
    EXPECT_TRUE(a.body["problems"].is_array()) << a.body;
  }
  EXPECT_EQ(admin_get("/_sim/faults?insurer=saa").body["saa"]["latency_ms"], 0);
  EXPECT_EQ(admin_post("/_sim/faults?insurer=acme", "{}").status, 400);
  EXPECT_EQ(admin_post("/_sim/faults", "[1]").status, 400);
}

TEST(FaultFlags, FaultsFromTheCommandLine) {
  SimProcess sim({"--fault", "saa:unavailable_requests=1,retry_after=4,retry_after_format=http-date", "--fault",
                  "caar:outage=refuse", "--fault", "trust:latency_ms=1"});
  ASSERT_TRUE(sim.started()) << sim.log();
  auto saa = sim.client("saa");
  auto first = get(*saa, kSaaPath, auth("saa"));
  EXPECT_EQ(first.status, 503);
  EXPECT_NE(first.header("Retry-After").find(" GMT"), std::string::npos);
  EXPECT_EQ(get(*saa, kSaaPath, auth("saa")).status, 200);
  auto caar = sim.client("caar");
  EXPECT_EQ(get(*caar, kCaarPath, auth("caar")).error, httplib::Error::Connection);
  auto trust = sim.client("trust");
  EXPECT_EQ(get(*trust, kTrustPath, auth("trust")).status, 200);
  auto admin = sim.client("admin");
  auto f = get(*admin, "/_sim/faults?insurer=all");
  EXPECT_EQ(f.body["caar"]["outage"], "refuse");
  EXPECT_EQ(f.body["trust"]["latency_ms"], 1);
  EXPECT_EQ(sim.stop().code, 0);
}

}  // namespace
}  // namespace passerelle::sim::testing
