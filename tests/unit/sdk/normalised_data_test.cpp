// parse_cloud_event keeps the input's `data` when it is already in normalised form (moving it
// out of a tree it was given) and rebuilds it from the typed value otherwise. Either way the
// event's `data` must serialise exactly as to_json() of the typed value does, byte for byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "adapter_harness.hpp"
#include "canonical_generator.hpp"
#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::sdk {
namespace {

namespace fs = std::filesystem;

Json read_sample(const std::string& name) {
  std::ifstream in(testing::test_data_dir() + "/canonical/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

// What `data` must be: the typed value written back.
std::string rebuilt(const CloudEvent& e) {
  ValidationErrors errors;
  if (e.type == kTypeVehicleVerified) return to_json(*parse_vehicle_verification(e.data, errors)).dump();
  return to_json(*parse_constat(e.data, errors)).dump();
}

::testing::AssertionResult both_overloads_normalise(const Json& input) {
  ValidationErrors e1, e2;
  auto by_ref = parse_cloud_event(input, e1);
  Json owned = input;
  auto by_move = parse_cloud_event(std::move(owned), e2);
  if (!by_ref || !by_move) return ::testing::AssertionFailure() << "invalid: " << e1.summary();
  if (by_ref->data.dump() != rebuilt(*by_ref))
    return ::testing::AssertionFailure() << "const& overload kept " << by_ref->data.dump();
  if (by_move->data.dump() != by_ref->data.dump())
    return ::testing::AssertionFailure() << "&& overload kept " << by_move->data.dump();
  return ::testing::AssertionSuccess();
}

TEST(NormalisedData, EveryCanonicalSampleIsKeptAsIs) {
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(testing::test_data_dir() + "/canonical")) {
    if (entry.path().extension() != ".json") continue;
    const Json input = read_sample(entry.path().filename().string());
    EXPECT_TRUE(both_overloads_normalise(input)) << entry.path();
    ValidationErrors errors;
    Json owned = input;
    auto e = parse_cloud_event(std::move(owned), errors);
    ASSERT_TRUE(e) << errors.summary();
    EXPECT_EQ(e->data, input["data"]) << entry.path();
    // Already normalised, so the tree was moved into the event, not rebuilt.
    EXPECT_TRUE(owned["data"].is_null()) << entry.path();
    ++n;
  }
  EXPECT_GT(n, 5u);
}

TEST(NormalisedData, WhatNormalisationChangesIsRebuilt) {
  const Json base = read_sample("constat_two_sides_saa_trust.json");
  std::vector<std::pair<std::string, Json>> cases;
  {
    Json j = base;
    j["data"]["sides"][0]["vehicle"]["registrationNumber"] = "12345 116 16";  // spaces become dashes
    cases.push_back({"plate", j});
  }
  {
    Json j = base;
    j["data"].erase("formScheme");  // defaulted to EAS-17
    cases.push_back({"formScheme", j});
  }
  {
    Json j = base;
    j["data"]["sides"][0]["remarks"] = nullptr;  // null reads as absent
    cases.push_back({"null", j});
  }
  {
    Json j = base;
    j["data"]["accident"]["location"]["geo"] = {{"lat", 36}, {"lon", 3.05}};  // written back as 36.0
    cases.push_back({"integer lat", j});
  }
  {
    Json j = base;
    j["data"]["sides"][1]["vehicle"]["trailer"] = {{"registrationNumber", "00123 100 16"},
                                                   {"registrationCountry", "DZ"}};
    cases.push_back({"trailer plate", j});
  }
  for (const auto& [name, input] : cases) {
    EXPECT_TRUE(both_overloads_normalise(input)) << name;
    ValidationErrors errors;
    auto e = parse_cloud_event(input, errors);
    ASSERT_TRUE(e) << name << ": " << errors.summary();
    EXPECT_NE(e->data.dump(), input["data"].dump()) << name << " was kept un-normalised";
  }
  Json v = read_sample("vehicle_verified_confirmed_coverage.json");
  v["data"]["coverage"].erase("guarantees");  // written back as []
  EXPECT_TRUE(both_overloads_normalise(v));
  ValidationErrors errors;
  EXPECT_EQ(parse_cloud_event(v, errors)->data["coverage"]["guarantees"], Json::array());
  // Nulls inside extensions are the insurer's and stay.
  Json x = base;
  x["data"]["extensions"] = {{"saa", {{"codeAgent", nullptr}}}};
  EXPECT_TRUE(both_overloads_normalise(x));
}

TEST(NormalisedData, GeneratedAndPerturbedEventsSerialiseAsTheirTypedValue) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 400; ++i) {
    Json j = to_json(i % 4 ? testing::random_constat_event(rng) : testing::random_verification_event(rng));
    if (i % 2) {  // un-normalise something at random
      Json& d = j["data"];
      switch (rng() % 3) {
        case 0:
          if (d.contains("formScheme")) d.erase("formScheme");
          break;
        case 1:
          if (d.contains("sides")) d["sides"][0]["remarks"] = nullptr;
          break;
        default:
          if (d.contains("accident")) d["accident"]["location"]["geo"] = {{"lat", 36}, {"lon", 3}};
      }
    }
    ASSERT_TRUE(both_overloads_normalise(j)) << i << ": " << j.dump();
  }
}

}  // namespace
}  // namespace passerelle::sdk
