#include "saa_envelope.hpp"

#include <algorithm>
#include <set>

#include "saa_outbound_values.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {

Json saa_header(const sdk::CloudEvent& event, const std::string& message_type, const std::string& sender,
                CanonicalComplement& complement) {
  Json h = Json::object();
  h["idMessage"] = event.id;
  h["typeMessage"] = message_type;
  h["dateEmission"] = saa_datetime(event.time, "time", complement);
  h["emetteur"] = sender;
  put_if(h, "idCorrelation", event.correlationid);
  put_if(h, "idMessageOrigine", event.causationid);
  h["versionSchema"] = kSchemaVersion;
  return h;
}

Json saa_message(Json header, Json body, const CanonicalComplement& complement) {
  Json m = Json::object();
  m[kHeaderKey] = std::move(header);
  m[kBodyKey] = std::move(body);
  if (!complement.empty()) m[kComplementKey] = complement.to_saa_json();
  return m;
}

sdk::Headers saa_record_headers(const std::string& message_type, const std::string& message_id) {
  return {{kRecordHeaderType, message_type},
          {kRecordHeaderMessageId, message_id},
          {kRecordHeaderSchema, kSchemaVersion},
          {"content-type", "application/json; charset=utf-8"}};
}

MessageParts split_saa_message(const Json& message, Problems& problems) {
  MessageParts parts;
  if (!message.is_object()) {
    problems.add("message", "doit être un objet JSON (must be a JSON object)");
    return parts;
  }
  for (auto it = message.begin(); it != message.end(); ++it) {
    const std::string& k = it.key();
    if (k != kHeaderKey && k != kBodyKey && k != kComplementKey) problems.add(k, msg::kUnknownField);
  }
  auto part = [&](const char* key, bool required) -> const Json* {
    auto it = message.find(key);
    if (it == message.end() || it->is_null()) {
      if (required) problems.add(key, msg::kRequired);
      return nullptr;
    }
    if (!it->is_object()) {
      problems.add(key, msg::kObject);
      return nullptr;
    }
    return &*it;
  };
  parts.header = part(kHeaderKey, true);
  parts.body = part(kBodyKey, true);
  parts.complement = part(kComplementKey, false);
  return parts;
}

std::string event_id_for(const std::string& id_message) {
  return sdk::is_uuid(id_message) ? id_message : sdk::deterministic_event_id("saa:" + id_message);
}

Json canonical_attributes(const Json& header, InboundState& state) {
  static const std::set<std::string> known = {"idMessage",     "typeMessage",      "dateEmission", "emetteur",
                                              "idCorrelation", "idMessageOrigine", "versionSchema"};
  Json attributes = Json::object();
  FieldMapper m(header, kHeaderKey, attributes, "", state);
  if (!m.valid()) return attributes;
  // The envelope has no canonical place for extra members, and guessing their meaning would
  // hide a change of SAA's schema: they are refused.
  for (auto it = header.begin(); it != header.end(); ++it)
    if (!known.count(it.key())) m.problem(it.key(), msg::kUnknownField);
  if (auto id = m.read_text("idMessage", Need::required)) {
    if (id->empty()) m.problem("idMessage", "ne doit pas être vide (must not be empty)");
    else m.put("id", event_id_for(*id), "idMessage");
  }
  m.code("typeMessage", "type", message_types(), Need::required);
  m.datetime("dateEmission", "time", Need::required);
  m.read_text("emetteur", Need::optional);
  m.text("idCorrelation", "correlationid");
  m.text("idMessageOrigine", "causationid");
  if (auto v = m.read_text("versionSchema", Need::required)) {
    const std::string prefix = kSchemaMajorPrefix;
    const bool ok = v->size() > prefix.size() && v->compare(0, prefix.size(), prefix) == 0 &&
                    std::all_of(v->begin() + static_cast<long>(prefix.size()), v->end(),
                                [](char c) { return c >= '0' && c <= '9'; });
    if (!ok)
      m.problem("versionSchema", "version \"" + *v + "\" non prise en charge (unsupported; this adapter reads " +
                                     prefix + "x)");
  }
  return attributes;
}

}  // namespace passerelle::saa
