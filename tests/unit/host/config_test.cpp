// Config errors: each one named with its place (file:line:col and path), all reported at once.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config.hpp"
#include "config_check.hpp"

namespace fs = std::filesystem;
using passerelle::host::ConfigProblem;
using passerelle::host::load_config;

namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("passerelle-config-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms::owner_all);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  std::string header() const { return std::string("plugins:\n  directories: [\"") + BAD_PLUGIN_DIR + "\"]\n"; }

  static std::string all(const std::vector<ConfigProblem>& ps) {
    std::string s;
    for (const auto& p : ps) s += p.text() + "\n";
    return s;
  }
  passerelle::host::EnvLookup env_ = [](const std::string& n) -> std::optional<std::string> {
    if (n == "KEY") return "k";
    return std::nullopt;
  };
  fs::path dir_;
};

}  // namespace

TEST_F(ConfigTest, ValidConfigLoadsWithDefaults) {
  auto r = load_config(write("ok.yaml", header() + "adapters:\n  - id: acme\n    plugin: throws\n"), env_);
  ASSERT_TRUE(r.config) << all(r.problems);
  EXPECT_EQ(r.config->kafka.bootstrap_servers, "embedded");
  EXPECT_EQ(r.config->kafka.topics.dead_letter, "passerelle.dlq");
  ASSERT_EQ(r.config->adapters.size(), 1u);
  EXPECT_EQ(r.config->adapters[0].library, std::string(BAD_PLUGIN_DIR) + "/libpasserelle_throws.so");
}

TEST_F(ConfigTest, MissingEnvironmentVariableNamedWithLine) {
  const auto f = write("env.yaml", header() +
                                       "adapters:\n  - id: acme\n    plugin: throws\n    settings:\n"
                                       "      note: \"${MISSING_SECRET}\"\n");
  auto r = load_config(f, env_);
  EXPECT_FALSE(r.config);
  const auto text = all(r.problems);
  EXPECT_NE(text.find(f + ":7:13 adapters[0].settings.note"), std::string::npos) << text;
  EXPECT_NE(text.find("adapters[0].settings.note"), std::string::npos) << text;
  EXPECT_NE(text.find("environment variable MISSING_SECRET is not set"), std::string::npos) << text;
}

TEST_F(ConfigTest, UnknownKeysWrongTypesAndDuplicateIdsAreAllReported) {
  const auto f = write("bad.yaml", header() +
                                       "kafka:\n  bootstrap: x\n"
                                       "http:\n  client_read_timeout_ms: fast\n"
                                       "adapters:\n"
                                       "  - id: acme\n    plugin: throws\n"
                                       "  - id: acme\n    plugin: throws\n"
                                       "  - id: Bad Id\n    plugin: throws\n");
  auto r = load_config(f, env_);
  EXPECT_FALSE(r.config);
  const auto text = all(r.problems);
  EXPECT_NE(text.find("kafka.bootstrap: unknown key"), std::string::npos) << text;
  EXPECT_NE(text.find("http.client_read_timeout_ms: must be an integer"), std::string::npos) << text;
  EXPECT_NE(text.find("duplicate adapter id \"acme\""), std::string::npos) << text;
  EXPECT_NE(text.find("adapters[2].id: must be a lowercase insurer id"), std::string::npos) << text;
}

TEST_F(ConfigTest, MissingPluginLibraryNamesTheDirectory) {
  auto r = load_config(write("missing.yaml", header() + "adapters:\n  - id: acme\n    plugin: nonexistent\n"), env_);
  EXPECT_FALSE(r.config);
  const auto text = all(r.problems);
  EXPECT_NE(text.find("libpasserelle_nonexistent.so not found in " + std::string(BAD_PLUGIN_DIR)), std::string::npos)
      << text;
}

TEST_F(ConfigTest, LibraryOutsideAllowedDirectoriesIsRefused) {
  auto r = load_config(write("outside.yaml", header() + "adapters:\n  - id: acme\n    plugin: throws\n"
                                                        "    library: /usr/lib/x86_64-linux-gnu/libc.so.6\n"),
                       env_);
  EXPECT_FALSE(r.config);
  EXPECT_NE(all(r.problems).find("is not in an allowed plugin directory"), std::string::npos) << all(r.problems);
}

TEST_F(ConfigTest, WorldWritablePluginDirectoryIsRefused) {
  fs::create_directories(dir_ / "open");
  fs::permissions(dir_ / "open", fs::perms::all);
  auto r = load_config(write("ww.yaml", "plugins:\n  directories: [open]\n"), env_);
  EXPECT_FALSE(r.config);
  EXPECT_NE(all(r.problems).find("world-writable"), std::string::npos) << all(r.problems);
}

TEST_F(ConfigTest, YamlSyntaxErrorGivesLineAndColumn) {
  const auto f = write("syntax.yaml", "kafka:\n  group_id: [unclosed\n");
  auto r = load_config(f, env_);
  EXPECT_FALSE(r.config);
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].text().find("YAML syntax error"), std::string::npos);
  EXPECT_EQ(r.problems[0].place.rfind(f + ":", 0), 0u) << r.problems[0].place;
}

TEST_F(ConfigTest, IncludedAdapterFileIsReadWithItsOwnPlaces) {
  write("acme.yaml", "id: acme\nplugin: throws\nsettings:\n  nope: 1\n");
  const auto f = write("inc.yaml", header() + "adapters:\n  - include: acme.yaml\n");
  auto r = load_config(f, env_);
  ASSERT_TRUE(r.config) << all(r.problems);
  ASSERT_EQ(r.config->adapters.size(), 1u);
  EXPECT_EQ(r.config->adapters[0].id, "acme");
  // The unknown setting is the plugin's to reject; its place points into acme.yaml.
  passerelle::host::Metrics metrics;
  std::vector<ConfigProblem> problems;
  passerelle::host::AdapterSet::load(*r.config, metrics, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].text().find("acme.yaml:4:3 settings.nope"), std::string::npos) << problems[0].text();
  EXPECT_NE(problems[0].text().find("unknown setting (this plugin accepts: throw_in_configure)"), std::string::npos)
      << problems[0].text();
}

TEST_F(ConfigTest, IllTypedSettingQuotesThePluginsDescription) {
  auto r = load_config(write("typed.yaml", header() + "adapters:\n  - id: acme\n    plugin: throws\n"
                                                      "    settings:\n      throw_in_configure: \"yes please\"\n"),
                       env_);
  ASSERT_TRUE(r.config) << all(r.problems);
  passerelle::host::Metrics metrics;
  std::vector<ConfigProblem> problems;
  passerelle::host::AdapterSet::load(*r.config, metrics, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].text().find("must be a boolean — throw from configure() to test start-up failures"),
            std::string::npos)
      << problems[0].text();
}
