// Algerian registration numbers (serial-Cyy-WW): the shape, the wilaya range as a setting, and
// the normalisation to dashes that makes the same plate the same Kafka key wherever it came from.
#include <gtest/gtest.h>

#include "passerelle/sdk/registration_number.hpp"
#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;

TEST(AlgerianPlate, ValidShapesNormaliseToDashes) {
  EXPECT_EQ(normalize_algerian_registration("12345-116-16"), "12345-116-16");
  EXPECT_EQ(normalize_algerian_registration("12345 116 16"), "12345-116-16");
  EXPECT_EQ(normalize_algerian_registration("  12345  116 - 16 "), "12345-116-16");
  EXPECT_EQ(normalize_algerian_registration("1-100-01"), "1-100-01");
  EXPECT_EQ(normalize_algerian_registration("123456-999-58"), "123456-999-58");
  EXPECT_EQ(normalize_algerian_registration("001234 215 09"), "001234-215-09");
}

TEST(AlgerianPlate, PartsAreExposed) {
  auto p = parse_algerian_registration("12345 116 16");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->serial, "12345");
  EXPECT_EQ(p->category, 1);
  EXPECT_EQ(p->year, "16");
  EXPECT_EQ(p->wilaya, "16");
}

TEST(AlgerianPlate, WrongShapesAreRejected) {
  for (const char* bad : {"", "12345", "12345-116", "12345-116-16-1", "1234567-116-16", "-116-16", "12345-16-16",
                          "12345-1161-16", "12345-116-6", "12345-116-016", "12a45-116-16", "12345_116_16",
                          "12345.116.16", "AB-123-CD"}) {
    EXPECT_FALSE(normalize_algerian_registration(bad)) << bad;
  }
}

TEST(AlgerianPlate, CategoryZeroIsRejected) {
  EXPECT_FALSE(normalize_algerian_registration("12345-016-16"));
  for (int cat = 1; cat <= 9; ++cat)
    EXPECT_TRUE(normalize_algerian_registration("12345-" + std::to_string(cat) + "16-16")) << cat;
}

TEST(AlgerianPlate, WilayaRangeIsASetting) {
  EXPECT_FALSE(normalize_algerian_registration("12345-116-00"));
  EXPECT_TRUE(normalize_algerian_registration("12345-116-01"));
  EXPECT_TRUE(normalize_algerian_registration("12345-116-58"));
  EXPECT_FALSE(normalize_algerian_registration("12345-116-59"));
  // New wilayas have been created before: a wider range is configuration, not a code change.
  EXPECT_EQ(normalize_algerian_registration("12345-116-59", 1, 69), "12345-116-59");
  EXPECT_FALSE(normalize_algerian_registration("12345-116-70", 1, 69));
}

TEST(AlgerianPlateInEvents, SpacesAreNormalisedInDataAndSubject) {
  Json event = corpus_event("vehicle_verified_unconfirmed_not_found.json");
  event["data"]["vehicle"]["registrationNumber"] = "4567 109 25";
  event["subject"] = "DZ:4567 109 25";
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  EXPECT_EQ(parsed->data["vehicle"]["registrationNumber"], "4567-109-25");
  EXPECT_EQ(parsed->subject, "DZ:4567-109-25");
}

TEST(AlgerianPlateInEvents, ConstatPlatesAndTrailersAreNormalised) {
  Json event = corpus_event("constat_maximal.json");
  event["data"]["sides"][0]["vehicle"]["registrationNumber"] = "123456 320 09";
  event["data"]["sides"][0]["vehicle"]["trailer"]["registrationNumber"] = "4567 699 09";
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  const Constat c = constat_of(*parsed);
  EXPECT_EQ(c.sides[0].vehicle.registrationNumber, "123456-320-09");
  EXPECT_EQ(c.sides[0].vehicle.trailer.value().registrationNumber, "4567-699-09");
}

TEST(AlgerianPlateInEvents, BadPlateIsReportedWithItsPath) {
  for (const char* bad : {"12345-116-00", "12345-116-59", "12345-016-16", "1234567-116-16"}) {
    Json event = corpus_event("constat_maximal.json");
    event["data"]["sides"][1]["vehicle"]["registrationNumber"] = bad;
    event["data"]["sides"][0]["vehicle"]["trailer"]["registrationNumber"] = bad;
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(event, errors)) << bad;
    EXPECT_TRUE(HasIssue(errors, "data.sides[1].vehicle.registrationNumber", "serial-Cyy-WW")) << bad;
    EXPECT_TRUE(HasIssue(errors, "data.sides[0].vehicle.trailer.registrationNumber", "serial-Cyy-WW")) << bad;
  }
}

TEST(AlgerianPlateInEvents, WilayaMaxFromValidationOptions) {
  Json event = corpus_event("constat_maximal.json");
  event["data"]["sides"][1]["vehicle"]["registrationNumber"] = "88888-217-59";
  event["data"]["accident"]["location"]["wilayaCode"] = "59";
  ValidationErrors rejected;
  EXPECT_FALSE(parse_cloud_event(event, rejected));
  EXPECT_TRUE(HasIssue(rejected, "data.sides[1].vehicle.registrationNumber", "wilaya 1..58"));
  EXPECT_TRUE(HasIssue(rejected, "data.accident.location.wilayaCode", "\"01\"..\"58\""));

  ValidationOptions wider;
  wider.wilaya_max = 69;
  ValidationErrors accepted;
  EXPECT_TRUE(parse_cloud_event(event, accepted, &wider)) << accepted.summary();

  ValidationErrors direct;
  EXPECT_TRUE(parse_constat(event["data"], direct, "data", wider)) << direct.summary();
}

TEST(AlgerianPlateInEvents, ForeignPlatesAreKeptAsSent) {
  Json event = corpus_event("constat_foreign_fr_vehicle.json");
  event["data"]["sides"][0]["vehicle"]["registrationNumber"] = "AB 123 CD";
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  EXPECT_EQ(constat_of(*parsed).sides[0].vehicle.registrationNumber, "AB 123 CD");
  // ...but an Algerian shape alone does not make a plate Algerian: the country decides.
  event["data"]["sides"][0]["vehicle"]["registrationNumber"] = "12345-116-99";
  ValidationErrors foreign;
  EXPECT_TRUE(parse_cloud_event(event, foreign)) << foreign.summary();
}

}  // namespace
}  // namespace passerelle::sdk
