// configure() refuses a wrong mapping with a message naming the exact setting path; each case
// breaks one thing in the otherwise valid CAAR config.
#include "generic_rest_test_support.hpp"
#include "passerelle/sdk/plugin.hpp"

namespace passerelle::generic_rest::testing {
namespace {

// The configure() (or host settings check) message, or "" when the config is accepted.
std::string config_error(const Json& settings) {
  TestContext ctx("caar");
  try {
    make_static_adapter("generic-rest", settings, ctx);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

Json& constat_rule(Json& s, std::size_t i) { return s["mapping"]["constat"]["fields"][i]; }

TEST(ConfigErrors, TheShippedConfigsAreAccepted) {
  EXPECT_EQ(config_error(caar_settings()), "");
  EXPECT_EQ(config_error(minimal_settings()), "");
  EXPECT_EQ(config_error(no_rule_settings()), "");
}

TEST(ConfigErrors, ProviderThatIsNotAJsonPointer) {
  Json s = caar_settings();
  constat_rule(s, 3)["provider"] = "form_type";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].provider: not a JSON pointer"));
}

TEST(ConfigErrors, CanonicalThatIsNotAJsonPointerInsideEach) {
  Json s = caar_settings();
  s["mapping"]["constat"]["fields"][14]["each"][2]["canonical"] = 42;
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[14].each[2].canonical: not a JSON pointer"));
}

TEST(ConfigErrors, PointerIntoAnArrayElement) {
  Json s = caar_settings();
  constat_rule(s, 0)["canonical"] = "/sides/0/side";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[0].canonical: \"/sides/0/side\" addresses an array element"));
}

TEST(ConfigErrors, CanonicalFieldThatDoesNotExist) {
  Json s = caar_settings();
  constat_rule(s, 4)["canonical"] = "/accident/occuredAt";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[4].canonical: /accident/occuredAt is not a field of the canonical constat"));
}

TEST(ConfigErrors, UnknownTransformType) {
  Json s = caar_settings();
  constat_rule(s, 2)["transform"]["type"] = "lookup";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[2].transform.type: unknown transform type \"lookup\""));
}

TEST(ConfigErrors, ValueTableMissingACanonicalStatus) {
  Json s = caar_settings();
  constat_rule(s, 2)["transform"]["table"].erase("in_review");
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[2].transform.table: missing canonical value(s) in_review"));
}

TEST(ConfigErrors, ValueTableWithAValueThatIsNotCanonical) {
  Json s = caar_settings();
  constat_rule(s, 2)["transform"]["table"]["archived"] = "ARCHIVED";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[2].transform.table.archived: not a canonical value"));
}

TEST(ConfigErrors, ValueTableThatCannotBeReadBack) {
  Json s = caar_settings();
  constat_rule(s, 2)["transform"]["table"]["settled"] = "CLOSED";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[2].transform.table.settled: insurer value \"CLOSED\" is also used for \"closed\""));
}

TEST(ConfigErrors, EnvelopeTypeTableMustCoverEveryHandledType) {
  Json s = caar_settings();
  s["envelope"]["type"]["transform"]["table"].erase("vehicle.verified");
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("envelope.type.transform.table: missing canonical value(s) vehicle.verified"));
}

TEST(ConfigErrors, MissingEndpointForAnOperation) {
  Json s = caar_settings();
  s["endpoints"].erase("constat_updated");
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("endpoints.constat_updated: required"));
}

TEST(ConfigErrors, QueryEndpointWithoutItsMapping) {
  Json s = caar_settings();
  s["mapping"].erase("policy");
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.policy: required because endpoints.query_policy is set"));
}

TEST(ConfigErrors, UnknownPlaceholderInAPath) {
  Json s = caar_settings();
  s["endpoints"]["constat_updated"]["path"] = "/api/v1/claims/{claimId}";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("endpoints.constat_updated.path: unknown placeholder {claimId}"));
}

TEST(ConfigErrors, GetOnlyForQueries) {
  Json s = caar_settings();
  s["endpoints"]["query_vehicle"]["method"] = "POST";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("endpoints.query_vehicle.method: must be one of GET"));
}

TEST(ConfigErrors, TwoRulesWritingTheSameInsurerField) {
  Json s = caar_settings();
  constat_rule(s, 3)["provider"] = "/claim_number";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].provider: /claim_number overlaps /claim_number of mapping.constat.fields[0]"));
}

TEST(ConfigErrors, RuleInsideTheUnmappedArea) {
  Json s = caar_settings();
  constat_rule(s, 3)["provider"] = "/eassurance_data/form";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].provider: /eassurance_data/form overlaps /eassurance_data of mapping.constat.unmapped_to"));
}

TEST(ConfigErrors, EnvelopeFieldOnARuleField) {
  Json s = caar_settings();
  s["envelope"]["time"]["body"] = "/loss_date";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("envelope.time.body: /loss_date overlaps /loss_date of mapping.constat.fields[4].provider"));
}

TEST(ConfigErrors, EnvelopeHeaderThatTheAdapterSets) {
  Json s = caar_settings();
  s["envelope"]["correlationid"]["header"] = "x-caar-key";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("envelope.correlationid.header: x-caar-key is set by the adapter or the host"));
}

TEST(ConfigErrors, DateFormatWithoutOffsetForALocalTime) {
  Json s = caar_settings();
  constat_rule(s, 4)["transform"].erase("offset");
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[4].transform.offset: required"));
}

TEST(ConfigErrors, DateFormatWithAnUnknownDirective) {
  Json s = caar_settings();
  constat_rule(s, 4)["transform"]["provider"] = "%d/%m/%Y %I:%M";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[4].transform.provider: unknown directive %I"));
}

TEST(ConfigErrors, DateFormatOnAFieldThatIsNotADate) {
  Json s = caar_settings();
  constat_rule(s, 3)["transform"] = {{"type", "date_format"}, {"provider", "%d/%m/%Y"}};
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].transform.type: date_format needs a date or date-time field"));
}

TEST(ConfigErrors, BoolStringsOnAFieldThatIsNotABoolean) {
  Json s = caar_settings();
  constat_rule(s, 3)["transform"] = {{"type", "bool_strings"}, {"true", "Y"}, {"false", "N"}};
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].transform.type: bool_strings needs a boolean field"));
}

TEST(ConfigErrors, UnknownRuleKey) {
  Json s = caar_settings();
  constat_rule(s, 1)["to"] = "/v";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[1].to: unknown key"));
}

TEST(ConfigErrors, EachOnAFieldThatIsNotAnArray) {
  Json s = caar_settings();
  constat_rule(s, 3) = {{"canonical", "/accident"}, {"provider", "/acc"}, {"each", Json::array()}};
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("mapping.constat.fields[3].canonical: /accident is an object, not an array"));
}

TEST(ConfigErrors, UnsubstitutedSecretIsRefusedWithoutQuotingIt) {
  Json s = caar_settings();
  s["auth"]["value"] = "${CAAR_API_KEY}";
  const std::string msg = config_error(s);
  EXPECT_THAT(msg, ::testing::HasSubstr("auth.value: still holds a ${...} placeholder"));
  EXPECT_THAT(msg, ::testing::Not(::testing::HasSubstr("CAAR_API_KEY")));
  s["auth"]["value"] = "s3cr3t-value\n";
  EXPECT_THAT(config_error(s), ::testing::AllOf(::testing::HasSubstr("auth.value: contains a control character"),
                                                ::testing::Not(::testing::HasSubstr("s3cr3t"))));
}

TEST(ConfigErrors, EveryProblemIsReportedAtOnce) {
  Json s = caar_settings();
  constat_rule(s, 3)["provider"] = "form_type";
  s["endpoints"].erase("constat_created");
  const std::string msg = config_error(s);
  EXPECT_THAT(msg, ::testing::HasSubstr("mapping.constat.fields[3].provider"));
  EXPECT_THAT(msg, ::testing::HasSubstr("endpoints.constat_created: required"));
}

TEST(ConfigErrors, HostChecksDeclaredTypesFirst) {
  Json s = caar_settings();
  s["mapping"] = "constat";
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("settings.mapping: must be a"));
  s = caar_settings();
  s["mappings"] = Json::object();
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("settings.mappings: unknown setting"));
}

TEST(Plugin, DeclaresItsSettings) {
  const auto* d = sdk::static_plugin_registry().at("generic-rest");
  const auto specs = sdk::settings_from_descriptor(*d);
  std::map<std::string, bool> required;
  for (const auto& s : specs) required[s.name] = s.required;
  EXPECT_EQ(required, (std::map<std::string, bool>{{"auth", false}, {"base_url", true}, {"endpoints", true},
                                                   {"envelope", false}, {"inbound_topics", false}, {"mapping", true}}));
}

TEST(Plugin, SubscriptionsAreEmptyUnlessInboundTopicsAreSet) {
  TestContext ctx("caar");
  EXPECT_TRUE(make_static_adapter("generic-rest", caar_settings(), ctx)->subscriptions().empty());
  Json s = caar_settings();
  s["inbound_topics"] = {"caar-claims", "caar-checks"};
  EXPECT_EQ(make_static_adapter("generic-rest", s, ctx)->subscriptions(), (std::vector<std::string>{"caar-claims", "caar-checks"}));
  s["inbound_topics"] = {"caar-claims", "caar-claims"};
  EXPECT_THAT(config_error(s), ::testing::HasSubstr("inbound_topics[1]: listed twice"));
}

}  // namespace
}  // namespace passerelle::generic_rest::testing
