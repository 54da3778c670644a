// Value rules of the canonical constat and vehicle.verified beyond presence and closed lists:
// circumstances, ranges, identifiers, dates, attachment digests, and the typed round trip.
#include <gtest/gtest.h>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;

ValidationErrors errors_for(const Json& event) {
  ValidationErrors errors;
  parse_cloud_event(event, errors);
  return errors;
}

TEST(Circumstances, OutOfRangeAndWrongTypesAreRejectedPerItem) {
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["data"]["sides"][0]["circumstances"] = Json::parse(R"([0, 17, 18, -1, "3", 2.5, 1])");
  const auto errors = errors_for(event);
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[0]", "must be an integer 1..17"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[2]", "must be an integer 1..17"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[3]", "must be an integer 1..17"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[4]", "must be an integer 1..17"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[5]", "must be an integer 1..17"));
  EXPECT_FALSE(HasIssue(errors, "data.sides[0].circumstances[1]", ""));
  EXPECT_FALSE(HasIssue(errors, "data.sides[0].circumstances[6]", ""));
}

TEST(Circumstances, DuplicateIsRejected) {
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["data"]["sides"][1]["circumstances"] = {8, 3, 8};
  EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[1].circumstances[2]", "duplicate circumstance 8"));
}

TEST(Circumstances, EmptyAndAllSeventeenAreValidAndKeepTheirOrder) {
  Json event = corpus_event("constat_circumstances_all_and_none.json");
  event["data"]["sides"][0]["circumstances"] = {17, 1, 9, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16};
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  const Constat c = constat_of(*parsed);
  EXPECT_EQ(c.sides[0].circumstances.size(), 17u);
  EXPECT_EQ(c.sides[0].circumstances.front(), 17);
  EXPECT_TRUE(c.sides[1].circumstances.empty());
}

TEST(Circumstances, MustBeAnArray) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["sides"][0]["circumstances"] = "1,2";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[0].circumstances", "must be an array"));
}

TEST(ConstatRules, RevisionMustBeAPositiveInteger) {
  for (const Json& bad : {Json(0), Json(-3), Json(1.5), Json("7")}) {
    Json event = corpus_event("constat_minimal.json");
    event["data"]["revision"] = bad;
    const auto errors = errors_for(event);
    EXPECT_TRUE(HasIssue(errors, "data.revision", bad.is_number_integer() ? ">= 1" : "must be an integer"))
        << bad.dump();
  }
}

TEST(ConstatRules, SideIsOneCapitalLetterAndUnique) {
  for (const char* bad : {"a", "AB", "1", ""}) {
    Json event = corpus_event("constat_two_sides_saa_trust.json");
    event["data"]["sides"][1]["side"] = bad;
    EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[1].side", "one capital letter")) << bad;
  }
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["data"]["sides"][1]["side"] = "A";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[1].side", "duplicate side A"));
}

TEST(ConstatRules, CountryCodesAreIsoAlpha2) {
  for (const char* bad : {"dz", "DZA", "D", "12"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["accident"]["location"]["countryCode"] = bad;
    event["data"]["sides"][0]["vehicle"]["registrationCountry"] = bad;
    const auto errors = errors_for(event);
    EXPECT_TRUE(HasIssue(errors, "data.accident.location.countryCode", "ISO 3166 alpha-2")) << bad;
    EXPECT_TRUE(HasIssue(errors, "data.sides[0].vehicle.registrationCountry", "ISO 3166 alpha-2")) << bad;
  }
}

TEST(ConstatRules, WilayaCodesAreTwoDigitsInRange) {
  for (const char* bad : {"00", "59", "1", "016", "AB"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["accident"]["location"]["wilayaCode"] = bad;
    event["data"]["sides"][0]["policyholder"]["address"]["wilayaCode"] = bad;
    const auto errors = errors_for(event);
    EXPECT_TRUE(HasIssue(errors, "data.accident.location.wilayaCode", "must be a wilaya code \"01\"..\"58\""))
        << bad;
    EXPECT_TRUE(HasIssue(errors, "data.sides[0].policyholder.address.wilayaCode", "wilaya code")) << bad;
  }
}

TEST(ConstatRules, InsurerIdIsLowercase) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["sides"][0]["insurance"]["insurerId"] = "SAA";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[0].insurance.insurerId", "lowercase insurer id"));
}

TEST(ConstatRules, DatesAreRealCalendarDays) {
  for (const char* bad : {"2026-02-29", "2026-13-01", "2026-1-01", "01/02/2026", "2026-04-31"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["sides"][0]["driver"]["dateOfBirth"] = bad;
    EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[0].driver.dateOfBirth", "must be a date YYYY-MM-DD")) << bad;
  }
}

TEST(ConstatRules, PolicyValidityMustNotEndBeforeItStarts) {
  Json event = corpus_event("constat_maximal.json");
  event["data"]["sides"][0]["insurance"]["validTo"] = "2025-12-31";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[0].insurance.validTo", "must not be before validFrom"));
}

TEST(ConstatRules, DateTimesNeedAnOffset) {
  for (const char* bad : {"2026-11-20T14:35:00", "2026-11-20 14:35:00+01:00", "2026-11-20T24:00:00Z", "2026-11-20"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["sides"][0]["signature"]["signedAt"] = bad;
    EXPECT_TRUE(HasIssue(errors_for(event), "data.sides[0].signature.signedAt", "RFC 3339")) << bad;
  }
}

TEST(ConstatRules, GeoWithinBounds) {
  Json event = corpus_event("constat_maximal.json");
  event["data"]["accident"]["location"]["geo"] = {{"lat", 90.5}, {"lon", -180.01}};
  const auto errors = errors_for(event);
  EXPECT_TRUE(HasIssue(errors, "data.accident.location.geo.lat", "-90..90"));
  EXPECT_TRUE(HasIssue(errors, "data.accident.location.geo.lon", "-180..180"));
  event["data"]["accident"]["location"]["geo"] = {{"lat", -90}, {"lon", 180}};
  EXPECT_TRUE(errors_for(event).empty()) << errors_for(event).summary();
}

TEST(ConstatRules, Sha256IsSixtyFourHexDigits) {
  for (const std::string& bad : {std::string(63, 'a'), std::string(65, 'a'), std::string(63, 'a') + "g"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["attachments"][0]["sha256"] = bad;
    EXPECT_TRUE(HasIssue(errors_for(event), "data.attachments[0].sha256", "64 hexadecimal digits")) << bad;
  }
}

TEST(ConstatRules, BooleansAreNotStrings) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["accident"]["injuries"] = "false";
  event["data"]["sides"][0]["signature"]["signed"] = 1;
  const auto errors = errors_for(event);
  EXPECT_TRUE(HasIssue(errors, "data.accident.injuries", "must be a boolean"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].signature.signed", "must be a boolean"));
}

TEST(ConstatRules, NestedObjectsMustBeObjects) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["sides"][0]["vehicle"] = "Renault";
  event["data"]["witnesses"] = {"Haddad"};
  const auto errors = errors_for(event);
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].vehicle", "must be an object"));
  EXPECT_TRUE(HasIssue(errors, "data.witnesses[0]", "must be an object"));
}

TEST(ConstatRules, ParseConstatUsesTheGivenRoot) {
  Json data = corpus_event("constat_minimal.json")["data"];
  data["sides"][0]["insurance"].erase("policyNumber");
  ValidationErrors errors;
  EXPECT_FALSE(parse_constat(data, errors, "payload"));
  EXPECT_TRUE(HasIssue(errors, "payload.sides[0].insurance.policyNumber", "required"));
}

TEST(ConstatRules, ValidateTypedValueReportsMappingMistakes) {
  ValidationErrors parse_errors;
  auto c_opt = parse_constat(corpus_event("constat_maximal.json")["data"], parse_errors);
  ASSERT_TRUE(c_opt) << parse_errors.summary();
  Constat c = *c_opt;
  EXPECT_TRUE(validate(c).empty()) << validate(c).summary();
  c.sides[1].insurance.policyNumber.clear();
  c.sides[0].circumstances.push_back(42);
  const auto errors = validate(c);
  EXPECT_TRUE(HasIssue(errors, "data.sides[1].insurance.policyNumber", "must not be empty"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].circumstances[2]", "1..17"));
}

TEST(ConstatRules, CorpusTypedRoundTripIsLossless) {
  // Every member of the maximal sample lands in a typed field and comes back out.
  const Json event = corpus_event("constat_maximal.json");
  ValidationErrors errors;
  auto c = parse_constat(event["data"], errors);
  ASSERT_TRUE(c) << errors.summary();
  EXPECT_EQ(to_json(*c), event["data"]);
  ASSERT_TRUE(c->sides[0].vehicle.trailer);
  EXPECT_EQ(c->sides[0].vehicle.trailer->registrationNumber, "4567-699-09");
  EXPECT_EQ(c->sides[0].driver.licence.value().category, "C");
  EXPECT_EQ(c->accident.location.geo.value().lat, 36.721345);
  EXPECT_EQ(c->extensions.value().at("other"), Json({{"k", "v"}}));
}

TEST(VerificationRules, YearIsAnInteger) {
  Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
  event["data"]["vehicle"]["year"] = "2016";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.vehicle.year", "must be an integer"));
}

TEST(VerificationRules, AsOfIsADateNotADateTime) {
  Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
  event["data"]["asOf"] = "2026-11-20T00:00:00Z";
  EXPECT_TRUE(HasIssue(errors_for(event), "data.asOf", "must be a date YYYY-MM-DD"));
}

TEST(VerificationRules, TypedRoundTripIsLossless) {
  const Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
  ValidationErrors errors;
  auto v = parse_vehicle_verification(event["data"], errors);
  ASSERT_TRUE(v) << errors.summary();
  EXPECT_EQ(to_json(*v), event["data"]);
  EXPECT_EQ(v->vehicle.year, 2016);
  EXPECT_EQ(v->coverage.value().guarantees.size(), 6u);
  EXPECT_TRUE(validate(*v).empty());
}

}  // namespace
}  // namespace passerelle::sdk
