#include "saa_event_mapping.hpp"

#include <algorithm>

#include "saa_constat_mapping.hpp"
#include "saa_envelope.hpp"
#include "passerelle/sdk/json_text.hpp"
#include "saa_extra_fields.hpp"
#include "saa_verification_mapping.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {
namespace {

bool is_constat_type(const std::string& type) {
  return type == sdk::kTypeConstatCreated || type == sdk::kTypeConstatUpdated;
}

// CloudEvents context attributes: a carried extension attribute may not take one of these names.
bool is_core_attribute(const std::string& name) {
  static const std::vector<std::string> core = {"specversion", "id",          "type",        "source",
                                                "time",        "subject",     "datacontenttype", "dataschema",
                                                "correlationid", "causationid", "provider",  "data"};
  return std::find(core.begin(), core.end(), name) != core.end();
}

sdk::Status rejected(const Problems& problems) {
  return sdk::Status::permanent("saa: message SAA rejeté (SAA record rejected): " + problems.summary());
}

}  // namespace

sdk::Result<sdk::KafkaRecord> to_saa_record(const sdk::CloudEvent& event, const Config& config) {
  const auto topic = config.topic_for(event.type);
  const auto message_type = message_types().to_saa(event.type);
  if (!topic || !message_type)
    return sdk::Status::permanent("saa: SAA takes constat.created, constat.updated and vehicle.verified events, not \"" +
                                  event.type + "\"");
  const sdk::ValidationOptions options = config.outbound_validation();
  CanonicalComplement complement;
  Json body;
  std::string key;
  sdk::ValidationErrors errors;
  if (is_constat_type(event.type)) {
    auto constat = sdk::parse_constat(event.data, errors, "data", options);
    if (!constat)
      return sdk::Status::permanent("saa: event " + event.id + " does not hold a valid constat: " + errors.summary());
    body = saa_constat_body(*constat, complement);
    write_extensions(constat->extensions, config.adapter_id, body, constat_body_schema(), complement);
    key = constat->constatId;
  } else {
    auto verification = sdk::parse_vehicle_verification(event.data, errors, "data", options);
    if (!verification)
      return sdk::Status::permanent("saa: event " + event.id +
                                    " does not hold a valid vehicle verification: " + errors.summary());
    body = saa_verification_body(*verification, complement);
    write_extensions(verification->extensions, config.adapter_id, body, verification_body_schema(), complement);
    key = verification->vehicle.registrationNumber;  // normalised by the parse above
  }
  Json header = saa_header(event, *message_type, config.sender, complement);
  if (event.extra_attributes.is_object() && !event.extra_attributes.empty())
    complement.cloud_event_attributes = event.extra_attributes;
  if (!event.dataschema.empty() && event.dataschema != sdk::dataschema_for(event.type))
    complement.dataschema = event.dataschema;

  sdk::KafkaRecord record;
  record.topic = *topic;
  record.key = key;
  record.headers = saa_record_headers(*message_type, event.id);
  record.value = saa_message(std::move(header), std::move(body), complement).dump();
  return record;
}

sdk::Result<sdk::CloudEvent> from_saa_message(std::string_view text, const std::optional<std::string>& topic,
                                              const Config& config) {
  std::optional<std::string> expected_type;
  if (topic) {
    expected_type = config.event_type_for(*topic);
    if (!expected_type)
      return sdk::Status::permanent("saa: topic \"" + *topic + "\" is not one this adapter subscribes to");
  }
  std::size_t bad_byte = 0;
  auto message_json = sdk::parse_json(text, &bad_byte);
  if (!message_json)
    return sdk::Status::permanent("saa: message: JSON invalide à l'octet " + std::to_string(bad_byte) +
                                  " (not valid JSON at byte " + std::to_string(bad_byte) + ")");
  Json message = std::move(*message_json);

  InboundState state;
  const MessageParts parts = split_saa_message(message, state.problems);
  std::optional<CanonicalComplement> complement;
  if (parts.complement) complement = CanonicalComplement::from_saa_json(*parts.complement, kComplementKey, state.problems);
  state.complement = complement ? &*complement : nullptr;
  if (!parts.header || !parts.body) return rejected(state.problems);

  Json attributes = canonical_attributes(*parts.header, state);
  if (!attributes.contains("type")) return rejected(state.problems);
  const std::string type = attributes["type"].get<std::string>();
  if (expected_type && type != *expected_type) {
    state.problems.add(std::string(kHeaderKey) + ".typeMessage",
                       message_types().to_saa(type).value_or(type) + " n'a pas sa place sur le topic " + *topic +
                           " (does not belong on topic " + *topic + ", which carries " +
                           message_types().to_saa(*expected_type).value_or(*expected_type) + ")");
  }

  const bool constat = is_constat_type(type);
  const std::string body_path = kBodyKey;
  Json data = constat ? canonical_constat_data(*parts.body, body_path, state)
                      : canonical_verification_data(*parts.body, body_path, state);
  const FieldSchema& schema = constat ? constat_body_schema() : verification_body_schema();
  if (auto ext = read_extensions(*parts.body, config.adapter_id, schema, state.complement)) data["extensions"] = *ext;
  if (!state.problems.empty()) return rejected(state.problems);

  Json event = Json::object();
  if (complement) {
    for (auto it = complement->cloud_event_attributes.begin(); it != complement->cloud_event_attributes.end(); ++it) {
      const std::string place = std::string(kComplementKey) + ".attributsCloudEvents." + it.key();
      if (is_core_attribute(it.key())) {
        state.problems.add(place, "nom réservé (reserved CloudEvents attribute name)");
        continue;
      }
      event[it.key()] = it.value();
      state.origins.record(it.key(), place);
    }
  }
  event["specversion"] = "1.0";
  event["type"] = type;
  event["source"] = config.source();
  event["provider"] = config.adapter_id;
  event["datacontenttype"] = "application/json";
  for (const char* k : {"id", "time", "correlationid", "causationid"})
    if (attributes.contains(k)) event[k] = attributes[k];
  event["dataschema"] = complement && complement->dataschema ? *complement->dataschema : sdk::dataschema_for(type);
  state.origins.record("dataschema", std::string(kComplementKey) + ".dataschema");
  if (constat) {
    if (data.contains("constatId")) event["subject"] = data["constatId"];
    state.origins.record("subject", body_path + ".numeroConstat");
  } else {
    const Json v = data.value("vehicle", Json::object());
    if (v.contains("registrationCountry") && v.contains("registrationNumber"))
      event["subject"] = sdk::vehicle_subject(v["registrationCountry"].get<std::string>(),
                                              v["registrationNumber"].get<std::string>());
    state.origins.record("subject", body_path + ".vehicule.immatriculation");
  }
  event["data"] = std::move(data);
  if (!state.problems.empty()) return rejected(state.problems);

  // The canonical model's own rules (plate shapes, country codes, wilaya range, ...), reported
  // under the SAA field each value came from.
  sdk::ValidationErrors errors;
  const sdk::ValidationOptions options = config.validation();
  auto parsed = sdk::parse_cloud_event(std::move(event), errors, &options);
  if (!parsed) {
    for (const auto& issue : errors.issues()) state.problems.add(state.origins.saa_path_for(issue.path), issue.message);
    return rejected(state.problems);
  }
  return std::move(*parsed);
}

}  // namespace passerelle::saa
