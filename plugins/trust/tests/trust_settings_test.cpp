// Settings: the declared specs, defaults, overrides and the cross-field checks of configure().
#include "passerelle/sdk/plugin.hpp"
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

std::string make_error(const Json& settings) {
  TestContext ctx("trust");
  try {
    make_static_adapter("trust", settings, ctx);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

TEST(TrustSettings, UnknownSettingIsRejectedWithTheAcceptedList) {
  Json s = base_settings();
  s["topic_created"] = "x";
  const std::string err = make_error(s);
  EXPECT_NE(err.find("settings.topic_created: unknown setting"), std::string::npos) << err;
  EXPECT_NE(err.find("topic_constat_created"), std::string::npos) << err;
}

TEST(TrustSettings, RequiredSettingsAreRequired) {
  Json s = base_settings();
  s.erase("api_key");
  EXPECT_NE(make_error(s).find("settings.api_key: required"), std::string::npos);
  s = base_settings();
  s.erase("base_url");
  EXPECT_NE(make_error(s).find("settings.base_url: required"), std::string::npos);
}

TEST(TrustSettings, WrongTypeIsRejected) {
  Json s = base_settings();
  s["wilaya_max"] = "58";
  EXPECT_NE(make_error(s).find("settings.wilaya_max: must be an integer"), std::string::npos);
}

TEST(TrustSettings, ApiKeyIsDeclaredSecret) {
  const auto* d = sdk::static_plugin_registry().at("trust");
  const auto specs = sdk::settings_from_descriptor(*d);
  const auto it = std::find_if(specs.begin(), specs.end(), [](const sdk::SettingSpec& s) { return s.name == "api_key"; });
  ASSERT_NE(it, specs.end());
  EXPECT_EQ(it->type, sdk::SettingType::secret);
  EXPECT_TRUE(it->required);
  for (const auto& s : specs) EXPECT_FALSE(s.description.empty()) << s.name;
}

TEST(TrustSettings, DefaultsGiveTheThreeTrustTopics) {
  TestContext ctx("trust");
  auto a = make_static_adapter("trust", base_settings(), ctx);
  EXPECT_EQ(a->subscriptions(),
            (std::vector<std::string>{"trust-constat.created", "trust-constat.updated", "trust-vehicle.verified"}));
}

TEST(TrustSettings, TopicsAndKeyPrefixesCanBeOverridden) {
  Json s = base_settings();
  s["topic_constat_created"] = "eas.trust.reports.opened";
  s["topic_vehicle_verified"] = "eas.trust.coverage";
  s["report_key_prefix"] = "constat/";
  s["vehicle_key_prefix"] = "veh/";
  TestContext ctx("trust");
  auto a = make_static_adapter("trust", s, ctx);
  EXPECT_EQ(a->subscriptions(), (std::vector<std::string>{"eas.trust.reports.opened", "trust-constat.updated", "eas.trust.coverage"}));
  auto out = a->to_provider(canonical_event(sample("canonical_constat_created.json")));
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(kafka(out.value()[0]).topic, "eas.trust.reports.opened");
  EXPECT_EQ(kafka(out.value()[0]).key, "constat/CST-2026-004417");
  auto v = a->to_provider(canonical_event(sample("canonical_vehicle_verified.json")));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(kafka(v.value()[0]).key, "veh/DZ:01234-114-16");
  // Reading follows the overridden topic too.
  auto back = a->to_canonical(out.value()[0]);
  ASSERT_TRUE(back.ok()) << back.status().message;
  Json old_topic = sdk::to_json(out.value()[0]);
  old_topic["topic"] = "trust-constat.created";
  EXPECT_FALSE(a->to_canonical(sdk::delivery_from_json(old_topic)).ok());
}

TEST(TrustSettings, CrossFieldProblemsAreNamedAndNeverQuoteTheKey) {
  Json s = base_settings();
  s["topic_constat_updated"] = "trust-constat.created";
  s["base_url"] = "api.trust.dz";
  s["api_key"] = std::string(kApiKey) + " \r\nX-Evil: 1";
  s["default_registration_country"] = "dz";
  const std::string err = make_error(s);
  EXPECT_NE(err.find("topic_constat_updated: \"trust-constat.created\" is already used"), std::string::npos) << err;
  EXPECT_NE(err.find("base_url: must start with http:// or https://"), std::string::npos) << err;
  EXPECT_NE(err.find("api_key: must be non-empty, without spaces or control characters"), std::string::npos) << err;
  EXPECT_NE(err.find("default_registration_country"), std::string::npos) << err;
  EXPECT_EQ(err.find(kApiKey), std::string::npos) << err;
}

TEST(TrustSettings, WilayaMaxWidensWhatIsAccepted) {
  Json d = sample("trust_report_revised.json");
  d["value"]["payload"]["accidentReport"]["incident"]["address"]["wilaya"] = 60;
  TestContext ctx58("trust");
  auto a58 = make_static_adapter("trust", base_settings(), ctx58);
  EXPECT_FALSE(a58->to_canonical(sdk::delivery_from_json(d)).ok());
  Json s = base_settings();
  s["wilaya_max"] = 69;
  TestContext ctx69("trust");
  auto a69 = make_static_adapter("trust", s, ctx69);
  auto out = a69->to_canonical(sdk::delivery_from_json(d));
  ASSERT_TRUE(out.ok()) << out.status().message;
  EXPECT_EQ(out.value()[0].data["accident"]["location"]["wilayaCode"], "60");
}

// The host validates outgoing events with its own range; a Trust narrower than that must still
// refuse what it does not accept (the adapter only skips its own validation when its range
// covers the host's).
TEST(TrustSettings, NarrowerWilayaMaxThanTheHostStillRefusesOutgoingEvents) {
  Json j = sample("canonical_constat_created.json");
  j["data"]["accident"]["location"]["wilayaCode"] = "55";
  sdk::ValidationErrors errors;
  auto event = sdk::parse_cloud_event(j, errors);  // the host's default range, 01..58
  ASSERT_TRUE(event) << errors.summary();
  Json s = base_settings();
  s["wilaya_max"] = 48;
  TestContext ctx("trust");
  auto narrow = make_static_adapter("trust", s, ctx);
  auto out = narrow->to_provider(*event);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(out.status().message.find("wilayaCode"), std::string::npos) << out.status().message;
  TestContext ctx58("trust");
  EXPECT_TRUE(make_static_adapter("trust", base_settings(), ctx58)->to_provider(*event).ok());
}

}  // namespace
}  // namespace passerelle::trust::testing
