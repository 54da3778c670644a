#include "envelope.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace passerelle::generic_rest {
namespace {

const char* const kAttributeNames[] = {"id", "type", "time", "subject", "correlationid", "causationid"};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool is_header_token(const std::string& s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

SchemaNode slot_target(const std::string& name, const std::vector<std::string>& handled_types) {
  SchemaNode n;
  n.kind = SchemaNode::Kind::leaf;
  if (name == "type") {
    n.leaf = SchemaNode::Leaf::enumeration;
    n.values = handled_types;
  } else if (name == "time") {
    n.leaf = SchemaNode::Leaf::datetime;
  } else {
    n.leaf = SchemaNode::Leaf::string;
  }
  return n;
}

std::optional<EnvelopeSlot> parse_slot(const Json& j, const std::string& name, const std::string& where,
                                       const std::vector<std::string>& handled_types, std::optional<std::string>& default_type,
                                       std::vector<std::string>& problems) {
  EnvelopeSlot s;
  s.where = where;
  if (!j.is_object()) {
    problems.push_back(where + ": must be an object {body: \"/pointer\"} or {header: \"Name\"}");
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  for (auto it = j.begin(); it != j.end(); ++it) {
    const bool ok = it.key() == "body" || it.key() == "header" || it.key() == "transform" ||
                    (name == "type" && it.key() == "default");
    if (!ok)
      problems.push_back(where + "." + it.key() + ": unknown key (allowed: body, header, transform" +
                         (name == "type" ? ", default)" : ")"));
  }
  if (j.contains("body") && j.contains("header")) problems.push_back(where + ": give body or header, not both");
  if (j.contains("body")) {
    std::string why = "not a JSON pointer (it must be a string such as \"/event_id\")";
    std::optional<Pointer> p;
    if (j["body"].is_string()) p = Pointer::parse(j["body"].get<std::string>(), why);
    if (!p) problems.push_back(where + ".body: " + why);
    else {
      s.place = EnvelopeSlot::Place::body;
      s.body = *p;
    }
  } else if (j.contains("header")) {
    if (!j["header"].is_string() || !is_header_token(j["header"].get<std::string>())) {
      problems.push_back(where + ".header: must be an HTTP header name such as X-Event-Id");
    } else {
      s.place = EnvelopeSlot::Place::header;
      s.header = j["header"].get<std::string>();
    }
  } else if (!(name == "type" && j.contains("default"))) {
    problems.push_back(where + ": give body (a JSON pointer) or header (a header name)");
  }
  if (j.contains("default")) {
    const Json& d = j["default"];
    if (!d.is_string() || std::find(handled_types.begin(), handled_types.end(), d.get<std::string>()) == handled_types.end()) {
      std::string list;
      for (const auto& t : handled_types) list += (list.empty() ? "" : ", ") + t;
      problems.push_back(where + ".default: must be one of the event types this adapter maps: " + list);
    } else {
      default_type = d.get<std::string>();
    }
  }
  if (j.contains("transform")) {
    const SchemaNode target = slot_target(name, handled_types);
    if (auto t = parse_transform(j["transform"], where + ".transform", &target, problems)) {
      if (t->kind == Transform::Kind::constant)
        problems.push_back(where + ".transform.type: a constant cannot carry an envelope attribute");
      s.transform = *t;
    }
  }
  if (problems.size() != before) return std::nullopt;
  return s;
}

// A CR/LF would split the request; HTTP stacks drop empty values and trim surrounding blanks.
bool safe_header_value(const std::string& v) {
  return !v.empty() && v.front() != ' ' && v.back() != ' ' &&
         std::none_of(v.begin(), v.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; });
}

// What the inbound side would read from a value written as `written` at this slot.
Json as_read(const EnvelopeSlot& slot, const Json& written) {
  if (slot.place == EnvelopeSlot::Place::header && !written.is_string()) return written.dump();
  return written;
}

std::optional<std::string> as_attribute(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  return std::nullopt;
}

// Reads one slot; nullopt when absent. Sets error when present but unreadable.
std::optional<std::string> read_slot(const EnvelopeSlot& slot, const Json& body, const sdk::Headers& headers,
                                     std::string& error) {
  Json raw;
  if (slot.place == EnvelopeSlot::Place::body) {
    const Json* v = find(body, slot.body);
    if (!v || v->is_null()) return std::nullopt;
    raw = *v;
  } else if (slot.place == EnvelopeSlot::Place::header) {
    const std::string* h = find_header(headers, slot.header);
    if (!h) return std::nullopt;
    raw = *h;
  } else {
    return std::nullopt;
  }
  ReadBack back = to_canonical(slot.transform, raw);
  std::optional<std::string> v = back.value ? as_attribute(*back.value) : std::nullopt;
  if (!v) error = slot_location(slot) + ": " + (back.value ? "must be a string" : back.error) + " (" + slot.where + ")";
  return v;
}

}  // namespace

std::vector<std::pair<std::string, const EnvelopeSlot*>> EnvelopeSpec::slots() const {
  return {{"id", &id},          {"type", &type},          {"time", &time},
          {"subject", &subject}, {"correlationid", &correlationid}, {"causationid", &causationid}};
}

std::string slot_location(const EnvelopeSlot& slot) {
  switch (slot.place) {
    case EnvelopeSlot::Place::body: return "field " + slot.body.str();
    case EnvelopeSlot::Place::header: return "header " + slot.header;
    case EnvelopeSlot::Place::none: break;
  }
  return "(not placed)";
}

const std::string* find_header(const sdk::Headers& headers, const std::string& name) {
  auto it = headers.find(name);
  if (it != headers.end()) return &it->second;
  const std::string want = lower(name);
  for (const auto& [k, v] : headers)
    if (lower(k) == want) return &v;
  return nullptr;
}

std::optional<EnvelopeSpec> parse_envelope(const Json& j, const std::vector<std::string>& handled_types,
                                           std::vector<std::string>& problems) {
  EnvelopeSpec spec;
  if (j.is_null()) return spec;
  if (!j.is_object()) {
    problems.push_back("envelope: must be an object");
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  std::map<std::string, EnvelopeSlot*> by_name = {{"id", &spec.id},
                                                  {"type", &spec.type},
                                                  {"time", &spec.time},
                                                  {"subject", &spec.subject},
                                                  {"correlationid", &spec.correlationid},
                                                  {"causationid", &spec.causationid}};
  for (auto it = j.begin(); it != j.end(); ++it) {
    auto slot = by_name.find(it.key());
    if (slot == by_name.end()) {
      problems.push_back("envelope." + it.key() +
                         ": unknown attribute (allowed: id, type, time, subject, correlationid, causationid)");
      continue;
    }
    if (auto s = parse_slot(*it, it.key(), "envelope." + it.key(), handled_types, spec.default_type, problems))
      *slot->second = *s;
  }
  // Two attributes in one place could not be told apart on the way back.
  std::vector<std::pair<const EnvelopeSlot*, std::string>> seen;
  for (const char* name : kAttributeNames) {
    const EnvelopeSlot& s = *by_name[name];
    for (const auto& [other, other_name] : seen) {
      const bool clash = (s.place == EnvelopeSlot::Place::body && other->place == EnvelopeSlot::Place::body &&
                          s.body.overlaps(other->body)) ||
                         (s.place == EnvelopeSlot::Place::header && other->place == EnvelopeSlot::Place::header &&
                          lower(s.header) == lower(other->header));
      if (clash) problems.push_back(s.where + ": same place as envelope." + other_name);
    }
    if (s.place != EnvelopeSlot::Place::none) seen.emplace_back(&s, name);
  }
  if (problems.size() != before) return std::nullopt;
  return spec;
}

void place_envelope(const EnvelopeSpec& spec, const sdk::CloudEvent& e, const std::string& derived_subject, Json& body,
                    sdk::Headers& headers, Json& area_envelope) {
  const std::map<std::string, std::optional<std::string>> values = {
      {"id", e.id},           {"type", e.type},
      {"time", e.time},       {"subject", e.subject},
      {"correlationid", e.correlationid}, {"causationid", e.causationid}};
  for (const auto& [name, slot] : spec.slots()) {
    const auto& v = values.at(name);
    if (!v) continue;
    bool exact = false;
    if (slot->place != EnvelopeSlot::Place::none) {
      auto pv = to_provider(slot->transform, Json(*v));
      if (pv && !pv->is_null()) {
        const Json read = as_read(*slot, *pv);
        const ReadBack back = to_canonical(slot->transform, read);
        exact = back.value && *back.value == Json(*v);
        if (slot->place == EnvelopeSlot::Place::body) {
          set(body, slot->body, std::move(*pv));
        } else if (safe_header_value(read.get<std::string>())) {
          headers[slot->header] = read.get<std::string>();
        } else {
          exact = false;  // would not survive as a header: carried in the unmapped area instead
        }
      }
    } else if (name == "subject") {
      exact = *v == derived_subject;
    }
    if (!exact) area_envelope[name] = *v;
  }
  if (!e.dataschema.empty() && e.dataschema != sdk::dataschema_for(e.type)) area_envelope["dataschema"] = e.dataschema;
  if (e.extra_attributes.is_object() && !e.extra_attributes.empty()) area_envelope["attributes"] = e.extra_attributes;
}

std::optional<std::string> read_type(const EnvelopeSpec& spec, const Json& body, const sdk::Headers& headers,
                                     std::string& error) {
  return read_slot(spec.type, body, headers, error);
}

bool read_envelope(const EnvelopeSpec& spec, const Json& body, const sdk::Headers& headers, const Json* area_envelope,
                   EnvelopeValues& out, std::string& error) {
  for (const auto& [name, slot] : spec.slots()) {
    auto v = read_slot(*slot, body, headers, error);
    if (!error.empty()) return false;
    if (v) out.attributes[name] = *v;
  }
  if (area_envelope && area_envelope->is_object()) {
    for (const char* name : kAttributeNames) {
      auto it = area_envelope->find(name);
      if (it != area_envelope->end() && it->is_string()) out.attributes[name] = it->get<std::string>();
    }
    if (auto it = area_envelope->find("dataschema"); it != area_envelope->end() && it->is_string())
      out.dataschema = it->get<std::string>();
    if (auto it = area_envelope->find("attributes"); it != area_envelope->end() && it->is_object())
      out.extra_attributes = *it;
  }
  return true;
}

}  // namespace passerelle::generic_rest
