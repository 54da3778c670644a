#include <gtest/gtest.h>

#include "cli_args.hpp"

using passerelle::host::CliArgs;

TEST(CliArgs, ReadsOptionsFlagsAndInlineValues) {
  CliArgs a({"--config", "c.yaml", "--json", "--to=provider"}, {"config", "to"}, {"json"});
  EXPECT_EQ(a.require("config"), "c.yaml");
  EXPECT_EQ(a.get("to").value(), "provider");
  EXPECT_TRUE(a.flag("json"));
}

TEST(CliArgs, UnknownOptionAndMissingValueAreNamed) {
  try {
    CliArgs({"--bogus"}, {"config"}, {});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown option --bogus");
  }
  try {
    CliArgs({"--config"}, {"config"}, {});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "--config needs a value");
  }
  CliArgs empty({}, {"config"}, {});
  EXPECT_THROW(empty.require("config"), std::invalid_argument);
}
