// A whole canonical event <-> a whole SAA message: envelope, body, extensions and complement
// put together. The adapter adds only routing, logging and exception safety.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "passerelle/sdk/status.hpp"
#include "saa_settings.hpp"

namespace passerelle::saa {

// Canonical -> one record for SAA's topic of that event type, keyed by numeroConstat (constats)
// or by the normalised registration number (verifications).
sdk::Result<sdk::KafkaRecord> to_saa_record(const sdk::CloudEvent& event, const Config& config);

// SAA message text -> one canonical event. `topic` is the Kafka topic it came from (nullopt for
// an HTTP body); the message type must belong on that topic.
sdk::Result<sdk::CloudEvent> from_saa_message(std::string_view text, const std::optional<std::string>& topic,
                                              const Config& config);

}  // namespace passerelle::saa
