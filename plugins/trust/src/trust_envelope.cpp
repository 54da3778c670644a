#include "trust_envelope.hpp"

#include <optional>

#include "trust_codes.hpp"
#include "trust_reader.hpp"
#include "trust_report_mapping.hpp"
#include "trust_restore.hpp"
#include "trust_time.hpp"
#include "trust_unmapped.hpp"
#include "trust_verification_mapping.hpp"

namespace passerelle::trust {
namespace {

constexpr const char* kRestoreField = "x-canonical";

bool is_constat_type(const std::string& t) { return t == sdk::kTypeConstatCreated || t == sdk::kTypeConstatUpdated; }

// Trust's event ids are UUIDs when Passerelle wrote the event and Trust's own ids otherwise;
// the latter get a name-based UUID so a record read twice keeps its canonical id.
std::string canonical_id(const std::string& event_id, const std::string& adapter_id) {
  return sdk::is_uuid(event_id) ? event_id : sdk::deterministic_event_id(adapter_id + ":" + event_id);
}

Json with_trust_extensions(Json trust_fields, const Json& unmapped, const std::string& adapter_id) {
  if (!unmapped.empty()) trust_fields["unmappedFields"] = unmapped;
  if (trust_fields.empty()) return nullptr;
  return Json{{adapter_id, trust_fields}};
}

struct NativeEvent {
  Json event;                     // canonical event JSON from Trust's fields only
  const Json* restore = nullptr;  // payload.x-canonical, when present
  std::string trust_event_type;
};

// Trust's fields -> canonical event JSON, without x-canonical. Errors carry Trust paths.
std::optional<NativeEvent> native_event(const Json& envelope, const EnvelopeOptions& o, sdk::ValidationErrors& errors) {
  const std::size_t before = errors.issues().size();
  Json unmapped = Json::object();
  ReadContext ctx{errors, unmapped, o.validation};
  NativeEvent out;
  std::string type, event_id, occurred_at;
  std::optional<std::string> trace_id;
  std::optional<ReportRead> report;
  std::optional<CoverageRead> check;
  {
    TrustReader r(envelope, "", ctx);
    if (!r.valid()) return std::nullopt;
    event_id = r.text("eventId", true).value_or("");
    type = r.code("eventType", true, event_types()).value_or("");
    out.trust_event_type = event_types().to_trust(type).value_or("");
    occurred_at = r.timestamp("occurredAt", true).value_or("");
    trace_id = r.str("traceId", false);
    auto schema = r.text("schemaVersion", true);
    if (schema && schema->rfind(kSchemaMajorPrefix, 0) != 0)
      r.error("schemaVersion", "must be a 2.x version of Trust's event schema (got \"" + *schema + "\")");
    if (const Json* payload = r.object("payload", true)) {
      TrustReader pr(*payload, "payload", ctx);
      out.restore = pr.raw(kRestoreField);
      if (is_constat_type(type)) {
        if (const Json* rj = pr.object("accidentReport", true))
          report = report_from_trust(*rj, pr.child("accidentReport"), ctx);
      } else if (type == sdk::kTypeVehicleVerified) {
        if (const Json* cj = pr.object("coverageCheck", true))
          check = coverage_from_trust(*cj, pr.child("coverageCheck"), ctx);
      } else {
        // The event type is already reported; keep the payload's members out of unmappedFields.
        for (auto it = payload->begin(); it != payload->end(); ++it) pr.raw(it.key());
      }
    }
  }  // every reader is done here, so `unmapped` is complete
  if (errors.issues().size() != before || (!report && !check)) return std::nullopt;

  Json e = Json::object();
  e["specversion"] = "1.0";
  e["id"] = canonical_id(event_id, o.adapter_id);
  e["type"] = type;
  e["source"] = "/providers/" + o.adapter_id;
  e["time"] = occurred_at;
  e["datacontenttype"] = "application/json";
  e["dataschema"] = sdk::dataschema_for(type);
  if (trace_id) e["correlationid"] = *trace_id;
  e["provider"] = o.adapter_id;
  if (report) {
    Json ext = with_trust_extensions(std::move(report->trust_fields), unmapped, o.adapter_id);
    if (!ext.is_null()) report->constat.extensions = ext;
    e["subject"] = report->constat.constatId;
    e["data"] = sdk::to_json(report->constat);
  } else {
    Json ext = with_trust_extensions(std::move(check->trust_fields), unmapped, o.adapter_id);
    if (!ext.is_null()) check->verification.extensions = ext;
    e["subject"] = sdk::vehicle_subject(check->verification.vehicle.registrationCountry,
                                        check->verification.vehicle.registrationNumber);
    e["data"] = sdk::to_json(check->verification);
  }
  out.event = std::move(e);
  return out;
}

// The envelope from Trust's fields alone (no x-canonical, no unmapped fields placed yet).
Json trust_fields_envelope(const sdk::CloudEvent& ev, const Json& trust_ext) {
  Json payload = Json::object();
  if (is_constat_type(ev.type))
    payload["accidentReport"] = report_to_trust(sdk::constat_of(ev), trust_ext);
  else
    payload["coverageCheck"] = coverage_to_trust(sdk::verification_of(ev), trust_ext);
  Json env = Json::object();
  env["eventId"] = ev.id;
  env["eventType"] = event_types().to_trust(ev.type).value_or(ev.type);
  env["occurredAt"] = to_trust_timestamp(ev.time).value_or(ev.time);
  if (ev.correlationid) env["traceId"] = *ev.correlationid;
  env["schemaVersion"] = kSchemaVersion;
  env["payload"] = std::move(payload);
  return env;
}

}  // namespace

sdk::Result<Inbound> canonical_from_envelope(const Json& envelope, const EnvelopeOptions& o) {
  sdk::ValidationErrors errors;
  auto native = native_event(envelope, o, errors);
  if (!native) return sdk::Status::permanent(errors.summary());
  Inbound in;
  in.trust_event_type = native->trust_event_type;
  Json event = std::move(native->event);
  const bool restoring = native->restore != nullptr;
  if (restoring) {
    auto restored = apply_restore_patch(event, *native->restore, std::string("payload.") + kRestoreField, errors);
    if (!restored) return sdk::Status::permanent(errors.summary());
    event = std::move(restored->event);
    in.restored = restored->applied;
    in.skipped = restored->skipped;
  }
  auto parsed = sdk::parse_cloud_event(std::move(event), errors, &o.validation);
  if (!parsed)
    return sdk::Status::permanent(std::string("the canonical event mapped from this record is invalid") +
                                  (restoring ? " after applying payload.x-canonical" : "") + ": " + errors.summary());
  in.event = std::move(*parsed);
  return in;
}

sdk::Result<Outbound> envelope_from_canonical(const sdk::CloudEvent& event, const EnvelopeOptions& o) {
  // Normalised first, so that the comparison below is against what the platform means.
  std::optional<sdk::CloudEvent> normalised;
  const sdk::CloudEvent* ev = &event;
  if (!o.input_already_valid) {
    sdk::ValidationErrors verrors;
    normalised = sdk::parse_cloud_event(sdk::to_json(event), verrors, &o.validation);
    if (!normalised) return sdk::Status::permanent("canonical event " + event.id + " is invalid: " + verrors.summary());
    ev = &*normalised;
  }
  if (!event_types().to_trust(ev->type))
    return sdk::Status::permanent("event type " + ev->type + " has no Trust equivalent");

  // What the platform must get back after the round trip; source and provider are the only
  // attributes that rightly change, since the event then comes from Trust.
  Json sent = sdk::to_json(*ev);
  sent["source"] = "/providers/" + o.adapter_id;
  sent["provider"] = o.adapter_id;

  Json trust_ext = nullptr;
  if (ev->data.contains("extensions") && ev->data["extensions"].contains(o.adapter_id))
    trust_ext = ev->data["extensions"][o.adapter_id];
  const Json base = trust_fields_envelope(*ev, trust_ext);

  Json envelope = base;
  sdk::ValidationErrors errors;
  std::optional<NativeEvent> native;
  const bool has_unmapped = trust_ext.is_object() && trust_ext.contains("unmappedFields");
  if (has_unmapped && place_unmapped_fields(envelope, trust_ext["unmappedFields"])) {
    native = native_event(envelope, o, errors);
    // Placed fields must read back as exactly the same unmapped fields, or they stay in x-canonical.
    const Json* back = nullptr;
    if (native) {
      const Json& d = native->event["data"];
      if (d.contains("extensions") && d["extensions"].contains(o.adapter_id) &&
          d["extensions"][o.adapter_id].contains("unmappedFields"))
        back = &d["extensions"][o.adapter_id]["unmappedFields"];
    }
    if (!back || *back != trust_ext["unmappedFields"]) native.reset();
  }
  if (!native) {
    envelope = base;
    errors = sdk::ValidationErrors();
    native = native_event(envelope, o, errors);
  }
  if (!native)
    return sdk::Status::permanent("canonical event " + ev->id + ": Trust fields built from it do not read back (" +
                                  errors.summary() + ")");

  Json patch = build_restore_patch(native->event, sent);
  const std::size_t restore_operations = patch.size();
  if (!patch.empty()) envelope["payload"][kRestoreField] = std::move(patch);

  // Proof of the round trip before anything leaves: a failure here is a mapping bug, reported
  // with the path that differs and never the values (they may be personal data).
  if (!o.verify_round_trip) return Outbound{std::move(envelope), ev->type, ev->subject, restore_operations};
  auto back = canonical_from_envelope(envelope, o);
  if (!back.ok())
    return sdk::Status::permanent("canonical event " + ev->id + " does not map back: " + back.status().message);
  const Json got = sdk::to_json(back.value().event);
  if (got != sent) {
    const Json d = Json::diff(got, sent);
    return sdk::Status::permanent("canonical event " + ev->id + " would not come back unchanged from Trust (at " +
                                  (d.empty() ? std::string("?") : d[0].value("path", "?")) + ")");
  }
  return Outbound{std::move(envelope), ev->type, ev->subject, restore_operations};
}

}  // namespace passerelle::trust
