// Where the CloudEvents envelope attributes go in the insurer's request (a body field or a
// header), and how they are read back. Attributes the config does not place, and placed ones
// that would not read back exactly, travel in the unmapped area under "envelope".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json_pointer.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "value_transforms.hpp"

namespace passerelle::generic_rest {

struct EnvelopeSlot {
  std::string where;  // "envelope.type"
  enum class Place { none, body, header };
  Place place = Place::none;
  Pointer body;
  std::string header;
  Transform transform;
};

struct EnvelopeSpec {
  EnvelopeSlot id, type, time, subject, correlationid, causationid;
  std::optional<std::string> default_type;  // envelope.type.default, for insurers that send one kind

  // The attributes in a fixed order, with their CloudEvents names.
  std::vector<std::pair<std::string, const EnvelopeSlot*>> slots() const;
};

// `handled_types` are the event types this adapter maps; a value table on the type must cover
// them all.
std::optional<EnvelopeSpec> parse_envelope(const Json& j, const std::vector<std::string>& handled_types,
                                           std::vector<std::string>& problems);

// Outbound. Writes placed attributes into `body`/`headers`, and into `area_envelope` every
// attribute that would not come back from them, plus dataschema and extension attributes when
// they differ from what the inbound side would rebuild. `derived_subject` is the subject the
// inbound side derives from the data.
void place_envelope(const EnvelopeSpec& spec, const sdk::CloudEvent& e, const std::string& derived_subject,
                    Json& body, sdk::Headers& headers, Json& area_envelope);

// Inbound. Reads every attribute found (body field, header, or `area_envelope`, which wins).
// Returns false with `error` naming the field or header when a transform rejects a value.
struct EnvelopeValues {
  std::map<std::string, std::string> attributes;  // id, type, time, subject, correlationid, causationid
  std::optional<std::string> dataschema;
  Json extra_attributes = Json::object();
};
bool read_envelope(const EnvelopeSpec& spec, const Json& body, const sdk::Headers& headers, const Json* area_envelope,
                   EnvelopeValues& out, std::string& error);

// Just the type, before the data kind (and so its unmapped area) is known.
std::optional<std::string> read_type(const EnvelopeSpec& spec, const Json& body, const sdk::Headers& headers,
                                     std::string& error);

// Where an attribute lives, for messages: "field /event_time" or "header X-Event-Time".
std::string slot_location(const EnvelopeSlot& slot);

// Case-insensitive header lookup (HTTP header names are).
const std::string* find_header(const sdk::Headers& headers, const std::string& name);

}  // namespace passerelle::generic_rest
