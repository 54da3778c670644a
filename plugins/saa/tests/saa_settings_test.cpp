// Settings: what the host rejects from the declaration, and what configure() rejects itself.
#include <gtest/gtest.h>

#include "saa_test_support.hpp"

using namespace saa_test;

namespace {

// The message make_static_adapter() throws for these settings ("" when it succeeds).
std::string setup_error(const Json& s) {
  pt::TestContext ctx("saa");
  try {
    pt::make_static_adapter("saa", s, ctx);
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

// 1. The plugin registers as "saa" and declares its settings with types and defaults.
TEST(SaaSettings, DescriptorDeclaresTheSettings) {
  const auto* d = sdk::static_plugin_registry().at("saa");
  EXPECT_STREQ(d->name, "saa");
  EXPECT_EQ(d->abi_major, PASSERELLE_ABI_MAJOR);
  const auto specs = sdk::settings_from_descriptor(*d);
  std::map<std::string, sdk::SettingSpec> by_name;
  for (const auto& s : specs) by_name[s.name] = s;
  EXPECT_EQ(by_name.at("api_key").type, sdk::SettingType::secret);
  EXPECT_TRUE(by_name.at("api_key").required);
  EXPECT_TRUE(by_name.at("base_url").required);
  EXPECT_EQ(by_name.at("topic_constat_created").default_value, "saa-constat.created");
  EXPECT_EQ(by_name.at("topic_constat_updated").default_value, "saa-constat.updated");
  EXPECT_EQ(by_name.at("topic_vehicle_verified").default_value, "saa-vehicle.verified");
  EXPECT_EQ(by_name.at("wilaya_max").default_value, 58);
  for (const auto& s : specs) EXPECT_FALSE(s.description.empty()) << s.name;
}

// 2. Unknown settings are rejected before the adapter sees them.
TEST(SaaSettings, UnknownSettingIsRejected) {
  Json s = settings();
  s["topic_sinistres"] = "saa-sinistres";
  const auto error = setup_error(s);
  EXPECT_NE(error.find("topic_sinistres"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown setting"), std::string::npos) << error;
}

// 3. Required settings and types.
TEST(SaaSettings, RequiredAndTypedSettings) {
  Json s = settings();
  s.erase("api_key");
  EXPECT_NE(setup_error(s).find("api_key"), std::string::npos);
  s = settings();
  s["wilaya_max"] = "69";
  EXPECT_NE(setup_error(s).find("wilaya_max"), std::string::npos);
  EXPECT_EQ(setup_error(settings()), "");
}

// 4. Cross-field and value checks of configure(): invalid_config with the setting's name,
//    never the key's value.
TEST(SaaSettings, ConfigureRejectsInconsistentSettings) {
  struct Case {
    const char* label;
    Json change;
    const char* named;
  };
  const std::vector<Case> cases = {
      {"same topic twice", {{"topic_constat_updated", "saa-constat.created"}}, "three different topics"},
      {"bad topic name", {{"topic_vehicle_verified", "saa vehicle/verified"}}, "topic_vehicle_verified"},
      {"no scheme", {{"base_url", "api.saa.dz"}}, "base_url"},
      {"wilaya_max too small", {{"wilaya_max", 40}}, "wilaya_max"},
      {"wilaya_max three digits", {{"wilaya_max", 100}}, "wilaya_max"},
      {"key with a newline", {{"api_key", "abc\r\nX-Injected: 1"}}, "api_key"},
      {"empty sender", {{"sender", ""}}, "sender"},
  };
  for (const auto& c : cases) {
    Json s = settings();
    s.update(c.change);
    const auto error = setup_error(s);
    EXPECT_NE(error.find("configure failed"), std::string::npos) << c.label << ": " << error;
    EXPECT_NE(error.find(c.named), std::string::npos) << c.label << ": " << error;
    EXPECT_EQ(error.find("X-Injected"), std::string::npos) << c.label << ": the key leaked: " << error;
  }
}

// 5. wilaya_max widens what registration numbers are accepted, in both directions.
TEST(SaaSettings, WilayaMaxWidensAcceptedPlates) {
  Json m = sample("saa_vehicule_verifie.json")["value"];
  m["corps"]["vehicule"]["immatriculation"] = "04521-115-69";
  {
    Saa saa;  // default 58
    const auto st = inbound_status(*saa.adapter, "saa-vehicle.verified", m.dump());
    EXPECT_EQ(st.code, sdk::StatusCode::permanent);
    EXPECT_NE(st.message.find("corps.vehicule.immatriculation"), std::string::npos) << st.message;
  }
  Json s = settings();
  s["wilaya_max"] = 69;
  Saa saa(s);
  sdk::KafkaRecord r{"saa-vehicle.verified", "k", {}, m.dump()};
  auto event = single_event(*saa.adapter, r);
  EXPECT_EQ(event.subject, "DZ:04521-115-69");
  EXPECT_EQ(single_record(*saa.adapter, event).key, "04521-115-69");
}

// 6. On the way out, an event the host accepted under its wider wilaya range is not refused
//    because of the adapter's own, narrower one (which still applies to what SAA sends).
TEST(SaaSettings, OutboundFollowsTheHostsWilayaRange) {
  class WideHost : public pt::TestContext {
   public:
    WideHost() : pt::TestContext("saa") {}
    const sdk::ValidationOptions& validation_options() const override { return options_; }

   private:
    sdk::ValidationOptions options_{1, 69};
  };
  WideHost host;
  auto adapter = pt::make_static_adapter("saa", settings(), host);  // wilaya_max stays 58
  Json v = sample("canonical_vehicle_verified.json");
  v["data"]["vehicle"]["registrationNumber"] = "12345-116-63";
  v["subject"] = "DZ:12345-116-63";
  sdk::ValidationErrors errors;
  const sdk::ValidationOptions wide{1, 69};
  auto event = sdk::parse_cloud_event(v, errors, &wide);
  ASSERT_TRUE(event) << errors.summary();
  const auto record = single_record(*adapter, *event);
  EXPECT_EQ(record.key, "12345-116-63");
  const auto st = inbound_status(*adapter, record.topic, record.value);
  EXPECT_EQ(st.code, sdk::StatusCode::permanent) << "SAA's own records stay within wilaya_max";
  EXPECT_NE(st.message.find("corps.vehicule.immatriculation"), std::string::npos) << st.message;
}

// 7. Subscriptions are the three configured topics.
TEST(SaaSettings, SubscriptionsAreTheThreeTopics) {
  Saa saa;
  EXPECT_EQ(saa.adapter->subscriptions(),
            (std::vector<std::string>{"saa-constat.created", "saa-constat.updated", "saa-vehicle.verified"}));
}
