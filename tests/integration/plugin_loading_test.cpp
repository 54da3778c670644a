// The loader against real shared libraries: the three shipped plugins load, each bad plugin
// is refused with one line naming it, and nothing thrown inside a plugin reaches the host.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <memory>

#include "adapter_instance.hpp"
#include "plugin_loader.hpp"

using passerelle::host::load_plugin;
using passerelle::host::PluginLoadError;

namespace {

std::string bad(const std::string& name) { return std::string(BAD_PLUGIN_DIR) + "/libpasserelle_" + name + ".so"; }
std::string shipped(const std::string& name) { return std::string(PLUGIN_DIR) + "/libpasserelle_" + name + ".so"; }

std::string load_error(const std::string& path) {
  try {
    load_plugin(path);
  } catch (const PluginLoadError& e) {
    return e.what();
  }
  return "";
}

std::string run(const std::string& cmd) {
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
  std::array<char, 512> buf{};
  while (p && std::fgets(buf.data(), buf.size(), p.get())) out += buf.data();
  return out;
}

std::unique_ptr<passerelle::host::AdapterInstance> instance_of(const std::string& library, passerelle::host::Metrics& m) {
  auto plugin = load_plugin(library);
  passerelle::host::AdapterConfig cfg;
  cfg.id = "acme";
  cfg.plugin = plugin.name();
  cfg.library = library;
  auto ctx = std::make_unique<passerelle::host::AdapterContext>("acme", plugin.name(),
                                                                passerelle::host::HttpClientOptions{}, m);
  return std::make_unique<passerelle::host::AdapterInstance>(cfg, plugin, std::move(ctx));
}

}  // namespace

TEST(PluginLoading, ShippedPluginsLoadThroughTheGate) {
  for (const std::string name : {"saa", "trust", "generic-rest"}) {
    auto p = load_plugin(shipped(name));
    EXPECT_EQ(p.name(), name);
    EXPECT_EQ(p.descriptor->abi_major, PASSERELLE_ABI_MAJOR);
    EXPECT_FALSE(p.settings.empty()) << name << " declares no settings";
  }
}

TEST(PluginLoading, ShippedPluginsExportOnlyTheGate) {
  for (const std::string name : {"saa", "trust", "generic-rest"}) {
    const auto symbols = run("nm -D --defined-only " + shipped(name) + " | awk '{print $3}'");
    EXPECT_EQ(symbols, "passerelle_plugin_entry\n") << name;
  }
}

TEST(PluginLoading, MissingFileIsNamed) {
  const auto msg = load_error(bad("does_not_exist"));
  EXPECT_NE(msg.find("libpasserelle_does_not_exist.so: cannot load the library"), std::string::npos) << msg;
}

TEST(PluginLoading, LibraryWithoutGateIsNotAPlugin) {
  const auto msg = load_error(bad("missing-gate"));
  EXPECT_NE(msg.find("libpasserelle_missing-gate.so: not a Passerelle plugin"), std::string::npos) << msg;
  EXPECT_NE(msg.find("passerelle_plugin_entry"), std::string::npos) << msg;
}

TEST(PluginLoading, WrongAbiMajorIsRefusedBeforeCreate) {
  // The wrong-abi plugin aborts if create() is ever called: reaching the assertion proves it was not.
  const auto msg = load_error(bad("wrong-abi"));
  EXPECT_NE(msg.find("plugin ABI 99.0 is not supported by this host (host ABI 1.0)"), std::string::npos) << msg;
}

TEST(PluginLoading, FingerprintMismatchIsRefused) {
  const auto msg = load_error(bad("bad-fingerprint"));
  EXPECT_NE(msg.find("build fingerprint \"clang-3.0;libc++-1;sdk-0.1.0\" does not match"), std::string::npos) << msg;
}

TEST(PluginLoading, CreateFailureCarriesThePluginsMessage) {
  passerelle::host::Metrics m;
  auto a = instance_of(bad("create-fails"), m);
  auto st = a->start(nlohmann::json::object());
  EXPECT_EQ(st.code, passerelle::sdk::StatusCode::invalid_config);
  EXPECT_NE(st.message.find("licence file /etc/insurer/licence.key is missing"), std::string::npos) << st.message;
  EXPECT_EQ(a->state(), "failed");
}

TEST(PluginLoading, ThrowingConfigureFailsTheAdapterNotTheHost) {
  passerelle::host::Metrics m;
  auto a = instance_of(bad("throws"), m);
  auto st = a->start({{"throw_in_configure", true}});
  EXPECT_EQ(st.code, passerelle::sdk::StatusCode::invalid_config);
  EXPECT_NE(st.message.find("configure exploded"), std::string::npos) << st.message;
}

TEST(PluginLoading, ExceptionsFromMappingCallsBecomePermanentStatuses) {
  passerelle::host::Metrics m;
  auto a = instance_of(bad("throws"), m);
  ASSERT_TRUE(a->start(nlohmann::json::object()).is_ok());
  auto out = a->to_provider(passerelle::sdk::CloudEvent{});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, passerelle::sdk::StatusCode::permanent);
  EXPECT_NE(out.status().message.find("to_provider exploded"), std::string::npos);
  auto in = a->to_canonical(passerelle::sdk::KafkaRecord{});
  ASSERT_FALSE(in.ok());
  EXPECT_NE(in.status().message.find("non-standard exception from to_canonical"), std::string::npos);
  auto q = a->query(passerelle::sdk::GatewayQuery{});
  ASSERT_FALSE(q.ok());
  EXPECT_EQ(q.status().code, passerelle::sdk::StatusCode::permanent);
}
