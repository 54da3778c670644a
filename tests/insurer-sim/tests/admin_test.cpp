// The /_sim/ control endpoints: health, stats, reset, world.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

using Admin = SimTest;

// One raw HTTP/1.1 exchange (what curl -X POST without -d sends: no Content-Length at all).
std::string raw_exchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < until) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return out;
}

TEST_F(Admin, PostWithoutContentLengthHasAnEmptyBody) {
  const std::string answer = raw_exchange(
      sim().port("admin"), "POST /_sim/reset?insurer=saa HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_NE(answer.find("\"reset\":[\"saa\"]"), std::string::npos) << answer;
}

TEST_F(Admin, HealthOnEveryPort) {
  for (const char* port : {"saa", "trust", "caar", "admin"}) {
    auto a = admin_get("/_sim/health", port);
    EXPECT_EQ(a.status, 200) << port;
    EXPECT_EQ(a.body["status"], "ok");
    EXPECT_EQ(a.body["port_of"], port);
  }
}

TEST_F(Admin, ScopeDefaultsToThePortsInsurer) {
  auto on_saa = admin_get("/_sim/stats", "saa");
  ASSERT_EQ(on_saa.status, 200);
  EXPECT_TRUE(on_saa.body.contains("saa"));
  EXPECT_FALSE(on_saa.body.contains("trust"));
  auto on_admin = admin_get("/_sim/stats");
  EXPECT_TRUE(on_admin.body.contains("saa") && on_admin.body.contains("trust") && on_admin.body.contains("caar"));
  EXPECT_TRUE(admin_get("/_sim/stats?insurer=trust", "saa").body.contains("trust"));
  EXPECT_EQ(admin_get("/_sim/stats?insurer=nobody").status, 400);
}

TEST_F(Admin, StatsShape) {
  const Json s = stats("caar");
  for (const char* k : {"requests", "requests_total", "auth_rejected", "faults", "side_effects", "idempotency"})
    EXPECT_TRUE(s.contains(k)) << k;
  for (const char* k : {"latency_applied", "injected_500", "injected_503", "dropped_connections", "outage"})
    EXPECT_TRUE(s["faults"].contains(k)) << k;
  for (const char* k :
       {"applied_keys", "repeated_keys", "repeated_requests", "conflicting_reuse", "applied_without_key", "keys"})
    EXPECT_TRUE(s["idempotency"].contains(k)) << k;
  // Admin requests are not counted.
  EXPECT_EQ(s["requests_total"], 0);
}

TEST_F(Admin, ResetRestoresTheStartWorldAndCounters) {
  auto c = sim().client("caar");
  auto h = auth("caar");
  h.emplace("Idempotency-Key", "k1");
  ASSERT_EQ(send(*c, "POST", "/api/v1/claims", R"({"claim_number":"CST-RESET-1","version":1})", h).status, 201);
  ASSERT_EQ(call("caar", "/api/v1/claims/CST-RESET-1").status, 200);
  ASSERT_EQ(admin_post("/_sim/reset", "", "caar").status, 200);
  EXPECT_EQ(call("caar", "/api/v1/claims/CST-RESET-1").status, 404);
  const Json s = stats("caar");
  EXPECT_EQ(s["side_effects"]["total"], 0);
  EXPECT_EQ(s["idempotency"]["applied_keys"], 0);
  EXPECT_EQ(s["requests_total"], 1);  // the GET after the reset
  // The key is free again after a reset.
  EXPECT_EQ(send(*c, "POST", "/api/v1/claims", R"({"claim_number":"CST-RESET-1","version":1})", h)
                .header("Idempotent-Replayed"),
            "");
}

TEST_F(Admin, WorldCanBeReplacedPerInsurer) {
  const Json world = Json::parse(R"({"trust": {"policies": [{
      "number": "TR-NEW-1", "carrier": "TRUST", "status": "SUSPENDED",
      "effectiveDate": "2026-01-01", "expiryDate": "2026-12-31", "guarantees": ["RC"],
      "car": {"brand": "Fiat", "plate": {"number": "11111 120 16", "country": "DZ"}}}]}})");
  auto a = admin_post("/_sim/world", world.dump());
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body["replaced"], Json::array({"trust"}));
  EXPECT_EQ(call("trust", "/v2/policies/TR-16-2026-0042117").status, 404);
  auto cov = call("trust", "/v2/vehicles/11111%20120%2016/coverage?asOf=2026-06-01&country=DZ");
  ASSERT_EQ(cov.status, 200) << cov.body;
  EXPECT_EQ(cov.body["result"], "NOT_COVERED");
  EXPECT_EQ(cov.body["reason"], "SUSPENDED");
  EXPECT_EQ(call("saa", "/api/v1/polices/16%2F2026%2F0045871").status, 200);  // untouched
  auto w = admin_get("/_sim/world?insurer=trust");
  EXPECT_EQ(w.body["trust"]["policies"].size(), 1u);
  EXPECT_EQ(w.body["trust"]["accidentReports"], Json::array());
  // Reset goes back to the start world.
  ASSERT_EQ(admin_post("/_sim/reset?insurer=trust", "").status, 200);
  EXPECT_EQ(call("trust", "/v2/policies/TR-16-2026-0042117").status, 200);
}

TEST_F(Admin, InvalidWorldIsRefusedWithPaths) {
  auto a = admin_post("/_sim/world", R"({"saa":{"polices":[{"etat":"en_vigueur"}]},"axa":{}})");
  ASSERT_EQ(a.status, 400);
  const std::string problems = a.body["problems"].dump();
  EXPECT_NE(problems.find("saa.polices[0].numeroPolice: required"), std::string::npos) << problems;
  EXPECT_NE(problems.find("axa: unknown insurer"), std::string::npos) << problems;
  EXPECT_EQ(admin_post("/_sim/world", "{not json").status, 400);
  EXPECT_EQ(call("saa", "/api/v1/polices/16%2F2026%2F0045871").status, 200);  // nothing changed
}

TEST_F(Admin, UnknownAdminRouteIs404) {
  EXPECT_EQ(admin_get("/_sim/nothing").status, 404);
  EXPECT_EQ(admin_get("/api/v1/polices/x").status, 404);  // the control port serves no insurer
}

}  // namespace
}  // namespace passerelle::sim::testing
