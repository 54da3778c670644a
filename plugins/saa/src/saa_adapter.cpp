#include "saa_adapter.hpp"

#include <exception>

#include "passerelle/sdk/plugin.hpp"
#include "saa_event_mapping.hpp"
#include "saa_gateway.hpp"

namespace passerelle::saa {
namespace {

// The host catches exceptions too, but a status that names the call is more useful to ops.
template <typename F>
auto guarded(const char* call, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return sdk::Status::permanent(std::string("saa: ") + call + " failed: " + e.what());
  } catch (...) {
    return sdk::Status::permanent(std::string("saa: ") + call + " failed with an unknown exception");
  }
}

sdk::Status not_configured() { return sdk::Status::permanent("saa: adapter used before configure() succeeded"); }

}  // namespace

sdk::Status SaaAdapter::configure(const sdk::Settings& settings, sdk::HostContext& context) {
  try {
    auto config = read_config(settings, context.adapter_id(), context.validation_options());
    if (!config) return config.status();
    config_ = std::move(config.value());
    context_ = &context;
    context.log(sdk::LogLevel::info, "SAA adapter configured",
                {{"topic_constat_created", config_->topic_constat_created},
                 {"topic_constat_updated", config_->topic_constat_updated},
                 {"topic_vehicle_verified", config_->topic_vehicle_verified},
                 {"wilaya_max", std::to_string(config_->wilaya_max)}});
    return sdk::Status::success();
  } catch (const std::exception& e) {
    return sdk::Status::invalid_config(std::string("saa: ") + e.what());
  }
}

std::vector<std::string> SaaAdapter::subscriptions() const {
  if (!config_) return {};
  return {config_->topic_constat_created, config_->topic_constat_updated, config_->topic_vehicle_verified};
}

sdk::Result<std::vector<sdk::Delivery>> SaaAdapter::to_provider(const sdk::CloudEvent& event) {
  return guarded("to_provider", [&]() -> sdk::Result<std::vector<sdk::Delivery>> {
    if (!config_) return not_configured();
    auto record = to_saa_record(event, *config_);
    if (!record) {
      context_->log(sdk::LogLevel::warn, "canonical event not mappable to SAA",
                    {{"event_id", event.id}, {"type", event.type}, {"reason", record.status().message}});
      return record.status();
    }
    context_->log(sdk::LogLevel::debug, "canonical event mapped to SAA",
                  {{"event_id", event.id}, {"type", event.type}, {"topic", record.value().topic}});
    return std::vector<sdk::Delivery>{std::move(record).value()};
  });
}

sdk::Result<std::vector<sdk::CloudEvent>> SaaAdapter::to_canonical(const sdk::InboundRecord& record) {
  return guarded("to_canonical", [&]() -> sdk::Result<std::vector<sdk::CloudEvent>> {
    if (!config_) return not_configured();
    std::optional<std::string> topic;
    const std::string* text = nullptr;
    if (const auto* k = std::get_if<sdk::KafkaRecord>(&record)) {
      topic = k->topic;
      text = &k->value;
    } else {
      text = &std::get<sdk::HttpCall>(record).body;
    }
    auto event = from_saa_message(*text, topic, *config_);
    if (!event) {
      context_->count("saa_records_rejected");
      // The reason names SAA fields and codes, never their personal values.
      context_->log(sdk::LogLevel::warn, "SAA record rejected",
                    {{"topic", topic.value_or("(http)")}, {"reason", event.status().message}});
      return event.status();
    }
    context_->log(sdk::LogLevel::debug, "SAA record mapped to canonical",
                  {{"event_id", event.value().id},
                   {"type", event.value().type},
                   {"correlation_id", event.value().correlationid.value_or("")}});
    return std::vector<sdk::CloudEvent>{std::move(event).value()};
  });
}

sdk::Result<sdk::Json> SaaAdapter::query(const sdk::GatewayQuery& query) {
  return guarded("query", [&]() -> sdk::Result<sdk::Json> {
    if (!config_) return not_configured();
    return answer_query(query, *config_, *context_);
  });
}

}  // namespace passerelle::saa

PASSERELLE_PLUGIN("saa", "1.0.0", ::passerelle::saa::kSettings, ::passerelle::saa::SaaAdapter)
