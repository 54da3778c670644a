// The closed lists of the canonical model: every listed value is accepted, anything else is
// rejected at its path with the list in the message (so an insurer's engineer can fix the mapping).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;
using test::path_of;

struct EnumCase {
  std::string name;
  std::string file;
  std::string pointer;
  std::vector<std::string> allowed;
  std::string wrong;
};

std::vector<EnumCase> enum_cases() {
  return {
      {"ConstatStatus", "constat_maximal.json", "/data/status", kConstatStatuses, "archived"},
      {"ImpactZone", "constat_maximal.json", "/data/sides/0/initialImpact/zones/1", kImpactZones, "bonnet"},
      {"SketchKind", "constat_maximal.json", "/data/sketch/kind", kAttachmentKinds, "video"},
      {"AttachmentKind", "constat_maximal.json", "/data/attachments/1/kind", kAttachmentKinds, "Photo"},
      {"SignatureMethod", "constat_maximal.json", "/data/sides/1/signature/method", kSignatureMethods, "stylus"},
      {"VerificationStatus", "vehicle_verified_confirmed_coverage.json", "/data/status", kVerificationStatuses,
       "unknown"},
      {"EventType", "constat_maximal.json", "/type", {kTypeConstatCreated}, "constat.deleted"},
  };
}

// Readable test names in failures instead of gtest's byte dump.
void PrintTo(const EnumCase& c, std::ostream* os) { *os << c.name << " at " << c.pointer; }

class EnumValue : public ::testing::TestWithParam<EnumCase> {};

TEST_P(EnumValue, WrongValueIsRejectedAtItsPath) {
  const EnumCase& c = GetParam();
  Json event = corpus_event(c.file);
  event[Json::json_pointer(c.pointer)] = c.wrong;
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, path_of(c.pointer), "must be one of: "));
  EXPECT_TRUE(HasIssue(errors, path_of(c.pointer), "(got \"" + c.wrong + "\")"));
}

TEST_P(EnumValue, WrongTypeIsRejectedAtItsPath) {
  const EnumCase& c = GetParam();
  Json event = corpus_event(c.file);
  event[Json::json_pointer(c.pointer)] = 3;
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  // Zones are array items and say which list they belong to; members say they want a string.
  const bool item = c.pointer.find("/zones/") != std::string::npos;
  EXPECT_TRUE(HasIssue(errors, path_of(c.pointer), item ? "must be one of" : "must be a string"));
}

TEST_P(EnumValue, EveryListedValueIsAccepted) {
  const EnumCase& c = GetParam();
  for (const auto& value : c.allowed) {
    Json event = corpus_event(c.file);
    event[Json::json_pointer(c.pointer)] = value;
    if (c.pointer.find("/zones/") != std::string::npos) {
      // Zones are unique: put the value alone so it cannot duplicate a neighbour.
      event[Json::json_pointer(c.pointer).parent_pointer()] = Json::array({value});
    }
    if (c.name == "VerificationStatus" && value == "unconfirmed") event["data"]["reasonCode"] = "policy_expired";
    ValidationErrors errors;
    EXPECT_TRUE(parse_cloud_event(event, errors)) << value << ": " << errors.summary();
  }
}

INSTANTIATE_TEST_SUITE_P(Canonical, EnumValue, ::testing::ValuesIn(enum_cases()),
                         [](const ::testing::TestParamInfo<EnumCase>& i) { return i.param.name; });

TEST(EnumValues, DuplicateZoneIsRejected) {
  Json event = corpus_event("constat_maximal.json");
  event["data"]["sides"][0]["initialImpact"]["zones"] = {"front", "left", "front"};
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.sides[0].initialImpact.zones[2]", "duplicate zone"));
}

TEST(EnumValues, ReasonCodeIsOpenEnded) {
  // The four named reasons are the common ones; an insurer's own code is carried as-is.
  for (const char* reason : {"policy_expired", "policy_suspended", "vehicle_not_found", "policy_not_found",
                             "trust:CONTRAT_RESILIE"}) {
    Json event = corpus_event("vehicle_verified_unconfirmed_not_found.json");
    event["data"]["reasonCode"] = reason;
    ValidationErrors errors;
    auto parsed = parse_cloud_event(event, errors);
    ASSERT_TRUE(parsed) << reason << ": " << errors.summary();
    EXPECT_EQ(verification_of(*parsed).reasonCode, reason);
  }
}

TEST(EnumValues, EmptyReasonCodeDoesNotSatisfyUnconfirmed) {
  Json event = corpus_event("vehicle_verified_unconfirmed_not_found.json");
  event["data"]["reasonCode"] = "";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.reasonCode", "must not be empty"));
  EXPECT_TRUE(HasIssue(errors, "data.reasonCode", "required when status is unconfirmed"));
}

TEST(EnumValues, GuaranteesMustBeNonEmptyStrings) {
  Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
  event["data"]["coverage"]["guarantees"] = {"RC", "", 7};
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.coverage.guarantees[1]", "must be a non-empty string"));
  EXPECT_TRUE(HasIssue(errors, "data.coverage.guarantees[2]", "must be a non-empty string"));
}

}  // namespace
}  // namespace passerelle::sdk
