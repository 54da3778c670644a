#include "trust_adapter.hpp"

#include <exception>

#include "passerelle/sdk/json_text.hpp"
#include "passerelle/sdk/plugin.hpp"
#include "trust_codes.hpp"
#include "trust_rest.hpp"

namespace passerelle::trust {
namespace {

constexpr const char* kPluginVersion = "1.0.0";

sdk::Status not_configured() { return sdk::Status::permanent("trust adapter used before configure() succeeded"); }

}  // namespace

sdk::Status TrustAdapter::configure(const sdk::Settings& settings, sdk::HostContext& context) {
  try {
    auto st = load_config(settings, config_);
    if (!st.is_ok()) return st;
    envelope_options_.adapter_id = context.adapter_id();
    envelope_options_.validation = config_.validation;
    envelope_options_.verify_round_trip = config_.verify_round_trip;
    // The host hands over events it validated with its own options; when Trust accepts at least
    // that range, validating again would find nothing new.
    const sdk::ValidationOptions& host = context.validation_options();
    envelope_options_.input_already_valid = config_.validation.wilaya_min <= host.wilaya_min &&
                                            config_.validation.wilaya_max >= host.wilaya_max;
    context_ = &context;
    context.log(sdk::LogLevel::info, "trust adapter configured",
                {{"plugin_version", kPluginVersion},
                 {"base_url", config_.base_url},
                 {"topic_constat_created", config_.topic_created},
                 {"topic_constat_updated", config_.topic_updated},
                 {"topic_vehicle_verified", config_.topic_verified}});
    return sdk::Status::success();
  } catch (const std::exception& e) {
    return sdk::Status::invalid_config(std::string("trust: ") + e.what());
  } catch (...) {
    return sdk::Status::invalid_config("trust: unknown error in configure");
  }
}

std::vector<std::string> TrustAdapter::subscriptions() const {
  return {config_.topic_created, config_.topic_updated, config_.topic_verified};
}

std::string TrustAdapter::type_of_topic(const std::string& topic) const {
  if (topic == config_.topic_created) return sdk::kTypeConstatCreated;
  if (topic == config_.topic_updated) return sdk::kTypeConstatUpdated;
  if (topic == config_.topic_verified) return sdk::kTypeVehicleVerified;
  return "";
}

std::string TrustAdapter::topic_of_type(const std::string& type) const {
  if (type == sdk::kTypeConstatCreated) return config_.topic_created;
  if (type == sdk::kTypeConstatUpdated) return config_.topic_updated;
  if (type == sdk::kTypeVehicleVerified) return config_.topic_verified;
  return "";
}

sdk::Result<std::vector<sdk::Delivery>> TrustAdapter::to_provider(const sdk::CloudEvent& event) {
  try {
    if (!context_) return not_configured();
    if (topic_of_type(event.type).empty())
      return sdk::Status::permanent("event type \"" + event.type +
                                    "\" is not delivered to Trust (it takes constat.created, constat.updated and "
                                    "vehicle.verified)");
    auto out = envelope_from_canonical(event, envelope_options_);
    if (!out) return out.status();
    const Outbound& o = out.value();
    const bool constat = o.type != sdk::kTypeVehicleVerified;
    sdk::KafkaRecord record;
    record.topic = topic_of_type(o.type);
    record.key = (constat ? config_.report_key_prefix : config_.vehicle_key_prefix) + o.subject;
    record.headers = {{"trust-event-type", o.envelope["eventType"].get<std::string>()},
                      {"trust-schema-version", kSchemaVersion},
                      {"content-type", "application/json"}};
    record.value = o.envelope.dump();
    context_->count("records_to_trust");
    if (o.restore_operations) context_->count("x_canonical_written");
    context_->log(sdk::LogLevel::debug, "canonical event mapped to Trust",
                  {{"event_id", event.id},
                   {"type", o.type},
                   {"topic", record.topic},
                   {"x_canonical_operations", std::to_string(o.restore_operations)}});
    return std::vector<sdk::Delivery>{std::move(record)};
  } catch (const std::exception& e) {
    return sdk::Status::permanent(std::string("trust: mapping to Trust failed: ") + e.what());
  } catch (...) {
    return sdk::Status::permanent("trust: mapping to Trust failed with an unknown error");
  }
}

sdk::Result<std::vector<sdk::CloudEvent>> TrustAdapter::to_canonical(const sdk::InboundRecord& record) {
  try {
    if (!context_) return not_configured();
    std::string text, field, topic, expected_type;
    if (const auto* k = std::get_if<sdk::KafkaRecord>(&record)) {
      topic = k->topic;
      expected_type = type_of_topic(topic);
      if (expected_type.empty())
        return sdk::Status::permanent("topic \"" + topic + "\" is not one the trust adapter reads (" +
                                      config_.topic_created + ", " + config_.topic_updated + ", " +
                                      config_.topic_verified + ")");
      text = k->value;
      field = "value";
    } else {
      text = std::get<sdk::HttpCall>(record).body;
      field = "body";
    }
    std::size_t bad_byte = 0;
    auto parsed = sdk::parse_json(text, &bad_byte);
    if (!parsed) return sdk::Status::permanent(field + ": not valid JSON (syntax error at byte " + std::to_string(bad_byte) + ")");
    sdk::Json envelope = std::move(*parsed);
    auto in = canonical_from_envelope(envelope, envelope_options_);
    if (!in) return in.status();
    Inbound& got = in.value();
    if (!expected_type.empty() && got.event.type != expected_type)
      return sdk::Status::permanent("eventType: " + got.trust_event_type + " does not belong on topic " + topic +
                                    " (expected " + event_types().to_trust(expected_type).value_or("?") + ")");
    context_->count("records_from_trust");
    if (got.skipped) {
      context_->count("x_canonical_stale_skipped", static_cast<double>(got.skipped));
      context_->log(sdk::LogLevel::warn, "x-canonical values skipped: Trust changed them since Passerelle sent them",
                    {{"event_id", got.event.id}, {"skipped", std::to_string(got.skipped)}});
    }
    context_->log(sdk::LogLevel::debug, "Trust record mapped to canonical",
                  {{"event_id", got.event.id}, {"type", got.event.type}, {"restored", std::to_string(got.restored)}});
    return std::vector<sdk::CloudEvent>{std::move(got.event)};
  } catch (const std::exception& e) {
    return sdk::Status::permanent(std::string("trust: mapping from Trust failed: ") + e.what());
  } catch (...) {
    return sdk::Status::permanent("trust: mapping from Trust failed with an unknown error");
  }
}

sdk::Result<sdk::Json> TrustAdapter::query(const sdk::GatewayQuery& query) {
  try {
    if (!context_) return not_configured();
    return run_gateway_query(query, config_, *context_);
  } catch (const std::exception& e) {
    return sdk::Status::permanent(std::string("trust: gateway query failed: ") + e.what());
  } catch (...) {
    return sdk::Status::permanent("trust: gateway query failed with an unknown error");
  }
}

}  // namespace passerelle::trust

PASSERELLE_PLUGIN("trust", passerelle::trust::kPluginVersion, passerelle::trust::kTrustSettings,
                  passerelle::trust::TrustAdapter)
