// The passerelle binary as a process: version, check-config, adapters, run and signals.
#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>

#include "host_e2e_env.hpp"

using namespace passerelle::testing;

namespace {

std::string plugins_header() {
  return std::string("plugins:\n  directories: [\"") + PLUGIN_DIR + "\", \"" + BAD_PLUGIN_DIR + "\"]\n";
}

// Ends a config whose lines are counted by the tests: the HTTP surface on a free port.
const char* kHttpAnyPort = "http:\n  listen: 127.0.0.1:0\n";

// Every problem line is "passerelle: <place>: <message>"; the process ends by exit, not by signal.
void expect_clean_refusal(const ProcessResult& r, const std::string& needle) {
  EXPECT_EQ(r.signal, 0) << "crashed with signal " << r.signal << "\n" << r.err;
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("ok ("), std::string::npos);
}

}  // namespace

TEST(HostCli, VersionNamesHostAndAbi) {
  auto r = run_passerelle({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("plugin ABI 1.0"), std::string::npos) << r.out;
}

TEST(HostCli, ShippedConfigChecksClean) {
  auto r = run_passerelle({"check-config", "--config", shipped_config()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok (3 adapters loaded"), std::string::npos) << r.out;
}

TEST(HostCli, AdaptersListsSaaTrustAndAGenericRestInsurer) {
  auto r = run_passerelle({"adapters", "--config", shipped_config(), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_id;
  for (auto& row : rows) by_id[row["id"]] = row;
  ASSERT_TRUE(by_id.count("saa") && by_id.count("trust") && by_id.count("caar")) << r.out;
  EXPECT_EQ(by_id["saa"]["plugin"], "saa");
  EXPECT_EQ(by_id["trust"]["plugin"], "trust");
  EXPECT_EQ(by_id["caar"]["plugin"], "generic-rest");
  for (auto& [id, row] : by_id) {
    EXPECT_EQ(row["state"], "running") << id;
    EXPECT_EQ(row["abi"], "1.0") << id;
  }
  EXPECT_FALSE(by_id["saa"]["subscriptions"].empty());

  auto table = run_passerelle({"adapters", "--config", shipped_config()});
  EXPECT_NE(table.out.find("caar"), std::string::npos);
  EXPECT_NE(table.out.find("generic-rest"), std::string::npos);
}

TEST(HostCli, EachBadPluginIsOneClearLine) {
  const std::map<std::string, std::string> expected = {
      {"wrong-abi", "plugin ABI 99.0 is not supported by this host"},
      {"missing-gate", "not a Passerelle plugin"},
      {"bad-fingerprint", "does not match the host's"},
      {"create-fails", "licence file /etc/insurer/licence.key is missing"},
      {"nonexistent", "libpasserelle_nonexistent.so not found"},
  };
  for (const auto& [plugin, needle] : expected) {
    const auto f = write_temp_config("bad-" + plugin + ".yaml",
                                     plugins_header() + "adapters:\n  - id: acme\n    plugin: " + plugin + "\n");
    auto r = run_passerelle({"check-config", "--config", f});
    SCOPED_TRACE(plugin);
    expect_clean_refusal(r, needle);
    EXPECT_NE(r.err.find("1 problem in the configuration"), std::string::npos) << r.err;
  }
}

TEST(HostCli, ThrowingPluginFailsItsAdapterCleanly) {
  const auto f = write_temp_config("throws.yaml", plugins_header() +
                                                      "adapters:\n  - id: acme\n    plugin: throws\n"
                                                      "    settings: {throw_in_configure: true}\n");
  expect_clean_refusal(run_passerelle({"check-config", "--config", f}), "configure exploded");
}

TEST(HostCli, ConfigMistakesAreAllNamedAndNothingStarts) {
  const auto f = write_temp_config("mistakes.yaml", plugins_header() +
                                                        "kafka:\n  bootstrap_server: localhost:9092\n"
                                                        "adapters:\n"
                                                        "  - id: saa\n    plugin: saa\n    settings:\n"
                                                        "      no_such_setting: 1\n"
                                                        "  - id: saa\n    plugin: trust\n"
                                                        "  - id: caar\n    plugin: generic-rest\n"
                                                        "    settings:\n      base_url: \"${UNSET_CAAR_URL}\"\n");
  auto r = run_passerelle({"check-config", "--config", f});
  expect_clean_refusal(r, "kafka.bootstrap_server: unknown key");
  EXPECT_NE(r.err.find("duplicate adapter id \"saa\""), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("environment variable UNSET_CAAR_URL is not set"), std::string::npos) << r.err;

  // `run` refuses the same config without starting anything.
  auto run = run_passerelle({"run", "--config", f});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.out.find("passerelle starting"), std::string::npos) << run.out;
}

TEST(HostCli, UnknownSettingOfAPluginIsNamedWithItsPlace) {
  const auto f = write_temp_config("setting.yaml", plugins_header() +
                                                       "adapters:\n  - id: saa\n    plugin: saa\n    settings:\n"
                                                       "      no_such_setting: 1\n");
  auto r = run_passerelle({"check-config", "--config", f});
  expect_clean_refusal(r, "setting.yaml:7:7 adapters[0].settings.no_such_setting");
  EXPECT_NE(r.err.find("unknown setting (this plugin accepts:"), std::string::npos) << r.err;
}

TEST(HostCli, MissingConfigFileIsNamed) {
  auto r = run_passerelle({"check-config", "--config", "/nonexistent/passerelle.yaml"});
  expect_clean_refusal(r, "/nonexistent/passerelle.yaml: cannot open the file");
}

TEST(HostCli, RunLogsJsonLinesAndStopsOnSigterm) {
  BackgroundProcess host({PASSERELLE_BIN, "run", "--config", shipped_config()}, e2e_env());
  ASSERT_TRUE(host.wait_for_output("\"msg\":\"adapter started\"", std::chrono::seconds(30))) << host.out();
  host.signal(SIGTERM);
  auto r = host.wait(std::chrono::seconds(20));
  EXPECT_FALSE(r.timed_out);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Every stdout line is one JSON object with the fixed fields.
  std::size_t lines = 0, start = 0;
  while (start < r.out.size()) {
    const auto end = r.out.find('\n', start);
    const auto line = r.out.substr(start, end - start);
    start = end == std::string::npos ? r.out.size() : end + 1;
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    EXPECT_TRUE(j.contains("time") && j.contains("level") && j.contains("component") && j.contains("msg")) << line;
    ++lines;
  }
  EXPECT_GE(lines, 5u);
  EXPECT_NE(r.out.find("\"msg\":\"stopped\""), std::string::npos);
}

TEST(HostCli, SighupWithBrokenConfigKeepsRunning) {
  const std::string text = plugins_header() + "adapters:\n  - id: acme\n    plugin: throws\n" + kHttpAnyPort;
  const auto f = write_temp_config("reload.yaml", text);
  BackgroundProcess host({PASSERELLE_BIN, "run", "--config", f}, e2e_env());
  ASSERT_TRUE(host.wait_for_output("\"msg\":\"adapter started\"", std::chrono::seconds(30))) << host.out();
  write_temp_config("reload.yaml", text + "bogus_key: 1\n");
  host.signal(SIGHUP);
  ASSERT_TRUE(host.wait_for_output("keeping the running configuration", std::chrono::seconds(20))) << host.out();
  EXPECT_NE(host.out().find("bogus_key: unknown key"), std::string::npos) << host.out();
  host.signal(SIGTERM);
  auto r = host.wait(std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, 0);
}
