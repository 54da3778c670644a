// config/insurers/caar.yaml (what the host loads) and tests/samples/caar_settings.json (what
// these tests use) must hold the same settings: this test is what keeps them from drifting.
#include <yaml-cpp/yaml.h>

#include <regex>

#include "generic_rest_test_support.hpp"

namespace passerelle::generic_rest::testing {
namespace {

// YAML 1.2 core schema typing for plain scalars; quoted scalars stay strings (as the host does).
Json yaml_to_json(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: {
      Json o = Json::object();
      for (const auto& kv : n) o[kv.first.as<std::string>()] = yaml_to_json(kv.second);
      return o;
    }
    case YAML::NodeType::Sequence: {
      Json a = Json::array();
      for (const auto& x : n) a.push_back(yaml_to_json(x));
      return a;
    }
    case YAML::NodeType::Scalar: {
      const std::string s = n.Scalar();
      if (n.Tag() == "!") return s;
      if (s == "true" || s == "True" || s == "TRUE") return true;
      if (s == "false" || s == "False" || s == "FALSE") return false;
      if (s == "null" || s == "~") return nullptr;
      if (std::regex_match(s, std::regex("[-+]?[0-9]+"))) return std::stoll(s);
      if (std::regex_match(s, std::regex("[-+]?([0-9]*\\.[0-9]+|[0-9]+\\.)([eE][-+]?[0-9]+)?"))) return std::stod(s);
      return s;
    }
    default: return nullptr;
  }
}

// ${NAME:-fallback} -> fallback, as the host does when NAME is unset.
Json with_fallbacks(const Json& j) {
  if (j.is_object() || j.is_array()) {
    Json out = j;
    for (auto& v : out) v = with_fallbacks(v);
    return out;
  }
  if (j.is_string()) return std::regex_replace(j.get<std::string>(), std::regex("\\$\\{[A-Z0-9_]+:-([^}]*)\\}"), "$1");
  return j;
}

TEST(CaarYaml, SameSettingsAsTheJsonSample) {
  const Json entry = yaml_to_json(YAML::LoadFile(GENERIC_REST_CAAR_YAML));
  EXPECT_EQ(entry["id"], "caar");
  EXPECT_EQ(entry["plugin"], "generic-rest");
  const Json yaml_settings = with_fallbacks(entry["settings"]);
  const Json json_settings = caar_settings();
  EXPECT_EQ(yaml_settings, json_settings) << Json::diff(json_settings, yaml_settings).dump(2);
}

TEST(CaarYaml, KeyComesFromTheEnvironment) {
  const Json entry = yaml_to_json(YAML::LoadFile(GENERIC_REST_CAAR_YAML));
  EXPECT_EQ(entry["settings"]["auth"]["header"], "X-CAAR-Key");
  EXPECT_EQ(entry["settings"]["auth"]["value"], "${CAAR_API_KEY:-dev-caar-key}");
}

TEST(CaarYaml, IsAcceptedAsIs) {
  TestContext ctx("caar");
  const Json entry = yaml_to_json(YAML::LoadFile(GENERIC_REST_CAAR_YAML));
  EXPECT_NO_THROW(make_static_adapter("generic-rest", with_fallbacks(entry["settings"]), ctx));
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
