// The CloudEvents 1.0 envelope (structured JSON mode) that carries every canonical event.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "passerelle/sdk/model.hpp"
#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/validation.hpp"

namespace passerelle::sdk {

inline constexpr const char* kTypeConstatCreated = "constat.created";
inline constexpr const char* kTypeConstatUpdated = "constat.updated";
inline constexpr const char* kTypeVehicleVerified = "vehicle.verified";
inline constexpr int kSchemaMajor = 1;
inline constexpr int kSchemaMinor = 0;

struct CloudEvent {
  std::string specversion = "1.0";
  std::string id;  // UUID; consumers deduplicate on it
  std::string type;
  std::string source;  // "/eassurance" or "/providers/<insurerId>"
  std::string time;    // date-time
  std::string subject; // constatId, or "<country>:<registration>" for vehicle.verified; the Kafka key
  std::string datacontenttype = "application/json";
  std::string dataschema;  // urn:passerelle:<type>:<major>.<minor>
  std::optional<std::string> correlationid;
  std::optional<std::string> causationid;
  std::optional<std::string> provider;
  Json data;  // validated against the type; use constat_of()/verification_of() for typed access
  // Other CloudEvents extension attributes (e.g. traceparent), carried through unchanged.
  Json extra_attributes = Json::object();
  bool operator==(const CloudEvent&) const = default;
};

bool is_known_event_type(const std::string& type);
std::string dataschema_for(const std::string& type);  // "urn:passerelle:<type>:1.0"

// Parse and fully validate an envelope and its data (errors rooted at the envelope: "data.sides[0]...").
// `data` is replaced by its normalised form (registration numbers dashed, formScheme defaulted).
std::optional<CloudEvent> parse_cloud_event(const Json& j, ValidationErrors& errors,
                                            const ValidationOptions* options = nullptr);
// The same, taking the tree: when `data` is already in normalised form it is moved into the
// event rather than rebuilt (what the host does with each record it consumes).
std::optional<CloudEvent> parse_cloud_event(Json&& j, ValidationErrors& errors,
                                            const ValidationOptions* options = nullptr);
std::optional<CloudEvent> parse_cloud_event(std::string_view text, ValidationErrors& errors,
                                            const ValidationOptions* options = nullptr);
Json to_json(const CloudEvent& e);
Json to_json(CloudEvent&& e);  // moves data and attributes into the tree

// Typed views of data; call only on a parsed (validated) event of the matching type.
Constat constat_of(const CloudEvent& e);
VehicleVerification verification_of(const CloudEvent& e);

// Build an event around typed data. id and time are the caller's (use HostContext::new_event_id()).
CloudEvent make_constat_event(const std::string& type, const Constat& c, std::string id, std::string time,
                              std::string source);
CloudEvent make_verification_event(const VehicleVerification& v, std::string id, std::string time,
                                   std::string source);

// A UUID (version 8, RFC 9562) derived from `name`: the same insurer record always gives the
// same canonical event id, so a record consumed twice after a crash deduplicates downstream.
std::string deterministic_event_id(std::string_view name);
bool is_uuid(std::string_view s);

// "DZ:12345-116-16"
std::string vehicle_subject(const std::string& registration_country, const std::string& registration_number);

}  // namespace passerelle::sdk
