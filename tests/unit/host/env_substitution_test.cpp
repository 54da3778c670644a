#include <gtest/gtest.h>

#include "env_substitution.hpp"

using passerelle::host::EnvLookup;
using passerelle::host::substitute_env;

namespace {
EnvLookup fake_env() {
  return [](const std::string& n) -> std::optional<std::string> {
    if (n == "SAA_KEY") return "s3cret";
    if (n == "EMPTY") return "";
    return std::nullopt;
  };
}
}  // namespace

TEST(EnvSubstitution, ReplacesSetVariablesInsideText) {
  std::vector<std::string> missing;
  EXPECT_EQ(substitute_env("key=${SAA_KEY};", fake_env(), missing), "key=s3cret;");
  EXPECT_TRUE(missing.empty());
}

TEST(EnvSubstitution, MissingVariableIsReportedByName) {
  std::vector<std::string> missing;
  substitute_env("${NOPE} and ${SAA_KEY} and ${ALSO_NOPE}", fake_env(), missing);
  EXPECT_EQ(missing, (std::vector<std::string>{"NOPE", "ALSO_NOPE"}));
}

TEST(EnvSubstitution, FallbackUsedWhenUnsetOrEmpty) {
  std::vector<std::string> missing;
  EXPECT_EQ(substitute_env("${NOPE:-9092}", fake_env(), missing), "9092");
  EXPECT_EQ(substitute_env("${EMPTY:-x}", fake_env(), missing), "x");
  EXPECT_TRUE(missing.empty());
}

TEST(EnvSubstitution, DoubleDollarEscapesAndLeavesTextAlone) {
  std::vector<std::string> missing;
  EXPECT_EQ(substitute_env("$${SAA_KEY} costs $5", fake_env(), missing), "${SAA_KEY} costs $5");
  EXPECT_TRUE(missing.empty());
}
