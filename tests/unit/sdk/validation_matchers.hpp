// Assertions on ValidationErrors shared by the SDK unit tests: they print every issue on failure,
// so a broken rule shows what the validator said instead.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "adapter_harness.hpp"
#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::sdk::test {

// True when one issue has exactly `path` and a message containing `message_part`.
inline ::testing::AssertionResult HasIssue(const ValidationErrors& errors, const std::string& path,
                                           const std::string& message_part) {
  for (const auto& i : errors.issues())
    if (i.path == path && i.message.find(message_part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no issue \"" << path << ": ..." << message_part << "...\" among: "
                                       << (errors.empty() ? std::string("(no issues)") : errors.summary(100));
}

// True when "path: message" of one issue contains `expected` (the form of tests/data/invalid/*.expected.txt).
inline ::testing::AssertionResult HasIssueText(const ValidationErrors& errors, const std::string& expected) {
  for (const auto& i : errors.issues())
    if ((i.path + ": " + i.message).find(expected) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no issue containing \"" << expected << "\" among: "
                                       << (errors.empty() ? std::string("(no issues)") : errors.summary(100));
}

inline Json corpus_event(const std::string& file) {
  return testing::read_json_file(testing::test_data_dir() + "/canonical/" + file);
}

// "/data/sides/1/insurance/policyNumber" -> "data.sides[1].insurance.policyNumber", the validator's form.
inline std::string path_of(const std::string& pointer) {
  std::string out;
  std::size_t pos = 1;
  while (pos <= pointer.size()) {
    const std::size_t next = std::min(pointer.find('/', pos), pointer.size());
    const std::string token = pointer.substr(pos, next - pos);
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    out += index ? "[" + token + "]" : (out.empty() ? "" : ".") + token;
    pos = next + 1;
  }
  return out;
}

inline std::optional<CloudEvent> parse(const Json& j, ValidationErrors& errors,
                                       const ValidationOptions* options = nullptr) {
  return parse_cloud_event(j, errors, options);
}

}  // namespace passerelle::sdk::test
