// Every required member of the envelope, the constat and vehicle.verified, removed one at a
// time from an otherwise valid (maximal) event: the validator must name exactly that path.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;
using test::path_of;

struct RequiredCase {
  std::string file;     // a valid event in which every optional parent of `pointer` is present
  std::string pointer;  // JSON pointer of the member to remove
};

void PrintTo(const RequiredCase& c, std::ostream* os) { *os << c.file << c.pointer; }

std::string case_name(const ::testing::TestParamInfo<RequiredCase>& info) {
  std::string n = (info.param.file.rfind("vehicle", 0) == 0 ? "verification" : "constat") + info.param.pointer;
  for (char& ch : n)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return n;
}

class RequiredField : public ::testing::TestWithParam<RequiredCase> {};

TEST_P(RequiredField, AbsentIsReportedAtItsPath) {
  Json event = corpus_event(GetParam().file);
  const Json::json_pointer ptr(GetParam().pointer);
  ASSERT_TRUE(event.contains(ptr)) << "the sample lacks " << GetParam().pointer;
  event[ptr.parent_pointer()].erase(ptr.back());
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, path_of(GetParam().pointer), "required"));
}

// null is how many insurer systems write "absent": it must not slip past a required member.
TEST_P(RequiredField, NullIsReportedAsRequired) {
  Json event = corpus_event(GetParam().file);
  event[Json::json_pointer(GetParam().pointer)] = nullptr;
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, path_of(GetParam().pointer), "required"));
}

std::vector<RequiredCase> constat_cases() {
  const std::string f = "constat_maximal.json";
  std::vector<RequiredCase> out;
  for (const char* p : {"/specversion", "/id", "/type", "/source", "/time", "/subject", "/datacontenttype",
                        "/dataschema", "/data"})
    out.push_back({f, p});
  for (const char* p :
       {"/constatId", "/revision", "/status", "/accident", "/accident/occurredAt", "/accident/location",
        "/accident/location/countryCode", "/accident/location/place", "/accident/location/geo/lat",
        "/accident/location/geo/lon", "/accident/injuries", "/accident/damageOtherVehicles",
        "/accident/damageOtherProperty", "/witnesses/0/lastName", "/witnesses/0/address/countryCode", "/sides",
        "/sides/1/side", "/sides/1/policyholder", "/sides/1/policyholder/lastName",
        "/sides/0/policyholder/address/countryCode", "/sides/1/vehicle", "/sides/1/vehicle/make",
        "/sides/1/vehicle/registrationNumber", "/sides/1/vehicle/registrationCountry", "/sides/1/insurance",
        "/sides/1/insurance/insurerId", "/sides/1/insurance/policyNumber",
        "/sides/0/insurance/agency/address/countryCode", "/sides/1/driver", "/sides/1/driver/lastName",
        "/sides/0/driver/address/countryCode", "/sides/1/driver/licence/number", "/sides/1/initialImpact/zones",
        "/sides/1/circumstances", "/sides/1/signature", "/sides/1/signature/signed", "/sketch/kind", "/sketch/uri",
        "/sketch/mediaType", "/attachments/2/kind", "/attachments/2/uri", "/attachments/2/mediaType"})
    out.push_back({f, std::string("/data") + p});
  return out;
}

std::vector<RequiredCase> verification_cases() {
  const std::string f = "vehicle_verified_confirmed_coverage.json";
  std::vector<RequiredCase> out;
  for (const char* p : {"/verificationId", "/insurerId", "/vehicle", "/vehicle/registrationNumber",
                        "/vehicle/registrationCountry", "/asOf", "/status", "/verifiedAt"})
    out.push_back({f, std::string("/data") + p});
  out.push_back({"vehicle_verified_unconfirmed_not_found.json", "/data/reasonCode"});
  return out;
}

INSTANTIATE_TEST_SUITE_P(Constat, RequiredField, ::testing::ValuesIn(constat_cases()), case_name);
INSTANTIATE_TEST_SUITE_P(VehicleVerified, RequiredField, ::testing::ValuesIn(verification_cases()), case_name);

// formScheme is required in the model but has a default: absent means the European numbering.
TEST(RequiredFieldDefaults, FormSchemeAbsentBecomesEas17) {
  Json event = corpus_event("constat_minimal.json");
  event["data"].erase("formScheme");
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  EXPECT_EQ(parsed->data.at("formScheme"), "EAS-17");
  EXPECT_EQ(constat_of(*parsed).formScheme, "EAS-17");
}

TEST(RequiredFieldDefaults, FormSchemeMayNotBeEmpty) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["formScheme"] = "";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.formScheme", "must not be empty"));
}

// Required strings carrying identity must hold something: an empty policy number is as bad as none.
TEST(RequiredFieldDefaults, EmptyIdentifiersAreRejected) {
  for (const char* p : {"/data/constatId", "/data/sides/0/insurance/policyNumber", "/data/sides/0/vehicle/make",
                        "/data/sides/0/policyholder/lastName", "/data/sides/0/vehicle/registrationNumber"}) {
    Json event = corpus_event("constat_two_sides_saa_trust.json");
    event[Json::json_pointer(p)] = "";
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(event, errors)) << p;
    EXPECT_TRUE(HasIssue(errors, path_of(p), "must not be empty")) << p;
  }
}

TEST(RequiredFieldDefaults, EveryMissingFieldIsReportedNotOnlyTheFirst) {
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["data"]["sides"][0]["insurance"].erase("policyNumber");
  event["data"]["sides"][1]["driver"].erase("lastName");
  event["data"]["accident"].erase("injuries");
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].insurance.policyNumber", "required"));
  EXPECT_TRUE(HasIssue(errors, "data.sides[1].driver.lastName", "required"));
  EXPECT_TRUE(HasIssue(errors, "data.accident.injuries", "required"));
}

TEST(RequiredFieldDefaults, SidesMayNotBeEmpty) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["sides"] = Json::array();
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.sides", "at least one side"));
}

}  // namespace
}  // namespace passerelle::sdk
