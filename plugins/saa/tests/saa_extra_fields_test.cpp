// The schema of SAA fields the mapping knows, and SAA-only fields <-> extensions.saa.
#include <gtest/gtest.h>

#include <random>

#include "canonical_generator.hpp"
#include "saa_constat_mapping.hpp"
#include "saa_extra_fields.hpp"
#include "saa_verification_mapping.hpp"

using passerelle::sdk::Json;
namespace saa = passerelle::saa;
namespace pt = passerelle::testing;

// 1. Every field the outbound mapping writes is one the schema knows; otherwise SAA's echo of it
//    would come back as an "extra" field. Checked on generated constats and verifications.
TEST(SaaExtraFields, SchemaKnowsEveryFieldTheMappingWrites) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    std::mt19937_64 rng(seed);
    auto c = pt::random_constat(rng);
    saa::CanonicalComplement complement;
    const Json body = saa::saa_constat_body(c, complement);
    EXPECT_EQ(saa::collect_extra_fields(body, saa::constat_body_schema()), Json::object()) << "seed " << seed;
    auto v = pt::random_verification(rng);
    const Json vbody = saa::saa_verification_body(v, complement);
    EXPECT_EQ(saa::collect_extra_fields(vbody, saa::verification_body_schema()), Json::object()) << "seed " << seed;
    if (::testing::Test::HasFailure()) break;
  }
}

// 2. Unknown members are gathered with SAA's nesting; parties by letter, lists by position.
TEST(SaaExtraFields, CollectKeepsSaaNesting) {
  const Json body = {{"numeroConstat", "X"},
                     {"referenceSinistre", "SIN-1"},
                     {"lieu", {{"adresse", "rue"}, {"pointKilometrique", "PK 3"}}},
                     {"parties",
                      {{{"lettre", "A"}, {"vehicule", {{"marque", "R"}}}},
                       {{"lettre", "B"}, {"vehicule", {{"marque", "P"}, {"usage", "taxi"}}}}}},
                     {"temoins", {{{"nom", "N"}}, {{"nom", "M"}, {"cni", "7"}}}}};
  const Json expected = {{"referenceSinistre", "SIN-1"},
                         {"lieu", {{"pointKilometrique", "PK 3"}}},
                         {"parties", {{"B", {{"vehicule", {{"usage", "taxi"}}}}}}},
                         {"temoins", {{"1", {{"cni", "7"}}}}}};
  EXPECT_EQ(saa::collect_extra_fields(body, saa::constat_body_schema()), expected);
}

// 3. Placing writes the fields where collect will find them, or refuses and changes nothing.
TEST(SaaExtraFields, PlaceIsExactOrNothing) {
  const Json base = {{"numeroConstat", "X"}, {"parties", {{{"lettre", "A"}, {"vehicule", {{"marque", "R"}}}}}}};
  Json body = base;
  const Json extra = {{"referenceSinistre", "S"}, {"parties", {{"A", {{"vehicule", {{"usage", "taxi"}}}}}}}};
  ASSERT_TRUE(saa::place_extra_fields(body, extra, saa::constat_body_schema()));
  EXPECT_EQ(body["parties"][0]["vehicule"]["usage"], "taxi");
  EXPECT_EQ(body["referenceSinistre"], "S");

  for (const Json& impossible : {Json{{"statut", "x"}},                                     // SAA's own field
                                 Json{{"parties", {{"B", {{"x", 1}}}}}},                    // no party B
                                 Json{{"parties", {{"A", Json::object()}}}},                // would vanish
                                 Json{{"lieu", {{"x", 1}}}},                                // no lieu in this body
                                 Json::object(),                                            // would vanish
                                 Json::array()}) {
    Json b = base;
    EXPECT_FALSE(saa::place_extra_fields(b, impossible, saa::constat_body_schema())) << impossible.dump();
    EXPECT_EQ(b, base) << impossible.dump();
  }
}

// 4. extensions <-> SAA fields + complement, including other insurers and empty objects.
TEST(SaaExtraFields, ExtensionsSplitBetweenSaaFieldsAndComplement) {
  const Json base = {{"numeroConstat", "X"}, {"parties", Json::array()}};
  const Json exts = {{"saa", {{"canal", "mobile"}}}, {"trust", {{"d", 1}}}};
  Json body = base;
  saa::CanonicalComplement complement;
  saa::write_extensions(exts, "saa", body, saa::constat_body_schema(), complement);
  EXPECT_EQ(body["canal"], "mobile");
  ASSERT_TRUE(complement.extensions.has_value());
  EXPECT_EQ(*complement.extensions, (Json{{"trust", {{"d", 1}}}}));
  EXPECT_EQ(saa::read_extensions(body, "saa", saa::constat_body_schema(), &complement), exts);

  Json empty_body = base;
  saa::CanonicalComplement c2;
  saa::write_extensions(Json::object(), "saa", empty_body, saa::constat_body_schema(), c2);
  EXPECT_EQ(saa::read_extensions(empty_body, "saa", saa::constat_body_schema(), &c2), Json::object());
  saa::CanonicalComplement c3;
  saa::write_extensions(std::nullopt, "saa", empty_body, saa::constat_body_schema(), c3);
  EXPECT_TRUE(c3.empty());
  EXPECT_EQ(saa::read_extensions(empty_body, "saa", saa::constat_body_schema(), &c3), std::nullopt);
}
