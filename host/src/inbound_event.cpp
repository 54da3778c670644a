#include "inbound_event.hpp"

namespace passerelle::host {

std::optional<InboundEvent> finish_inbound_event(sdk::CloudEvent e, const std::string& adapter_id,
                                                 const HostConfig& config, sdk::ValidationErrors& errors) {
  if (!e.provider) e.provider = adapter_id;
  if (e.source.empty()) e.source = "/providers/" + adapter_id;
  // The adapter's event is ours to take apart: its data moves into the tree that is checked and,
  // when already normalised, on into the checked event (no copy of the tree on this path).
  auto checked = sdk::parse_cloud_event(sdk::to_json(std::move(e)), errors, &config.validation);
  if (!checked) return std::nullopt;
  const auto& topics = config.kafka.topics;
  const std::string& topic = checked->type == sdk::kTypeConstatCreated   ? topics.constat_created
                             : checked->type == sdk::kTypeConstatUpdated ? topics.constat_updated
                                                                         : topics.vehicle_verified;
  sdk::Headers headers = {{"content-type", "application/cloudevents+json"},
                          {"passerelle.origin", config.kafka.group_id},
                          {"passerelle.event_id", checked->id}};
  if (checked->correlationid) headers["passerelle.correlation_id"] = *checked->correlationid;
  // Serialised with its data lent to the tree and taken back, not copied into it.
  sdk::Json data = std::move(checked->data);
  sdk::Json tree = sdk::to_json(*checked);
  tree["data"] = std::move(data);
  std::string value = tree.dump();
  checked->data = std::move(tree["data"]);
  sdk::KafkaRecord record{topic, checked->subject, std::move(headers), std::move(value)};
  return InboundEvent{std::move(*checked), std::move(record)};
}

}  // namespace passerelle::host
