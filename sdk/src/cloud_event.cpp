#include "passerelle/sdk/cloud_event.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "json_reader.hpp"
#include "model_json_tracked.hpp"
#include "passerelle/sdk/json_text.hpp"

namespace passerelle::sdk {

bool is_known_event_type(const std::string& type) {
  return type == kTypeConstatCreated || type == kTypeConstatUpdated || type == kTypeVehicleVerified;
}

std::string dataschema_for(const std::string& type) {
  return "urn:passerelle:" + type + ":" + std::to_string(kSchemaMajor) + "." + std::to_string(kSchemaMinor);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
      return false;
    }
  }
  return true;
}

std::string deterministic_event_id(std::string_view name) {
  auto fnv = [&](std::uint64_t h) {
    for (unsigned char ch : name) {
      h ^= ch;
      h *= 0x100000001b3ULL;
    }
    return h;
  };
  std::uint64_t hi = fnv(0xcbf29ce484222325ULL);
  std::uint64_t lo = fnv(0x84222325cbf29ce4ULL ^ name.size());
  hi = (hi & ~0xF000ULL) | 0x8000ULL;              // version 8
  lo = (lo & ~(0xC0ULL << 56)) | (0x80ULL << 56);  // RFC 9562 variant
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

std::string vehicle_subject(const std::string& registration_country, const std::string& registration_number) {
  return registration_country + ":" + registration_number;
}

namespace {
const std::vector<std::string> kEventTypes = {kTypeConstatCreated, kTypeConstatUpdated, kTypeVehicleVerified};
const std::vector<std::string> kAttributes = {
    "specversion",     "id",         "type",          "source",      "time",     "subject",
    "datacontenttype", "dataschema", "correlationid", "causationid", "provider", "data"};

bool is_extension_name(const std::string& n) {
  if (n.empty() || n.size() > 20) return false;
  for (char ch : n)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) return false;
  return true;
}

// A null member reads as absent, so to_json() would leave it out. `extensions` is kept verbatim.
bool has_null_member(const Json& j, bool top) {
  if (j.is_null()) return true;
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (top && it.key() == "extensions") continue;
      if (has_null_member(it.value(), false)) return true;
    }
  } else if (j.is_array()) {
    for (const auto& v : j)
      if (has_null_member(v, false)) return true;
  }
  return false;
}

// What parse_cloud_event() keeps as `data`: the input itself when it is already in normalised
// form (moved when the caller gave the tree away), to_json() of the typed value otherwise.
template <typename T>
Json normalised_data(const T& typed, bool differs, const Json& input, Json* owned_input) {
  if (differs || has_null_member(input, true)) return to_json(typed);
  Json out = owned_input ? std::move(*owned_input) : input;
#ifndef NDEBUG
  // The debug (sanitizer) test run checks the shortcut against the rebuild on every event.
  if (out.dump() != to_json(typed).dump()) {
    std::fprintf(stderr, "parse_cloud_event: kept data differs from its normalised form:\n%s\n%s\n", out.dump().c_str(),
                 to_json(typed).dump().c_str());
    std::abort();
  }
#endif
  return out;
}

std::optional<CloudEvent> parse_event(const Json& j, Json* owned_data, ValidationErrors& errors,
                                      const ValidationOptions* options) {
  const ValidationOptions defaults;
  const ValidationOptions& opts = options ? *options : defaults;
  const std::size_t before = errors.issues().size();
  if (!j.is_object()) {
    errors.add("$", "a CloudEvent must be a JSON object");
    return std::nullopt;
  }
  CloudEvent e;
  {
    // The reader works on the event itself (no copy of `data`); extension attributes are marked
    // as read so it does not call them unknown.
    detail::JsonReader r(j, "", errors);
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (std::find(kAttributes.begin(), kAttributes.end(), it.key()) != kAttributes.end()) continue;
      r.raw(it.key(), false);
      if (is_extension_name(it.key()))
        e.extra_attributes[it.key()] = it.value();
      else
        errors.add(it.key(), "not a valid CloudEvents attribute name (lowercase letters and digits, at most 20)");
    }
    auto spec = r.str("specversion", true);
    if (spec && *spec != "1.0") errors.add("specversion", "must be \"1.0\" (got \"" + *spec + "\")");
    e.id = r.nonempty("id", true).value_or("");
    if (!e.id.empty() && !is_uuid(e.id)) errors.add("id", "must be a UUID");
    e.type = r.one_of("type", true, kEventTypes).value_or("");
    e.source = r.nonempty("source", true).value_or("");
    e.time = r.datetime("time", true).value_or("");
    e.subject = r.nonempty("subject", true).value_or("");
    auto ct = r.str("datacontenttype", true);
    if (ct && *ct != "application/json") errors.add("datacontenttype", "must be \"application/json\"");
    auto schema = r.str("dataschema", true);
    if (schema && !e.type.empty()) {
      const std::string prefix = "urn:passerelle:" + e.type + ":" + std::to_string(kSchemaMajor) + ".";
      const bool minor_ok = schema->size() > prefix.size() && schema->compare(0, prefix.size(), prefix) == 0 &&
                            std::all_of(schema->begin() + static_cast<long>(prefix.size()), schema->end(),
                                        [](char ch) { return ch >= '0' && ch <= '9'; });
      if (!minor_ok)
        errors.add("dataschema", "must be " + prefix + "<minor> (this reader accepts major " +
                                     std::to_string(kSchemaMajor) + "; got \"" + *schema + "\")");
      else
        e.dataschema = *schema;
    }
    e.correlationid = r.str("correlationid", false);
    e.causationid = r.str("causationid", false);
    e.provider = r.str("provider", false);
    r.object("data", true);
  }

  const auto data_it = j.find("data");
  if (data_it != j.end() && data_it->is_object()) {
    if (e.type == kTypeConstatCreated || e.type == kTypeConstatUpdated) {
      bool differs = false;
      if (auto c = detail::parse_constat_tracked(*data_it, errors, "data", opts, differs)) {
        if (!e.subject.empty() && e.subject != c->constatId)
          errors.add("subject", "must equal data.constatId (\"" + c->constatId + "\")");
        if (errors.issues().size() == before) e.data = normalised_data(*c, differs, *data_it, owned_data);
      }
    } else if (e.type == kTypeVehicleVerified) {
      bool differs = false;
      if (auto v = detail::parse_vehicle_verification_tracked(*data_it, errors, "data", opts, differs)) {
        const std::string want = vehicle_subject(v->vehicle.registrationCountry, v->vehicle.registrationNumber);
        // Accept the un-normalised plate in the subject, but write the normalised one.
        const Json& raw_vehicle = data_it->at("vehicle");  // present: the parse above succeeded
        const std::string raw_want =
            vehicle_subject(raw_vehicle.value("registrationCountry", ""), raw_vehicle.value("registrationNumber", ""));
        if (!e.subject.empty() && e.subject != want && e.subject != raw_want)
          errors.add("subject", "must be <registrationCountry>:<registrationNumber> of data.vehicle");
        e.subject = want;
        if (errors.issues().size() == before) e.data = normalised_data(*v, differs, *data_it, owned_data);
      }
    }
  }
  if (errors.issues().size() != before) return std::nullopt;
  return e;
}

}  // namespace

std::optional<CloudEvent> parse_cloud_event(const Json& j, ValidationErrors& errors, const ValidationOptions* options) {
  return parse_event(j, nullptr, errors, options);
}

std::optional<CloudEvent> parse_cloud_event(Json&& j, ValidationErrors& errors, const ValidationOptions* options) {
  Json* data = nullptr;
  if (j.is_object()) {
    auto it = j.find("data");
    if (it != j.end()) data = &*it;
  }
  return parse_event(j, data, errors, options);
}

std::optional<CloudEvent> parse_cloud_event(std::string_view text, ValidationErrors& errors,
                                            const ValidationOptions* options) {
  auto j = parse_json(text);
  if (!j) {
    errors.add("$", "not valid JSON");
    return std::nullopt;
  }
  return parse_cloud_event(std::move(*j), errors, options);
}

namespace {
// One writer for both overloads: E is `const CloudEvent&` (copies) or `CloudEvent&&` (moves).
template <typename E>
Json event_to_json(E&& e) {
  Json j = e.extra_attributes.is_object() ? std::forward<E>(e).extra_attributes : Json::object();
  j["specversion"] = std::forward<E>(e).specversion;
  j["id"] = std::forward<E>(e).id;
  j["type"] = std::forward<E>(e).type;
  j["source"] = std::forward<E>(e).source;
  j["time"] = std::forward<E>(e).time;
  j["subject"] = std::forward<E>(e).subject;
  j["datacontenttype"] = std::forward<E>(e).datacontenttype;
  j["dataschema"] = std::forward<E>(e).dataschema;
  if (e.correlationid) j["correlationid"] = *std::forward<E>(e).correlationid;
  if (e.causationid) j["causationid"] = *std::forward<E>(e).causationid;
  if (e.provider) j["provider"] = *std::forward<E>(e).provider;
  j["data"] = std::forward<E>(e).data;
  return j;
}
}  // namespace

Json to_json(const CloudEvent& e) { return event_to_json(e); }
Json to_json(CloudEvent&& e) { return event_to_json(std::move(e)); }

Constat constat_of(const CloudEvent& e) {
  ValidationErrors errors;
  auto c = parse_constat(e.data, errors);
  if (!c) throw std::invalid_argument("event " + e.id + " has no valid constat: " + errors.summary());
  return std::move(*c);
}

VehicleVerification verification_of(const CloudEvent& e) {
  ValidationErrors errors;
  auto v = parse_vehicle_verification(e.data, errors);
  if (!v) throw std::invalid_argument("event " + e.id + " has no valid vehicle.verified: " + errors.summary());
  return std::move(*v);
}

CloudEvent make_constat_event(const std::string& type, const Constat& c, std::string id, std::string time,
                              std::string source) {
  CloudEvent e;
  e.id = std::move(id);
  e.type = type;
  e.source = std::move(source);
  e.time = std::move(time);
  e.subject = c.constatId;
  e.dataschema = dataschema_for(type);
  e.data = to_json(c);
  return e;
}

CloudEvent make_verification_event(const VehicleVerification& v, std::string id, std::string time, std::string source) {
  CloudEvent e;
  e.id = std::move(id);
  e.type = kTypeVehicleVerified;
  e.source = std::move(source);
  e.time = std::move(time);
  e.subject = vehicle_subject(v.vehicle.registrationCountry, v.vehicle.registrationNumber);
  e.dataschema = dataschema_for(kTypeVehicleVerified);
  e.data = to_json(v);
  return e;
}

}  // namespace passerelle::sdk
