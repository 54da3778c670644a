// Every call throws: a std::exception from configure() when asked to, a std::runtime_error from
// to_provider(), an int from to_canonical() and query(). The host must survive all of them.
#include <stdexcept>

#include "minimal_adapter.hpp"

namespace {

class ThrowingAdapter : public passerelle::testing::MinimalAdapter {
 public:
  passerelle::sdk::Status configure(const passerelle::sdk::Settings& s, passerelle::sdk::HostContext&) override {
    if (s.get_bool("throw_in_configure")) throw std::logic_error("configure exploded");
    return passerelle::sdk::Status::success();
  }
  passerelle::sdk::Result<std::vector<passerelle::sdk::Delivery>> to_provider(const passerelle::sdk::CloudEvent&) override {
    throw std::runtime_error("to_provider exploded");
  }
  passerelle::sdk::Result<std::vector<passerelle::sdk::CloudEvent>> to_canonical(const passerelle::sdk::InboundRecord&) override {
    throw 42;
  }
  passerelle::sdk::Result<passerelle::sdk::Json> query(const passerelle::sdk::GatewayQuery&) override { throw 42; }
};

const passerelle_setting_spec settings[] = {
    {"throw_in_configure", "boolean", "false", 0, "throw from configure() to test start-up failures"},
};

}  // namespace

PASSERELLE_PLUGIN("throws", "1.0.0", settings, ThrowingAdapter)
