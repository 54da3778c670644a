// The transform language on its own: date formats, value tables, booleans, constants, and the
// JSON pointer rules the mapping relies on.
#include "generic_rest_test_support.hpp"
#include "json_pointer.hpp"
#include "json_pointer_mapping.hpp"
#include "value_transforms.hpp"

namespace passerelle::generic_rest {
namespace {

using ::testing::HasSubstr;

Transform transform(const Json& j, const SchemaNode* target = nullptr) {
  std::vector<std::string> problems;
  auto t = parse_transform(j, "t", target, problems);
  if (!t) throw std::runtime_error(problems.empty() ? "?" : problems.front());
  return *t;
}

SchemaNode leaf(SchemaNode::Leaf l) {
  SchemaNode n;
  n.kind = SchemaNode::Kind::leaf;
  n.leaf = l;
  return n;
}

TEST(DateFormat, LocalMinutesInAlgeria) {
  const auto t = transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "%d/%m/%Y %H:%M"}, {"offset", "+01:00"}});
  EXPECT_EQ(to_provider(t, "2026-11-20T14:35:00+01:00"), Json("20/11/2026 14:35"));
  EXPECT_EQ(to_provider(t, "2026-11-20T23:35:00Z"), Json("21/11/2026 00:35"));  // same instant, CAAR's clock
  EXPECT_EQ(to_canonical(t, "21/11/2026 00:35").value, Json("2026-11-21T00:35:00+01:00"));
  EXPECT_FALSE(to_canonical(t, "2026-11-21 00:35").value);
  EXPECT_FALSE(to_canonical(t, "29/02/2026 10:00").value);  // not a leap year
  EXPECT_FALSE(to_provider(t, "not a date"));
}

TEST(DateFormat, PatternWithOffsetKeepsTheInstantsOwnOffset) {
  const auto t = transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "%Y-%m-%dT%H:%M:%S.%f%z"}});
  EXPECT_EQ(to_provider(t, "2026-11-20T14:35:07.25-05:30"), Json("2026-11-20T14:35:07.250-0530"));
  EXPECT_EQ(to_canonical(t, "2026-11-20T14:35:07.250-0530").value, Json("2026-11-20T14:35:07.25-05:30"));
  EXPECT_EQ(to_canonical(t, "2026-11-20T14:35:07.000Z").value, Json("2026-11-20T14:35:07Z"));
  EXPECT_EQ(to_canonical(t, "2026-11-20T14:35:07.5+01:00").value, Json("2026-11-20T14:35:07.5+01:00"));
}

TEST(DateFormat, EpochMillis) {
  const auto t = transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "epoch_millis"}, {"offset", "Z"}});
  EXPECT_EQ(to_provider(t, "2026-11-20T14:35:00.123+01:00"), Json(1795181700123LL));
  EXPECT_EQ(to_canonical(t, 1795181700123LL).value, Json("2026-11-20T13:35:00.123Z"));
  EXPECT_EQ(to_canonical(t, "1795181700000").value, Json("2026-11-20T13:35:00Z"));
  EXPECT_FALSE(to_canonical(t, "yesterday").value);
}

TEST(DateFormat, DatesOnly) {
  SchemaNode date = leaf(SchemaNode::Leaf::date);
  const auto t = transform({{"type", "date_format"}, {"provider", "%d.%m.%Y"}}, &date);  // canonical kind from the field
  EXPECT_EQ(to_provider(t, "1988-02-29"), Json("29.02.1988"));
  EXPECT_EQ(to_canonical(t, "29.02.1988").value, Json("1988-02-29"));
  EXPECT_FALSE(to_canonical(t, "29.02.1989").value);
}

TEST(DateFormat, ConfigChecks) {
  std::vector<std::string> problems;
  parse_transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "%H:%M"}, {"offset", "+01:00"}}, "t", nullptr, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("t.provider: must contain %Y, %m and %d"));
  problems.clear();
  parse_transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "%Y%m%d"}, {"offset", "CET"}}, "t", nullptr, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("t.offset: must be a UTC offset"));
  problems.clear();
  SchemaNode date = leaf(SchemaNode::Leaf::date);
  parse_transform({{"type", "date_format"}, {"canonical", "rfc3339"}, {"provider", "%Y%m%d"}, {"offset", "Z"}}, "t", &date, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("t.canonical: the canonical field is a date, so this must be \"date\""));
}

TEST(ValueTable, BothWaysAndPassthrough) {
  const auto closed = transform({{"type", "value_table"}, {"table", {{"confirmed", "VALID"}, {"unconfirmed", "INVALID"}}}});
  EXPECT_EQ(to_provider(closed, "confirmed"), Json("VALID"));
  EXPECT_FALSE(to_provider(closed, "maybe"));
  EXPECT_EQ(to_canonical(closed, "INVALID").value, Json("unconfirmed"));
  EXPECT_THAT(to_canonical(closed, "valid").error, HasSubstr("value \"valid\" is not in the value table"));
  const auto open = transform({{"type", "value_table"}, {"passthrough", true}, {"table", {{"policy_expired", "EXPIRED"}}}});
  EXPECT_EQ(to_provider(open, "insurer_specific_block"), Json("insurer_specific_block"));
  EXPECT_EQ(to_canonical(open, "STOLEN").value, Json("STOLEN"));
}

TEST(ValueTable, NonStringInsurerValues) {
  const auto t = transform({{"type", "value_table"}, {"table", {{"confirmed", true}, {"unconfirmed", false}}}});
  EXPECT_EQ(to_provider(t, "unconfirmed"), Json(false));
  EXPECT_EQ(to_canonical(t, true).value, Json("confirmed"));
}

TEST(BoolStrings, BothWays) {
  const auto t = transform({{"type", "bool_strings"}, {"true", "O"}, {"false", "N"}});
  EXPECT_EQ(to_provider(t, true), Json("O"));
  EXPECT_EQ(to_canonical(t, "N").value, Json(false));
  EXPECT_FALSE(to_canonical(t, "Y").value);
  EXPECT_FALSE(to_provider(t, "true"));  // a string is not a boolean
}

TEST(Constant, IgnoresItsInput) {
  const auto t = transform({{"type", "constant"}, {"value", "EASSURANCE"}});
  EXPECT_EQ(to_provider(t, 12), Json("EASSURANCE"));
  std::vector<std::string> problems;
  parse_transform({{"type", "constant"}}, "t", nullptr, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_THAT(problems[0], HasSubstr("t.value: required"));
}

TEST(Pointer, ParsingAndEscapes) {
  std::string why;
  auto p = Pointer::parse("/a~1b/c~0d", why);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->tokens(), (std::vector<std::string>{"a/b", "c~d"}));
  EXPECT_EQ(p->str(), "/a~1b/c~0d");
  for (const char* bad : {"a/b", "", "/a//b", "/a/0", "/a/-", "/a~2"}) EXPECT_FALSE(Pointer::parse(bad, why)) << bad;
}

TEST(Subtract, PrunesOnlyWhatRemovalEmptied) {
  std::string why;
  const auto p = [&](const char* s) { return *Pointer::parse(s, why); };
  const Json data = {{"a", {{"b", 1}}}, {"c", Json::object()}, {"d", {{"e", 2}, {"f", 3}}}};
  EXPECT_EQ(subtract(data, {p("/a/b"), p("/d/e")}), (Json{{"c", Json::object()}, {"d", {{"f", 3}}}}));
  EXPECT_EQ(subtract(data, {p("/a"), p("/c"), p("/d")}), std::nullopt);
  EXPECT_EQ(subtract(data, {p("/x/y")}), data);  // absent pointers remove nothing
}

TEST(Mapping, ReportsTheProviderFieldOfACanonicalPath) {
  std::vector<std::string> problems;
  auto scope = parse_kind_mapping(testing::caar_settings()["mapping"]["constat"], DataKind::constat, "mapping.constat", problems);
  ASSERT_TRUE(scope) << problems.front();
  EXPECT_EQ(provider_location(*scope, "data.sides[1].insurance.policyNumber"), "/parties/1/policy/number");
  EXPECT_EQ(provider_location(*scope, "data.accident.location.geo.lat"), "/loss_location/gps/lat");
  EXPECT_EQ(provider_location(*scope, "data.sides[0].circumstances[2]"), "/parties/0/circumstances/2");
  EXPECT_EQ(provider_location(*scope, "data.sides[0].driver.address.city"), std::nullopt);
}

}  // namespace
}  // namespace passerelle::generic_rest
