#include "inbound_event.hpp"

namespace passerelle::host {

std::optional<InboundEvent> finish_inbound_event(sdk::CloudEvent e, const std::string& adapter_id,
                                                 const HostConfig& config, sdk::ValidationErrors& errors) {
  if (!e.provider) e.provider = adapter_id;
  if (e.source.empty()) e.source = "/providers/" + adapter_id;
  auto checked = sdk::parse_cloud_event(sdk::to_json(e), errors, &config.validation);
  if (!checked) return std::nullopt;
  const auto& topics = config.kafka.topics;
  const std::string& topic = checked->type == sdk::kTypeConstatCreated   ? topics.constat_created
                             : checked->type == sdk::kTypeConstatUpdated ? topics.constat_updated
                                                                         : topics.vehicle_verified;
  sdk::Headers headers = {{"content-type", "application/cloudevents+json"},
                          {"passerelle.origin", config.kafka.group_id},
                          {"passerelle.event_id", checked->id}};
  if (checked->correlationid) headers["passerelle.correlation_id"] = *checked->correlationid;
  sdk::KafkaRecord record{topic, checked->subject, std::move(headers), sdk::to_json(*checked).dump()};
  return InboundEvent{std::move(*checked), std::move(record)};
}

}  // namespace passerelle::host
