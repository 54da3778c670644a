// Plugin settings are checked by the host before an adapter sees them: every problem names the
// key and quotes the plugin's own description, so ops can fix the YAML without reading code.
#include <gtest/gtest.h>

#include "passerelle/sdk/settings.hpp"

namespace passerelle::sdk {
namespace {

using nlohmann::json;

std::vector<SettingSpec> specs() {
  return {
      {"base_url", SettingType::string, nullptr, true, "Insurer API root, e.g. https://api.saa.dz"},
      {"timeout_ms", SettingType::integer, 5000, false, "HTTP timeout in milliseconds"},
      {"verify_tls", SettingType::boolean, true, false, "Check the insurer's certificate"},
      {"ratio", SettingType::number, 0.5, false, "Share of traffic sent"},
      {"headers", SettingType::object, nullptr, false, "Extra HTTP headers"},
      {"topics", SettingType::array, json::array(), false, "Topics to consume"},
      {"api_key", SettingType::secret, nullptr, false, "API key given by the insurer"},
  };
}

bool mentions(const std::vector<std::string>& problems, const std::string& part) {
  for (const auto& p : problems)
    if (p.find(part) != std::string::npos) return true;
  return false;
}

std::string all(const std::vector<std::string>& problems) {
  std::string out;
  for (const auto& p : problems) out += p + "\n";
  return out;
}

TEST(CheckSettings, ValidValuesWithDefaultsApplied) {
  json out;
  const auto problems = check_settings(specs(), {{"base_url", "https://api.saa.dz"}, {"timeout_ms", 800}},
                                       "adapters[0].settings", out);
  EXPECT_TRUE(problems.empty()) << all(problems);
  EXPECT_EQ(out["base_url"], "https://api.saa.dz");
  EXPECT_EQ(out["timeout_ms"], 800);      // given value wins over the default
  EXPECT_EQ(out["verify_tls"], true);     // defaults filled in
  EXPECT_EQ(out["ratio"], 0.5);
  EXPECT_EQ(out["topics"], json::array());
  EXPECT_FALSE(out.contains("headers"));  // no default, not given: stays absent
  EXPECT_FALSE(out.contains("api_key"));
}

TEST(CheckSettings, UnknownKeyIsNamedWithTheAcceptedList) {
  json out;
  const auto problems =
      check_settings(specs(), {{"base_url", "x"}, {"timeout", 800}}, "adapters[1].settings", out);
  ASSERT_EQ(problems.size(), 1u) << all(problems);
  EXPECT_TRUE(mentions(problems, "adapters[1].settings.timeout: unknown setting")) << all(problems);
  EXPECT_TRUE(mentions(problems, "base_url, timeout_ms, verify_tls")) << all(problems);
  EXPECT_FALSE(out.contains("timeout"));
}

TEST(CheckSettings, WrongTypeQuotesTheDescription) {
  json out;
  const auto problems = check_settings(specs(),
                                       {{"base_url", "x"},
                                        {"timeout_ms", "800"},
                                        {"verify_tls", "yes"},
                                        {"ratio", "half"},
                                        {"headers", json::array()},
                                        {"topics", "a,b"},
                                        {"api_key", 1234}},
                                       "adapters[0].settings", out);
  EXPECT_EQ(problems.size(), 6u) << all(problems);
  EXPECT_TRUE(mentions(problems, "adapters[0].settings.timeout_ms: must be an integer — HTTP timeout in milliseconds"))
      << all(problems);
  EXPECT_TRUE(mentions(problems, "verify_tls: must be a boolean — Check the insurer's certificate")) << all(problems);
  EXPECT_TRUE(mentions(problems, "ratio: must be a number — Share of traffic sent")) << all(problems);
  EXPECT_TRUE(mentions(problems, "headers: must be an object — Extra HTTP headers")) << all(problems);
  EXPECT_TRUE(mentions(problems, "topics: must be an array — Topics to consume")) << all(problems);
  EXPECT_TRUE(mentions(problems, "api_key: must be a secret — API key given by the insurer")) << all(problems);
}

TEST(CheckSettings, RequiredMissingQuotesTheDescription) {
  json out;
  for (const json& values : {json::object(), json{{"base_url", nullptr}}, json()}) {
    const auto problems = check_settings(specs(), values, "adapters[2].settings", out);
    ASSERT_EQ(problems.size(), 1u) << values.dump() << "\n" << all(problems);
    EXPECT_EQ(problems[0],
              "adapters[2].settings.base_url: required setting missing — Insurer API root, e.g. https://api.saa.dz");
  }
}

TEST(CheckSettings, NumberAcceptsIntegersButIntegerRejectsFractions) {
  json out;
  EXPECT_TRUE(check_settings(specs(), {{"base_url", "x"}, {"ratio", 1}}, "s", out).empty());
  EXPECT_EQ(out["ratio"], 1);
  EXPECT_TRUE(mentions(check_settings(specs(), {{"base_url", "x"}, {"timeout_ms", 1.5}}, "s", out),
                       "s.timeout_ms: must be an integer"));
}

TEST(CheckSettings, ValuesMustBeAMapping) {
  json out;
  const auto problems = check_settings(specs(), json::array({"base_url"}), "adapters[0].settings", out);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], "adapters[0].settings: must be a mapping of setting names to values");
}

TEST(CheckSettings, EveryProblemIsReportedAtOnce) {
  json out;
  const auto problems = check_settings(specs(), {{"timeout_ms", true}, {"colour", "red"}}, "a", out);
  EXPECT_EQ(problems.size(), 3u) << all(problems);
}

TEST(SettingTypes, NamesRoundTrip) {
  for (auto t : {SettingType::string, SettingType::integer, SettingType::boolean, SettingType::number,
                 SettingType::object, SettingType::array, SettingType::secret})
    EXPECT_EQ(setting_type_from_string(to_string(t)), t) << to_string(t);
  EXPECT_FALSE(setting_type_from_string("int"));
  EXPECT_FALSE(setting_type_from_string(""));
}

TEST(SettingsValues, TypedGettersFallBackOnAbsentOrWrongType) {
  const Settings s(json{{"url", "https://x"}, {"n", 3}, {"flag", true}, {"none", nullptr}, {"text_n", "3"}});
  EXPECT_EQ(s.get_string("url"), "https://x");
  EXPECT_EQ(s.get_string("missing", "dflt"), "dflt");
  EXPECT_EQ(s.get_string("n", "dflt"), "dflt");
  EXPECT_EQ(s.get_int("n"), 3);
  EXPECT_EQ(s.get_int("text_n", 7), 7);
  EXPECT_TRUE(s.get_bool("flag"));
  EXPECT_TRUE(s.get_bool("missing", true));
  EXPECT_TRUE(s.has("url"));
  EXPECT_FALSE(s.has("none"));
  EXPECT_FALSE(s.has("missing"));
  EXPECT_TRUE(s.get("missing").is_null());
  EXPECT_EQ(s.get("n"), 3);
  EXPECT_TRUE(Settings().raw().is_object());
}

}  // namespace
}  // namespace passerelle::sdk
