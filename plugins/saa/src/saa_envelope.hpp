// SAA's message envelope: {"entete": {...}, "corps": {...}, "extensionsCanoniques": {...}}.
//
// entete: idMessage (the canonical event id outbound), typeMessage (CONSTAT_CREE |
// CONSTAT_MODIFIE | VEHICULE_VERIFIE), dateEmission (dd/MM/yyyy HH:mm, Algeria time; the
// CloudEvents `time`), emetteur, idCorrelation, idMessageOrigine (the causing message, i.e.
// `causationid`), versionSchema ("2.x").
#pragma once

#include <string>

#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "saa_canonical_complement.hpp"
#include "saa_field_reader.hpp"

namespace passerelle::saa {

inline constexpr const char* kSchemaVersion = "2.0";
inline constexpr const char* kSchemaMajorPrefix = "2.";
inline constexpr const char* kHeaderKey = "entete";
inline constexpr const char* kBodyKey = "corps";
// Kafka record headers written on every record for SAA.
inline constexpr const char* kRecordHeaderType = "saa-type";
inline constexpr const char* kRecordHeaderMessageId = "saa-id-message";
inline constexpr const char* kRecordHeaderSchema = "saa-version-schema";

// ---- outbound ----
// The entete of `event`; `time` is written in SAA's format and carried exactly when needed.
Json saa_header(const sdk::CloudEvent& event, const std::string& message_type, const std::string& sender,
                CanonicalComplement& complement);
Json saa_message(Json header, Json body, const CanonicalComplement& complement);
sdk::Headers saa_record_headers(const std::string& message_type, const std::string& message_id);

// ---- inbound ----
struct MessageParts {
  const Json* header = nullptr;
  const Json* body = nullptr;
  const Json* complement = nullptr;
};
// Splits the top level; problems for anything missing or unknown there.
MessageParts split_saa_message(const Json& message, Problems& problems);

// The entete as canonical envelope attributes: id, type, time, correlationid, causationid.
Json canonical_attributes(const Json& header, InboundState& state);

// The canonical event id of an SAA message: idMessage itself when it is a UUID (our own
// messages coming back), otherwise a UUID derived from it, so that reading the same record
// twice gives the same event id.
std::string event_id_for(const std::string& id_message);

}  // namespace passerelle::saa
