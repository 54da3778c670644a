// A do-nothing adapter the bad plugins share: each bad plugin breaks one thing around it.
#pragma once

#include "passerelle/sdk/plugin.hpp"

namespace passerelle::testing {

class MinimalAdapter : public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Settings&, sdk::HostContext&) override { return sdk::Status::success(); }
  std::vector<std::string> subscriptions() const override { return {}; }
  sdk::Result<std::vector<sdk::Delivery>> to_provider(const sdk::CloudEvent&) override {
    return std::vector<sdk::Delivery>{};
  }
  sdk::Result<std::vector<sdk::CloudEvent>> to_canonical(const sdk::InboundRecord&) override {
    return std::vector<sdk::CloudEvent>{};
  }
  sdk::Result<sdk::Json> query(const sdk::GatewayQuery&) override { return sdk::Json::object(); }
};

inline const passerelle_setting_spec kNoSettings[] = {
    {"note", "string", nullptr, 0, "free text, ignored"},
};

}  // namespace passerelle::testing
