// The shared corpus (tests/data) that adapters' round-trip tests iterate over: every canonical
// file must be valid and already in normalised form, and every invalid file must fail with the
// message its .expected.txt names, so a corpus file can never test the wrong thing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

namespace fs = std::filesystem;
using test::HasIssueText;

std::vector<fs::path> files_in(const std::string& dir, const std::string& suffix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(testing::test_data_dir() + "/" + dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CanonicalCorpus, HasTheAgreedSamples) {
  std::set<std::string> names;
  for (const auto& p : files_in("canonical", ".json")) names.insert(p.filename().string());
  for (const char* f : {"constat_two_sides_saa_trust.json", "constat_one_side.json",
                        "constat_three_sides_saa_trust_caar.json", "constat_arabic_french_names.json",
                        "constat_minimal.json", "constat_maximal.json", "constat_circumstances_all_and_none.json",
                        "constat_updated_rev7_in_review.json", "vehicle_verified_confirmed_coverage.json",
                        "vehicle_verified_unconfirmed_not_found.json", "constat_foreign_fr_vehicle.json"})
    EXPECT_TRUE(names.count(f)) << f;
}

TEST(CanonicalCorpus, EveryFileIsValidAndNormalised) {
  const auto files = files_in("canonical", ".json");
  ASSERT_GE(files.size(), 11u);
  for (const auto& p : files) {
    SCOPED_TRACE(p.filename().string());
    ValidationErrors errors;
    auto e = parse_cloud_event(std::string_view(read_text(p)), errors);
    ASSERT_TRUE(e) << errors.summary();
    // Normalised: what the SDK writes back is exactly the file, so adapters can compare to it.
    EXPECT_EQ(to_json(*e), testing::read_json_file(p.string()));
    if (e->type == kTypeVehicleVerified) {
      EXPECT_NO_THROW(verification_of(*e));
    } else {
      EXPECT_NO_THROW(constat_of(*e));
    }
  }
}

TEST(CanonicalCorpus, SamplesSayWhatTheirNamesSay) {
  auto load = [](const std::string& f) {
    ValidationErrors errors;
    auto e = parse_cloud_event(test::corpus_event(f), errors);
    if (!e) throw std::runtime_error(f + ": " + errors.summary());  // reported by gtest, unlike a crash
    return *e;
  };
  const Constat three = constat_of(load("constat_three_sides_saa_trust_caar.json"));
  ASSERT_EQ(three.sides.size(), 3u);
  EXPECT_EQ(three.sides[2].insurance.insurerId, "caar");
  const Constat one = constat_of(load("constat_one_side.json"));
  EXPECT_EQ(one.sides.size(), 1u);
  const CloudEvent updated = load("constat_updated_rev7_in_review.json");
  EXPECT_EQ(updated.type, kTypeConstatUpdated);
  EXPECT_EQ(constat_of(updated).revision, 7);
  EXPECT_EQ(constat_of(updated).status, "in_review");
  const Constat all_none = constat_of(load("constat_circumstances_all_and_none.json"));
  EXPECT_EQ(all_none.sides[0].circumstances.size(), 17u);
  EXPECT_TRUE(all_none.sides[1].circumstances.empty());
  const Constat max = constat_of(load("constat_maximal.json"));
  EXPECT_TRUE(max.witnesses && max.sketch && max.attachments && max.accident.location.geo && max.extensions);
  EXPECT_TRUE(max.sides[0].vehicle.trailer && max.sides[0].insurance.agency && max.sides[0].driver.licence);
  EXPECT_TRUE(max.sides[0].initialImpact && max.sides[0].signature.signedAt && max.sides[0].signature.method);
  const Constat min = constat_of(load("constat_minimal.json"));
  EXPECT_FALSE(min.witnesses || min.sketch || min.attachments || min.extensions || min.sides[0].initialImpact);
  EXPECT_EQ(constat_of(load("constat_foreign_fr_vehicle.json")).sides[0].vehicle.registrationCountry, "FR");
  const VehicleVerification no = verification_of(load("vehicle_verified_unconfirmed_not_found.json"));
  EXPECT_EQ(no.status, "unconfirmed");
  EXPECT_EQ(no.reasonCode, "vehicle_not_found");
  const VehicleVerification yes = verification_of(load("vehicle_verified_confirmed_coverage.json"));
  EXPECT_EQ(yes.status, "confirmed");
  EXPECT_TRUE(yes.coverage);
}

TEST(InvalidCorpus, EveryFileFailsWithItsExpectedMessage) {
  const auto files = files_in("invalid", ".json");
  ASSERT_GE(files.size(), 5u);
  for (const auto& p : files) {
    SCOPED_TRACE(p.filename().string());
    fs::path expected_file = p;
    expected_file.replace_extension(".expected.txt");
    ASSERT_TRUE(fs::exists(expected_file)) << "each invalid sample needs " << expected_file.filename();
    std::string expected = read_text(expected_file);
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
    ASSERT_FALSE(expected.empty());
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(std::string_view(read_text(p)), errors));
    EXPECT_TRUE(HasIssueText(errors, expected));
  }
}

TEST(InvalidCorpus, NoExpectationWithoutItsSample) {
  for (const auto& p : files_in("invalid", ".expected.txt")) {
    const std::string name = p.filename().string();
    const fs::path sample = p.parent_path() / (name.substr(0, name.size() - std::string(".expected.txt").size()) + ".json");
    EXPECT_TRUE(fs::exists(sample)) << name << " has no sample";
  }
}

}  // namespace
}  // namespace passerelle::sdk
