// The simulator stands in for the insurers of the shipped config: the CAAR endpoints, header
// and key of config/insurers/caar.yaml, and the base URLs and keys of config/passerelle.yaml,
// must be what it serves. If another engineer changes them, this fails and names the drift.
#include <yaml-cpp/yaml.h>

#include <regex>

#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

const std::string kRoot = SIM_REPO_ROOT;

// "${CAAR_API_KEY:-dev-caar-key}" -> "dev-caar-key"; a plain value is itself.
std::string fallback(const std::string& v) {
  static const std::regex re(R"(^\$\{[A-Za-z_][A-Za-z0-9_]*:-(.*)\}$)");
  std::smatch m;
  return std::regex_match(v, m, re) ? m[1].str() : v;
}

std::string percent_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// Fills a generic-rest path template the way the plugin does (percent-encoded values).
std::string expand(std::string path, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    const std::string ph = "{" + k + "}";
    for (auto at = path.find(ph); at != std::string::npos; at = path.find(ph))
      path.replace(at, ph.size(), percent_encode(v));
  }
  return path;
}

using ConfigConsistency = SimTest;

TEST_F(ConfigConsistency, CaarYamlEndpointsAreServed) {
  const YAML::Node caar = YAML::LoadFile(kRoot + "/config/insurers/caar.yaml");
  const YAML::Node settings = caar["settings"];
  ASSERT_TRUE(settings) << "config/insurers/caar.yaml has no settings";
  EXPECT_EQ(caar["id"].as<std::string>(), "caar");
  EXPECT_EQ(settings["auth"]["header"].as<std::string>(), "X-CAAR-Key");
  EXPECT_FALSE(settings["auth"]["prefix"]) << "the simulator compares the whole header value with the key";
  EXPECT_EQ(fallback(settings["auth"]["value"].as<std::string>()), "dev-caar-key");
  EXPECT_EQ(fallback(settings["base_url"].as<std::string>()), "http://127.0.0.1:9103");

  const std::map<std::string, std::string> values = {{"constatId", "CST-CONSISTENCY-1"},
                                                     {"revision", "2"},
                                                     {"eventId", "e-1"},
                                                     {"registration", "774-311-09"},
                                                     {"registrationCountry", "DZ"},
                                                     {"verificationId", "VRF-CONSISTENCY-1"},
                                                     {"asOf", "2026-11-20"},
                                                     {"policyNumber", "CAAR/09/2026/000777"},
                                                     {"key", "x"}};
  const std::map<std::string, Json> bodies = {
      {"constat_created", {{"claim_number", "CST-CONSISTENCY-1"}, {"version", 1}}},
      {"constat_updated", {{"claim_number", "CST-CONSISTENCY-1"}, {"version", 2}}},
      {"vehicle_verified", {{"check_id", "VRF-CONSISTENCY-1"}, {"result", "VALID"}}},
  };
  // In the order a life cycle would use them: the claim exists before it is queried.
  const std::vector<std::string> operations = {"constat_created", "constat_updated", "vehicle_verified",
                                               "query_vehicle",   "query_policy",    "query_constat"};
  const YAML::Node endpoints = settings["endpoints"];
  ASSERT_TRUE(endpoints && endpoints.IsMap());
  for (auto it = endpoints.begin(); it != endpoints.end(); ++it) {
    const auto name = it->first.as<std::string>();
    EXPECT_NE(std::find(operations.begin(), operations.end(), name), operations.end())
        << "caar.yaml has an endpoint the simulator does not know: " << name;
  }
  for (const auto& op : operations) {
    const YAML::Node e = endpoints[op];
    if (!e) continue;
    const bool delivery = bodies.count(op) > 0;
    const std::string method = e["method"] ? e["method"].as<std::string>()
                                           : (op == "constat_updated" ? "PUT"
                                              : delivery              ? "POST"
                                                                      : "GET");
    const std::string path = expand(e["path"].as<std::string>(), values);
    auto headers = auth("caar");
    if (delivery) headers.emplace("Idempotency-Key", "consistency-" + op);
    auto c = sim().client("caar");
    const Answer a = send(*c, method, path, delivery ? bodies.at(op).dump() : "", headers);
    EXPECT_TRUE(a.status == 200 || a.status == 201)
        << op << ": " << method << " " << path << " -> " << a.status << " " << a.body;
  }
  const Json s = stats("caar");
  for (auto it = s["requests"].begin(); it != s["requests"].end(); ++it)
    EXPECT_EQ(it.key().find("(unmatched)"), std::string::npos) << it.key();
  EXPECT_EQ(s["side_effects"]["total"], 3);
}

TEST_F(ConfigConsistency, HostConfigPointsAtTheSimulatorDefaults) {
  const YAML::Node config = YAML::LoadFile(kRoot + "/config/passerelle.yaml");
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"saa", {"http://127.0.0.1:9101", "dev-saa-key"}}, {"trust", {"http://127.0.0.1:9102", "dev-trust-key"}}};
  std::set<std::string> seen;
  for (const auto& a : config["adapters"]) {
    if (!a["id"]) continue;  // an include
    const auto id = a["id"].as<std::string>();
    if (!expected.count(id)) continue;
    seen.insert(id);
    EXPECT_EQ(fallback(a["settings"]["base_url"].as<std::string>()), expected.at(id).first) << id;
    EXPECT_EQ(fallback(a["settings"]["api_key"].as<std::string>()), expected.at(id).second) << id;
  }
  EXPECT_EQ(seen.size(), 2u);
}

}  // namespace
}  // namespace passerelle::sim::testing
