// Trust's event envelope <-> the canonical CloudEvent.
//
//   {"eventId", "eventType", "occurredAt" (UTC), "traceId", "schemaVersion": "2.1",
//    "payload": {"accidentReport" | "coverageCheck": {...}, "x-canonical": [...]}}
#pragma once

#include <cstddef>
#include <string>

#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/status.hpp"

namespace passerelle::trust {

using Json = sdk::Json;

struct EnvelopeOptions {
  std::string adapter_id;  // "trust": source /providers/<id>, provider, extensions.<id>
  sdk::ValidationOptions validation;
  // Map each outgoing envelope back before returning it. The test suites prove the round trip
  // on the corpus and on generated constats; this repeats the proof per event at run time.
  bool verify_round_trip = false;
  // The events given to envelope_from_canonical are already validated and normalised under
  // options no wider than `validation` (the host's), so they need not be parsed again.
  bool input_already_valid = false;
};

struct Outbound {
  Json envelope;
  std::string type;                    // canonical type
  std::string subject;                 // normalised: constatId, or "<country>:<registration number>"
  std::size_t restore_operations = 0;  // size of x-canonical, 0 when Trust's fields hold everything
};

// A validated canonical event -> Trust envelope, with x-canonical when Trust's fields alone
// would not give the event back. Permanent when the event is invalid or not for Trust.
sdk::Result<Outbound> envelope_from_canonical(const sdk::CloudEvent& event, const EnvelopeOptions& options);

struct Inbound {
  sdk::CloudEvent event;
  std::string trust_event_type;
  std::size_t restored = 0;  // x-canonical operations applied
  std::size_t skipped = 0;   // x-canonical operations skipped as stale
};

// Trust envelope -> canonical event. Errors name the Trust path ("payload.accidentReport.reportRef: required").
sdk::Result<Inbound> canonical_from_envelope(const Json& envelope, const EnvelopeOptions& options);

}  // namespace passerelle::trust
