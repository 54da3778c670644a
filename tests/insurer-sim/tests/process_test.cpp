// The simulator as a process: the ports line, flags, signals, self-stop, logs.
#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "sim_process.hpp"

namespace passerelle::sim::testing {
namespace {

std::string temp_file(const std::string& content) {
  char name[] = "/tmp/insurer-sim-world-XXXXXX";
  const int fd = ::mkstemp(name);
  ::close(fd);
  std::ofstream(name) << content;
  return name;
}

TEST(Process, PrintsItsPortsAsOneJsonLine) {
  SimProcess sim;
  ASSERT_TRUE(sim.started()) << sim.first_line() << "\n" << sim.log();
  std::set<int> ports;
  for (const char* k : {"saa", "trust", "caar", "admin"}) {
    ASSERT_TRUE(sim.ports()[k].is_number_integer()) << sim.first_line();
    EXPECT_GT(sim.port(k), 0);
    ports.insert(sim.port(k));
  }
  EXPECT_EQ(ports.size(), 4u);
  EXPECT_EQ(sim.stop(SIGTERM).code, 0);
}

TEST(Process, StopsCleanlyOnSigint) {
  SimProcess sim;
  ASSERT_TRUE(sim.started());
  auto c = sim.client("saa");
  EXPECT_EQ(get(*c, "/_sim/health").status, 200);
  const ExitStatus s = sim.stop(SIGINT);
  EXPECT_FALSE(s.timed_out);
  EXPECT_EQ(s.code, 0);
  EXPECT_NE(sim.log().find("\"reason\":\"SIGINT\""), std::string::npos) << sim.log();
}

TEST(Process, StopsDuringALongLatency) {
  SimProcess sim({"--fault", "saa:latency_ms=60000"});
  ASSERT_TRUE(sim.started());
  std::thread slow([&] {
    auto c = sim.client("saa");
    (void)get(*c, "/api/v1/polices/x", auth("saa"));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const ExitStatus s = sim.stop(SIGTERM, std::chrono::seconds(20));
  slow.join();
  EXPECT_FALSE(s.timed_out);
  EXPECT_EQ(s.code, 0);
}

TEST(Process, DurationStopsItByItself) {
  SimProcess sim({"--duration-s", "1"});
  ASSERT_TRUE(sim.started());
  const ExitStatus s = sim.wait(std::chrono::seconds(20));
  EXPECT_FALSE(s.timed_out);
  EXPECT_EQ(s.code, 0);
  EXPECT_NE(sim.log().find("duration elapsed"), std::string::npos);
}

TEST(Process, RefusesNonLoopbackAddresses) {
  for (const char* addr : {"0.0.0.0", "192.168.1.10", "::", "example.org"}) {
    auto r = run_sim({"--listen", addr, "--saa-port", "0", "--trust-port", "0", "--caar-port", "0"});
    EXPECT_EQ(r.status.code, 2) << addr;
    EXPECT_NE(r.err.find("loopback only"), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

TEST(Process, BadFlagsExit2) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--bogus"},
                                               {"--saa-port", "70000"},
                                               {"--saa-port"},
                                               {"--duration-s", "-1"},
                                               {"--fault", "saa:latency=1"},
                                               {"--fault", "acme:latency_ms=1"},
                                               {"--saa-port", "9200", "--trust-port", "9200"},
                                               {"--api-key-saa", "has space"},
                                               {"--seed", "/nonexistent/world.json"}}) {
    auto r = run_sim(args);
    EXPECT_EQ(r.status.code, 2) << args.front() << ": " << r.err;
    EXPECT_NE(r.err.find("passerelle-insurer-sim: "), std::string::npos) << r.err;
  }
}

TEST(Process, HelpExits0) {
  auto r = run_sim({"--help"});
  EXPECT_EQ(r.status.code, 0);
  EXPECT_NE(r.out.find("--saa-port"), std::string::npos);
}

TEST(Process, InvalidSeedIsRefusedWithPaths) {
  const std::string bad = temp_file(R"({"caar":{"claims":[{"claim_number":"A"},{"claim_number":"A"}]}})");
  auto r = run_sim({"--seed", bad, "--saa-port", "0", "--trust-port", "0", "--caar-port", "0"});
  EXPECT_EQ(r.status.code, 2);
  EXPECT_NE(r.err.find("caar.claims[1].claim_number: duplicate"), std::string::npos) << r.err;
  const std::string not_json = temp_file("{");
  EXPECT_EQ(run_sim({"--seed", not_json}).status.code, 2);
  ::unlink(bad.c_str());
  ::unlink(not_json.c_str());
}

TEST(Process, SeedFileReplacesTheWorld) {
  const std::string seed = temp_file(R"({"saa":{"polices":[{"numeroPolice":"P-1","etat":"expiree",
      "dateDebut":"01/01/2020","dateFin":"31/12/2020","vehicules":[{"immatriculation":"1-120-01"}]}]}})");
  SimProcess sim({"--seed", seed});
  ASSERT_TRUE(sim.started()) << sim.log();
  auto c = sim.client("saa");
  EXPECT_EQ(get(*c, "/api/v1/polices/P-1", auth("saa")).status, 200);
  EXPECT_EQ(get(*c, "/api/v1/polices/16%2F2026%2F0045871", auth("saa")).status, 404);
  auto a = get(*c, "/api/v1/vehicules/1-120-01/attestation?date=01/06/2026", auth("saa"));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body["etatPolice"], "expiree");
  auto t = sim.client("trust");
  EXPECT_EQ(get(*t, "/v2/policies/TR-16-2026-0042117", auth("trust")).status, 404);  // empty world for trust
  EXPECT_EQ(sim.stop().code, 0);
  ::unlink(seed.c_str());
}

TEST(Process, FixedPortsAndPortInUse) {
  Json ports;
  {
    SimProcess probe;
    ASSERT_TRUE(probe.started());
    ports = probe.ports();
  }
  // The ports the system just gave are free again: ask for them explicitly.
  SimProcess fixed({"--saa-port", std::to_string(ports["saa"].get<int>()), "--trust-port",
                    std::to_string(ports["trust"].get<int>()), "--caar-port", std::to_string(ports["caar"].get<int>())},
                   false);
  ASSERT_TRUE(fixed.started()) << fixed.log();
  EXPECT_EQ(fixed.port("saa"), ports["saa"].get<int>());
  EXPECT_EQ(fixed.port("caar"), ports["caar"].get<int>());
  // A second simulator on the same SAA port cannot start.
  auto r = run_sim({"--saa-port", std::to_string(fixed.port("saa")), "--trust-port", "0", "--caar-port", "0"});
  EXPECT_EQ(r.status.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot listen"), std::string::npos) << r.err;
  EXPECT_EQ(fixed.stop().code, 0);
}

TEST(Process, LogsOneJsonLinePerRequestWithoutKeysOrPlates) {
  SimProcess sim;
  ASSERT_TRUE(sim.started());
  auto saa = sim.client("saa");
  EXPECT_EQ(get(*saa, "/api/v1/vehicules/12345-116-16/attestation?date=20/11/2026", auth("saa")).status, 200);
  EXPECT_EQ(get(*saa, "/api/v1/polices/16%2F2026%2F0045871", {{"X-API-Key", "wrong-key-123"}}).status, 401);
  auto trust = sim.client("trust");
  EXPECT_EQ(get(*trust, "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-20&country=DZ", auth("trust")).status,
            200);
  auto caar = sim.client("caar");
  auto h = auth("caar");
  h.emplace("Idempotency-Key", "evt-log-1");
  EXPECT_EQ(send(*caar, "POST", "/api/v1/claims", R"({"claim_number":"CST-LOG-1"})", h).status, 201);
  EXPECT_EQ(sim.stop().code, 0);

  std::istringstream lines(sim.log());
  std::string line;
  int requests = 0;
  bool saw_attestation = false, saw_401 = false, saw_idempotency = false;
  while (std::getline(lines, line)) {
    const Json j = Json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not a JSON line: " << line;
    EXPECT_TRUE(j.contains("time")) << line;
    if (!j.contains("route")) continue;
    ++requests;
    EXPECT_TRUE(j["method"].is_string() && j["status"].is_number_integer()) << line;
    if (j["route"] == "GET /api/v1/vehicules/{immatriculation}/attestation") saw_attestation = j["status"] == 200;
    if (j["status"] == 401) saw_401 = true;
    if (j.value("idempotency", "") == "applied") saw_idempotency = true;
  }
  EXPECT_EQ(requests, 4);
  EXPECT_TRUE(saw_attestation);
  EXPECT_TRUE(saw_401);
  EXPECT_TRUE(saw_idempotency);
  const std::string log = sim.log();
  for (const char* secret : {"dev-saa-key", "dev-trust-key", "dev-caar-key", "wrong-key-123", "12345-116-16",
                             "01234 114 16", "16/2026/0045871", "16%2F2026"})
    EXPECT_EQ(log.find(secret), std::string::npos) << secret << " in the log:\n" << log;
}

}  // namespace
}  // namespace passerelle::sim::testing
