// The generic-rest adapter: one configured instance per REST-only insurer. All insurer
// knowledge lives in settings (AdapterConfig); this class only strings the steps together.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adapter_config.hpp"
#include "passerelle/sdk/adapter.hpp"

namespace passerelle::generic_rest {

class GenericRestAdapter final : public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Settings& settings, sdk::HostContext& context) override;
  std::vector<std::string> subscriptions() const override;
  sdk::Result<std::vector<sdk::Delivery>> to_provider(const sdk::CloudEvent& event) override;
  sdk::Result<std::vector<sdk::CloudEvent>> to_canonical(const sdk::InboundRecord& record) override;
  sdk::Result<sdk::Json> query(const sdk::GatewayQuery& query) override;

 private:
  sdk::Result<std::vector<sdk::Delivery>> map_outbound(const sdk::CloudEvent& event);
  sdk::Result<std::vector<sdk::CloudEvent>> map_inbound(const std::string& body_text, const sdk::Headers& headers);
  sdk::Result<sdk::Json> run_query(const sdk::GatewayQuery& query);
  // Canonical data from an insurer object, with the insurer's unmapped fields kept under
  // extensions.<adapter id>. Empty optional plus `error` on failure.
  std::optional<sdk::Json> read_data(const Scope& scope, const sdk::Json& body, std::string& error) const;
  std::string explain(const sdk::ValidationErrors& errors, const Scope& scope) const;
  std::vector<Pointer> envelope_body_pointers() const;

  std::optional<AdapterConfig> config_;
  sdk::HostContext* context_ = nullptr;
  std::string id_;
};

}  // namespace passerelle::generic_rest
