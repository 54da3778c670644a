// Unknown members are rejected with their path (never silently dropped): the canonical model
// keeps insurer-specific data under extensions.<insurerId>, which is the one free-form place.
#include <gtest/gtest.h>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;
using test::path_of;

class UnknownField : public ::testing::TestWithParam<std::pair<std::string, std::string>> {};

TEST_P(UnknownField, IsRejectedWithItsPath) {
  const auto& [file, parent] = GetParam();
  Json event = corpus_event(file);
  event[Json::json_pointer(parent)]["couleur"] = "rouge";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, path_of(parent + "/couleur"), "unknown field"));
}

INSTANTIATE_TEST_SUITE_P(
    Constat, UnknownField,
    ::testing::Values(std::pair<std::string, std::string>{"constat_maximal.json", "/data"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/accident"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/accident/location"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/accident/location/geo"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/witnesses/1"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/1"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/policyholder/address"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/vehicle"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/vehicle/trailer"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/insurance"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/insurance/agency"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/driver"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/driver/licence"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/initialImpact"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sides/0/signature"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/sketch"},
                      std::pair<std::string, std::string>{"constat_maximal.json", "/data/attachments/2"}),
    [](const auto& info) {
      std::string n = info.param.second;
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

INSTANTIATE_TEST_SUITE_P(
    VehicleVerified, UnknownField,
    ::testing::Values(std::pair<std::string, std::string>{"vehicle_verified_confirmed_coverage.json", "/data"},
                      std::pair<std::string, std::string>{"vehicle_verified_confirmed_coverage.json", "/data/vehicle"},
                      std::pair<std::string, std::string>{"vehicle_verified_confirmed_coverage.json", "/data/coverage"},
                      std::pair<std::string, std::string>{"vehicle_verified_confirmed_coverage.json", "/data/agency"}),
    [](const auto& info) {
      std::string n = info.param.second;
      for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

TEST(UnknownFields, ExtensionsAreFreeForm) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["extensions"] = {{"saa", {{"codeAgent", "0912"}, {"nested", {{"deep", {1, 2, 3}}}}}}};
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  EXPECT_EQ(constat_of(*parsed).extensions.value().at("saa").at("nested").at("deep"), Json({1, 2, 3}));
}

TEST(UnknownFields, ExtensionsMustBeAnObject) {
  Json event = corpus_event("constat_minimal.json");
  event["data"]["extensions"] = Json::array({"saa"});
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data.extensions", "must be an object"));
}

// CloudEvents allows extension attributes (lowercase alphanumerics): they are carried, not dropped.
TEST(UnknownFields, EnvelopeExtensionAttributeIsCarried) {
  Json event = corpus_event("constat_minimal.json");
  event["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  ValidationErrors errors;
  auto parsed = parse_cloud_event(event, errors);
  ASSERT_TRUE(parsed) << errors.summary();
  EXPECT_EQ(parsed->extra_attributes.at("traceparent"), event["traceparent"]);
  EXPECT_EQ(to_json(*parsed)["traceparent"], event["traceparent"]);
}

TEST(UnknownFields, EnvelopeAttributeWithInvalidNameIsRejected) {
  for (const char* name : {"Data", "trace_parent", "averyveryverylongattributename"}) {
    Json event = corpus_event("constat_minimal.json");
    event[name] = "x";
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(event, errors)) << name;
    EXPECT_TRUE(HasIssue(errors, name, "not a valid CloudEvents attribute name")) << name;
  }
}

}  // namespace
}  // namespace passerelle::sdk
