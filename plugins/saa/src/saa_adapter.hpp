// The SAA adapter (Société Nationale d'Assurance): Kafka topics in SAA's French message model,
// and SAA's REST API for the gateway. See plugins/saa/README.md for SAA's conventions.
#pragma once

#include <optional>

#include "passerelle/sdk/adapter.hpp"
#include "saa_settings.hpp"

namespace passerelle::saa {

class SaaAdapter final : public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Settings& settings, sdk::HostContext& context) override;
  std::vector<std::string> subscriptions() const override;
  sdk::Result<std::vector<sdk::Delivery>> to_provider(const sdk::CloudEvent& event) override;
  sdk::Result<std::vector<sdk::CloudEvent>> to_canonical(const sdk::InboundRecord& record) override;
  sdk::Result<sdk::Json> query(const sdk::GatewayQuery& query) override;

 private:
  // Set once by configure(); read-only afterwards, so concurrent calls share it safely.
  std::optional<Config> config_;
  sdk::HostContext* context_ = nullptr;
};

}  // namespace passerelle::saa
