// Personal data never reaches info logs or dead-letter views unredacted: names, addresses,
// phones, emails, dates of birth, licence numbers, plates, VINs and policy numbers.
#include <gtest/gtest.h>

#include "passerelle/sdk/personal_data.hpp"
#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;

// Values from the maximal and verification samples that are personal: none may survive.
const std::vector<std::string> kSecrets = {
    "Lefèvre",       "Jean-François", "O'Connor",          "بوزيد",          "Aïcha",
    "12 rue Larbi",  "0661234567",    "eve.oconnor@exemple.dz", "2000-02-29", "0912345678",
    "123456-320-09", "4567-699-09",   "88888-217-16",      "JTFDE626X00012345", "POL-09-2026-0000999",
    "16/2026/007777", "+213 550 00 00 01", "16-000123"};

TEST(Redact, HidesEveryPersonalValueOfAConstatEvent) {
  const Json event = corpus_event("constat_maximal.json");
  const std::string before = event.dump();
  for (const auto& s : kSecrets) ASSERT_NE(before.find(s), std::string::npos) << "sample lost " << s;
  const std::string after = redact(event).dump();
  for (const auto& s : kSecrets) EXPECT_EQ(after.find(s), std::string::npos) << s << " leaked";
}

TEST(Redact, KeepsWhatOpsNeedToDiagnose) {
  const Json r = redact(corpus_event("constat_maximal.json"));
  EXPECT_EQ(r["id"], "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
  EXPECT_EQ(r["subject"], "CST-2026-000999");
  EXPECT_EQ(r["data"]["constatId"], "CST-2026-000999");
  EXPECT_EQ(r["data"]["sides"][0]["insurance"]["insurerId"], "saa");
  EXPECT_EQ(r["data"]["sides"][0]["vehicle"]["make"], "Toyota");
  EXPECT_EQ(r["data"]["sides"][0]["vehicle"]["registrationCountry"], "DZ");
  EXPECT_EQ(r["data"]["sides"][0]["circumstances"], Json({5, 13}));
  EXPECT_EQ(r["data"]["sides"][0]["policyholder"]["lastName"], "***");
  EXPECT_EQ(r["data"]["sides"][0]["vehicle"]["registrationNumber"], "***");
  EXPECT_EQ(r["data"]["sides"][0]["insurance"]["policyNumber"], "***");
}

TEST(Redact, HidesTheVerificationAndItsPlateInTheSubject) {
  // The subject of vehicle.verified is "<country>:<plate>": the plate must not survive there either.
  const Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
  const Json r = redact(event);
  const std::string after = r.dump();
  for (const char* s : {"12345-116-16", "VF1RJA00X12345678", "POL-16-2026-0012345", "Yacine Haddad"})
    EXPECT_EQ(after.find(s), std::string::npos) << s << " leaked: " << after;
  EXPECT_EQ(r["data"]["insurerId"], "saa");
  EXPECT_EQ(r["data"]["status"], "confirmed");
}

TEST(Redact, NeverThrowsOnMalformedEvents) {
  // Dead-letter views redact what failed validation: any shape must come through.
  for (const Json& j : {Json::parse(R"({"type": 3, "subject": "DZ:1-100-01"})"),
                        Json::parse(R"({"type": "vehicle.verified", "subject": 5})"), Json::array({1, "x"}), Json(),
                        Json("text")}) {
    EXPECT_NO_THROW(redact(j)) << j.dump();
  }
  EXPECT_EQ(redact(Json::parse(R"({"type": "vehicle.verified", "subject": 5})"))["subject"], 5);
}

TEST(Redact, ExtraNamesCoverInsurerFormats) {
  const Json insurer_record = {{"nomAssure", "بن علي"}, {"immatriculation", "12345 116 16"}, {"agence", "Blida"},
                               {"lignes", {{{"nomAssure", "Hélène"}}}}};
  const Json r = redact(insurer_record, {"nomAssure", "immatriculation"});
  EXPECT_EQ(r["nomAssure"], "***");
  EXPECT_EQ(r["immatriculation"], "***");
  EXPECT_EQ(r["lignes"][0]["nomAssure"], "***");
  EXPECT_EQ(r["agence"], "Blida");
}

TEST(Redact, NullsStayNullAndInputIsUntouched) {
  const Json j = {{"lastName", nullptr}, {"phone", "0550"}};
  const Json r = redact(j);
  EXPECT_TRUE(r["lastName"].is_null());
  EXPECT_EQ(r["phone"], "***");
  EXPECT_EQ(j["phone"], "0550");
}

TEST(PersonalFields, ListMatchesTheCanonicalModel) {
  for (const char* f : {"lastName", "firstName", "address", "phone", "email", "dateOfBirth", "number",
                        "registrationNumber", "vin", "policyNumber", "policyholderName", "line"})
    EXPECT_TRUE(is_personal_field(f)) << f;
  for (const char* f : {"make", "insurerId", "constatId", "status", "countryCode", "circumstances", "side"})
    EXPECT_FALSE(is_personal_field(f)) << f;
}

}  // namespace
}  // namespace passerelle::sdk
