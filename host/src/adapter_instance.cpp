#include "adapter_instance.hpp"

namespace passerelle::host {
namespace {

// The plugin boundary: whatever a plugin throws stops here and becomes a permanent failure
// of that one call, named after the adapter and the call.
template <typename F>
auto guarded(const std::string& adapter, const char* call, F&& f) noexcept -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return sdk::Status::permanent("adapter " + adapter + " threw from " + call + ": " + e.what());
  } catch (...) {
    return sdk::Status::permanent("adapter " + adapter + " threw a non-standard exception from " + call);
  }
}

}  // namespace

AdapterInstance::AdapterInstance(AdapterConfig config, LoadedPlugin plugin, std::unique_ptr<AdapterContext> context)
    : config_(std::move(config)), plugin_(std::move(plugin)), context_(std::move(context)) {}

AdapterInstance::~AdapterInstance() {
  if (adapter_) plugin_.descriptor->destroy(adapter_);
}

sdk::Status AdapterInstance::start(const nlohmann::json& checked_settings) noexcept {
  try {
    char error[1024] = {0};
    void* raw = plugin_.descriptor->create(error, sizeof error);
    if (!raw) {
      state_ = "failed";
      return sdk::Status::invalid_config("plugin " + plugin_.name() + " could not create adapter " + id() + ": " +
                                         (error[0] ? error : "create() returned nothing"));
    }
    adapter_ = static_cast<sdk::Adapter*>(raw);
    sdk::Settings settings(checked_settings);
    sdk::Status st = adapter_->configure(settings, *context_);
    if (!st.is_ok()) {
      state_ = "failed";
      if (st.code != sdk::StatusCode::invalid_config) st.code = sdk::StatusCode::invalid_config;
      st.message = "adapter " + id() + " rejected its settings: " + st.message;
      return st;
    }
    state_ = "running";
    return st;
  } catch (const std::exception& e) {
    state_ = "failed";
    return sdk::Status::invalid_config("adapter " + id() + " threw while starting: " + e.what());
  } catch (...) {
    state_ = "failed";
    return sdk::Status::invalid_config("adapter " + id() + " threw a non-standard exception while starting");
  }
}

std::vector<std::string> AdapterInstance::subscriptions() noexcept {
  auto r = guarded(id(), "subscriptions", [&]() -> sdk::Result<std::vector<std::string>> {
    return adapter_->subscriptions();
  });
  return r.ok() ? r.value() : std::vector<std::string>{};
}

sdk::Result<std::vector<sdk::Delivery>> AdapterInstance::to_provider(const sdk::CloudEvent& event) noexcept {
  return guarded(id(), "to_provider", [&] { return adapter_->to_provider(event); });
}

sdk::Result<std::vector<sdk::CloudEvent>> AdapterInstance::to_canonical(const sdk::InboundRecord& record) noexcept {
  return guarded(id(), "to_canonical", [&] { return adapter_->to_canonical(record); });
}

sdk::Result<sdk::Json> AdapterInstance::query(const sdk::GatewayQuery& q) noexcept {
  return guarded(id(), "query", [&] { return adapter_->query(q); });
}

}  // namespace passerelle::host
