// One configured adapter: the plugin it comes from, its context and the adapter object, with
// every call into the plugin behind a noexcept wrapper that turns anything thrown into a status.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapter_context.hpp"
#include "config.hpp"
#include "passerelle/sdk/adapter.hpp"
#include "plugin_loader.hpp"

namespace passerelle::host {

class AdapterInstance {
 public:
  AdapterInstance(AdapterConfig config, LoadedPlugin plugin, std::unique_ptr<AdapterContext> context);
  ~AdapterInstance();
  AdapterInstance(const AdapterInstance&) = delete;
  AdapterInstance& operator=(const AdapterInstance&) = delete;

  const std::string& id() const { return config_.id; }
  const LoadedPlugin& plugin() const { return plugin_; }
  const AdapterConfig& config() const { return config_; }
  AdapterContext& context() { return *context_; }
  const std::string& state() const { return state_; }

  // create() then configure(); on failure state() says why and the instance is unusable.
  sdk::Status start(const nlohmann::json& checked_settings) noexcept;

  std::vector<std::string> subscriptions() noexcept;
  sdk::Result<std::vector<sdk::Delivery>> to_provider(const sdk::CloudEvent& event) noexcept;
  sdk::Result<std::vector<sdk::CloudEvent>> to_canonical(const sdk::InboundRecord& record) noexcept;
  sdk::Result<sdk::Json> query(const sdk::GatewayQuery& query) noexcept;

 private:
  AdapterConfig config_;
  LoadedPlugin plugin_;
  std::unique_ptr<AdapterContext> context_;
  sdk::Adapter* adapter_ = nullptr;  // owned; freed by the plugin's destroy()
  std::string state_ = "loaded";
};

}  // namespace passerelle::host
