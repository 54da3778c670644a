// What the host does to every canonical event an adapter built from insurer input, whichever
// way it came in (Kafka route, webhook, `passerelle map`): say where it came from, check it as
// the platform will read it, and make the record for its canonical topic.
#pragma once

#include <optional>
#include <string>

#include "config.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"

namespace passerelle::host {

struct InboundEvent {
  sdk::CloudEvent event;    // validated and normalised
  sdk::KafkaRecord record;  // for the canonical topic of its type, keyed by subject
};

// nullopt when the event is not valid; `errors` then says why.
std::optional<InboundEvent> finish_inbound_event(sdk::CloudEvent e, const std::string& adapter_id,
                                                 const HostConfig& config, sdk::ValidationErrors& errors);

}  // namespace passerelle::host
