// The adapter for Trust Algeria Assurances: Kafka topics trust-constat.created,
// trust-constat.updated and trust-vehicle.verified in Trust's own envelope, and Trust's REST
// API (v2) for the gateway's GETs. See plugins/trust/README.md.
#pragma once

#include <string>
#include <vector>

#include "passerelle/sdk/adapter.hpp"
#include "trust_envelope.hpp"
#include "trust_settings.hpp"

namespace passerelle::trust {

class TrustAdapter final : public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Settings& settings, sdk::HostContext& context) override;
  std::vector<std::string> subscriptions() const override;
  sdk::Result<std::vector<sdk::Delivery>> to_provider(const sdk::CloudEvent& event) override;
  sdk::Result<std::vector<sdk::CloudEvent>> to_canonical(const sdk::InboundRecord& record) override;
  sdk::Result<sdk::Json> query(const sdk::GatewayQuery& query) override;

 private:
  // The canonical type a topic carries; empty when the topic is not one of ours.
  std::string type_of_topic(const std::string& topic) const;
  std::string topic_of_type(const std::string& type) const;

  TrustConfig config_;
  EnvelopeOptions envelope_options_;
  sdk::HostContext* context_ = nullptr;
};

}  // namespace passerelle::trust
