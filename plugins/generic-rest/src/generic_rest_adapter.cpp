#include "generic_rest_adapter.hpp"

#include <algorithm>
#include <variant>

#include "json_pointer_mapping.hpp"
#include "passerelle/sdk/datetime.hpp"
#include "passerelle/sdk/json_text.hpp"
#include "passerelle/sdk/registration_number.hpp"

namespace passerelle::generic_rest {
namespace {

using sdk::Json;
using sdk::Status;

struct Route {
  DataKind kind;
  Operation operation;
};

std::optional<Route> route_for(const std::string& type) {
  if (type == sdk::kTypeConstatCreated) return Route{DataKind::constat, Operation::constat_created};
  if (type == sdk::kTypeConstatUpdated) return Route{DataKind::constat, Operation::constat_updated};
  if (type == sdk::kTypeVehicleVerified) return Route{DataKind::vehicle_verification, Operation::vehicle_verified};
  return std::nullopt;
}

std::string text_of(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

// The subject the inbound side rebuilds from the data, so it need not travel when it matches.
std::string derived_subject(DataKind kind, const Json& data) {
  if (!data.is_object()) return "";
  if (kind == DataKind::constat) return text_of(data, "constatId");
  const Json vehicle = data.value("vehicle", Json::object());
  if (!vehicle.is_object()) return "";
  return sdk::vehicle_subject(text_of(vehicle, "registrationCountry"), text_of(vehicle, "registrationNumber"));
}

std::string dump_strict(const Json& j) {
  // Strict: an invalid UTF-8 byte is an error to report, not something to pass on to an insurer.
  return j.dump(-1, ' ', false, Json::error_handler_t::strict);
}

// Insurer-specific canonical fields (extensions.<id>) go back to the top level of the insurer's
// body where nothing else is written: they are the insurer's own fields, and inbound reads any
// unmapped insurer field into extensions.<id>, so they come back where they were.
void return_extensions(const std::string& id, const Scope& scope, const std::vector<Pointer>& reserved, Json& body,
                       Json& area) {
  auto data = area.find("data");
  if (data == area.end() || !data->is_object()) return;
  auto ext = data->find("extensions");
  if (ext == data->end() || !ext->is_object()) return;
  auto mine = ext->find(id);
  if (mine == ext->end() || !mine->is_object() || mine->empty()) return;
  std::vector<Pointer> taken = reserved;
  for (const auto& [p, owner] : provider_pointers(scope)) taken.push_back(p);
  std::vector<std::string> moved;
  for (auto it = mine->begin(); it != mine->end(); ++it) {
    const Pointer at = Pointer::from_tokens({it.key()});
    if (body.contains(it.key())) continue;
    if (std::any_of(taken.begin(), taken.end(), [&](const Pointer& p) { return p.overlaps(at); })) continue;
    body[it.key()] = *it;
    moved.push_back(it.key());
  }
  if (moved.empty()) return;
  for (const auto& k : moved) mine->erase(k);
  // Emptied by the move: the inbound side recreates them from the moved fields.
  if (mine->empty()) ext->erase(id);
  if (ext->empty()) data->erase("extensions");
  if (data->empty()) area.erase("data");
}

std::string http_class(int status) {
  return "HTTP " + std::to_string(status);
}

}  // namespace

sdk::Status GenericRestAdapter::configure(const sdk::Settings& settings, sdk::HostContext& context) {
  context_ = &context;
  id_ = context.adapter_id();
  std::vector<std::string> problems;
  config_ = parse_config(settings, problems);
  if (!config_) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    return Status::invalid_config(all);
  }
  context.log(sdk::LogLevel::info, "generic-rest adapter configured",
              {{"constat_rules", std::to_string(config_->constat ? config_->constat->rules.size() : 0)},
               {"vehicle_rules", std::to_string(config_->vehicle_verification ? config_->vehicle_verification->rules.size() : 0)},
               {"inbound_topics", std::to_string(config_->inbound_topics.size())}});
  return Status::success();
}

std::vector<std::string> GenericRestAdapter::subscriptions() const {
  return config_ ? config_->inbound_topics : std::vector<std::string>{};
}

std::vector<Pointer> GenericRestAdapter::envelope_body_pointers() const {
  std::vector<Pointer> out;
  for (const auto& [name, slot] : config_->envelope.slots())
    if (slot->place == EnvelopeSlot::Place::body) out.push_back(slot->body);
  return out;
}

sdk::Result<std::vector<sdk::Delivery>> GenericRestAdapter::to_provider(const sdk::CloudEvent& event) {
  if (!config_) return Status::permanent("generic-rest adapter used before configure()");
  try {
    return map_outbound(event);
  } catch (const std::exception& e) {
    return Status::permanent(id_ + ": cannot map event " + event.id + " for the insurer: " + e.what());
  }
}

sdk::Result<std::vector<sdk::Delivery>> GenericRestAdapter::map_outbound(const sdk::CloudEvent& event) {
  const auto route = route_for(event.type);
  if (!route) return Status::permanent(id_ + ": event type \"" + event.type + "\" has no insurer operation");
  const Endpoint* endpoint = config_->endpoint(route->operation);
  const Scope* scope = config_->mapping(route->kind);
  if (!endpoint || !scope) {
    // Not an operation this insurer offers: nothing to deliver, which the host counts as filtered.
    context_->log(sdk::LogLevel::debug, "event type not delivered to this insurer",
                  {{"event_id", event.id}, {"type", event.type}});
    return std::vector<sdk::Delivery>{};
  }

  Json body = Json::object();
  Json area = Json::object();
  map_to_provider(*scope, event.data, body, area);
  const std::vector<Pointer> reserved = envelope_body_pointers();
  return_extensions(id_, *scope, reserved, body, area);

  sdk::HttpCall call;
  call.method = endpoint->method;
  Json envelope_area = Json::object();
  place_envelope(config_->envelope, event, derived_subject(route->kind, event.data), body, call.headers, envelope_area);
  if (!envelope_area.empty()) area["envelope"] = std::move(envelope_area);
  if (!area.empty()) set(body, *scope->unmapped_to, std::move(area));

  std::map<std::string, std::string> values = {{"eventId", event.id}};
  if (route->kind == DataKind::constat) {
    values["constatId"] = text_of(event.data, "constatId");
    values["revision"] = text_of(event.data, "revision");
  } else {
    const Json vehicle = event.data.value("vehicle", Json::object());
    values["registration"] = text_of(vehicle, "registrationNumber");
    values["registrationCountry"] = text_of(vehicle, "registrationCountry");
    values["verificationId"] = text_of(event.data, "verificationId");
    values["asOf"] = text_of(event.data, "asOf");
  }
  std::string missing;
  auto path = expand_path(endpoint->path, values, missing);
  if (!path) return Status::permanent(id_ + ": cannot build the path of endpoints." + to_string(route->operation) + ": no {" + missing + "}");
  call.path = *path;
  call.headers["Content-Type"] = "application/json";
  call.headers["Accept"] = "application/json";
  add_auth(config_->auth, call.headers);
  call.body = dump_strict(body);
  context_->count("mapped_outbound");
  return std::vector<sdk::Delivery>{std::move(call)};
}

sdk::Result<std::vector<sdk::CloudEvent>> GenericRestAdapter::to_canonical(const sdk::InboundRecord& record) {
  if (!config_) return Status::permanent("generic-rest adapter used before configure()");
  try {
    if (const auto* http = std::get_if<sdk::HttpCall>(&record)) return map_inbound(http->body, http->headers);
    const auto& kafka = std::get<sdk::KafkaRecord>(record);
    return map_inbound(kafka.value, kafka.headers);
  } catch (const std::exception& e) {
    return Status::permanent(id_ + ": cannot map the insurer record: " + e.what());
  }
}

std::optional<Json> GenericRestAdapter::read_data(const Scope& scope, const Json& body, std::string& error) const {
  const Json* area = find(body, *scope.unmapped_to);
  Json data;
  if (!map_to_canonical(scope, body, area, "", data, error)) return std::nullopt;
  if (auto left = provider_leftovers(scope, body, envelope_body_pointers())) {
    if (!data.is_object()) data = Json::object();
    Json& ext = data["extensions"];
    if (!ext.is_object()) ext = Json::object();
    deep_merge(ext[id_], *left);
  }
  return data;
}

std::string GenericRestAdapter::explain(const sdk::ValidationErrors& errors, const Scope& scope) const {
  std::string out;
  std::size_t shown = 0;
  for (const auto& issue : errors.issues()) {
    if (++shown > 10) {
      out += "; and " + std::to_string(errors.issues().size() - 10) + " more";
      break;
    }
    std::string where;
    if (issue.path.rfind("data", 0) == 0) {
      auto at = provider_location(scope, issue.path);
      where = at ? "field " + *at + " (" + issue.path + ")" : issue.path + " (no mapping rule writes it)";
    } else {
      where = issue.path;
      for (const auto& [name, slot] : config_->envelope.slots())
        if (name == issue.path && slot->place != EnvelopeSlot::Place::none) where = slot_location(*slot) + " (" + name + ")";
    }
    out += (out.empty() ? "" : "; ") + where + ": " + issue.message;
  }
  return out;
}

sdk::Result<std::vector<sdk::CloudEvent>> GenericRestAdapter::map_inbound(const std::string& body_text,
                                                                         const sdk::Headers& headers) {
  auto parsed = sdk::parse_json(body_text);
  if (!parsed) return Status::permanent(id_ + ": the insurer record is not valid JSON");
  Json body = std::move(*parsed);
  if (!body.is_object()) return Status::permanent(id_ + ": the insurer record must be a JSON object");

  // An event of ours coming back carries its exact type in the unmapped area when the
  // configured place could not hold it; that wins, as every envelope attribute there does.
  std::optional<std::string> type;
  for (const Scope* s : {config_->mapping(DataKind::constat), config_->mapping(DataKind::vehicle_verification)}) {
    const Json* area = s ? find(body, *s->unmapped_to) : nullptr;
    const Json* t = area ? find(*area, Pointer::from_tokens({"envelope", "type"})) : nullptr;
    if (t && t->is_string()) {
      type = t->get<std::string>();
      break;
    }
  }
  std::string error;
  if (!type) type = read_type(config_->envelope, body, headers, error);
  if (!error.empty()) return Status::permanent(id_ + ": " + error);
  if (!type) type = config_->envelope.default_type;
  if (!type) {
    const auto& slot = config_->envelope.type;
    return Status::permanent(id_ + ": cannot tell the event type of the insurer record: " +
                             (slot.place == EnvelopeSlot::Place::none ? std::string("configure envelope.type")
                                                                      : "no value at " + slot_location(slot)));
  }
  const auto route = route_for(*type);
  if (!route) {
    return Status::permanent(id_ + ": \"" + *type + "\" from " + slot_location(config_->envelope.type) +
                             " is not a canonical event type (add a value_table to envelope.type.transform)");
  }
  const Scope* scope = config_->mapping(route->kind);
  if (!scope)
    return Status::permanent(id_ + ": " + *type + " records are not mapped (set mapping." + to_string(route->kind) + ")");

  auto data = read_data(*scope, body, error);
  if (!data) return Status::permanent(id_ + ": " + error);

  const Json* area = find(body, *scope->unmapped_to);
  const Json* area_envelope = area ? find(*area, Pointer::from_tokens({"envelope"})) : nullptr;
  EnvelopeValues env;
  if (!read_envelope(config_->envelope, body, headers, area_envelope, env, error))
    return Status::permanent(id_ + ": " + error);

  Json e = env.extra_attributes.is_object() ? env.extra_attributes : Json::object();
  e["specversion"] = "1.0";
  const auto id = env.attributes.find("id");
  if (id != env.attributes.end() && sdk::is_uuid(id->second)) e["id"] = id->second;
  else if (id != env.attributes.end()) e["id"] = sdk::deterministic_event_id(id_ + ":" + id->second);
  // No id at all: the record's own bytes, so the same record always gives the same event id.
  else e["id"] = sdk::deterministic_event_id(id_ + ":" + *type + ":" + body_text);
  e["type"] = *type;
  e["source"] = "/providers/" + id_;
  const auto time = env.attributes.find("time");
  e["time"] = time != env.attributes.end() ? time->second : sdk::now_rfc3339(context_->now());
  const auto subject = env.attributes.find("subject");
  e["subject"] = subject != env.attributes.end() ? subject->second : derived_subject(route->kind, *data);
  e["datacontenttype"] = "application/json";
  e["dataschema"] = env.dataschema.value_or(sdk::dataschema_for(*type));
  for (const char* name : {"correlationid", "causationid"}) {
    auto it = env.attributes.find(name);
    if (it != env.attributes.end()) e[name] = it->second;
  }
  e["provider"] = id_;
  e["data"] = std::move(*data);

  sdk::ValidationErrors errors;
  auto event = sdk::parse_cloud_event(std::move(e), errors);
  if (!event)
    return Status::permanent(id_ + ": the insurer record does not give a valid " + *type + " event: " + explain(errors, *scope));
  context_->count("mapped_inbound");
  return std::vector<sdk::CloudEvent>{std::move(*event)};
}

sdk::Result<Json> GenericRestAdapter::query(const sdk::GatewayQuery& query) {
  if (!config_) return Status::permanent("generic-rest adapter used before configure()");
  try {
    return run_query(query);
  } catch (const std::exception& e) {
    return Status::permanent(id_ + ": gateway query failed: " + e.what());
  }
}

sdk::Result<Json> GenericRestAdapter::run_query(const sdk::GatewayQuery& q) {
  Operation op = Operation::query_vehicle;
  DataKind kind = DataKind::vehicle_verification;
  if (q.kind == sdk::GatewayQuery::Kind::policy) {
    op = Operation::query_policy;
    kind = DataKind::policy;
  } else if (q.kind == sdk::GatewayQuery::Kind::constat) {
    op = Operation::query_constat;
    kind = DataKind::constat;
  }
  const Endpoint* endpoint = config_->endpoint(op);
  const Scope* scope = config_->mapping(kind);
  if (!endpoint || !scope)
    return Status::permanent(id_ + ": this insurer offers no " + to_string(kind) + " query (endpoints." + to_string(op) + ")");

  auto param = [&](const char* name) -> std::optional<std::string> {
    auto it = q.params.find(name);
    if (it == q.params.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  const std::string as_of = param("asOf").value_or(sdk::now_rfc3339(context_->now()).substr(0, 10));
  const std::string country = param("registrationCountry").value_or("DZ");
  std::string key = q.key;
  if (kind == DataKind::vehicle_verification && country == "DZ") {
    // The insurer gets the canonical dashed form whatever the caller typed.
    if (auto norm = sdk::normalize_algerian_registration(key)) key = *norm;
  }
  std::map<std::string, std::string> values = {{"key", key}, {"asOf", as_of}};
  if (kind == DataKind::vehicle_verification) {
    values["registration"] = key;
    values["registrationCountry"] = country;
  } else if (kind == DataKind::policy) {
    values["policyNumber"] = key;
  } else {
    values["constatId"] = key;
  }
  std::string missing;
  auto path = expand_path(endpoint->path, values, missing);
  if (!path) return Status::permanent(id_ + ": cannot build the path of endpoints." + std::string(to_string(op)) + ": no {" + missing + "}");

  sdk::Headers headers = {{"Accept", "application/json"}};
  add_auth(config_->auth, headers);
  const auto& corr = config_->envelope.correlationid;
  if (corr.place == EnvelopeSlot::Place::header && !q.correlation_id.empty()) headers[corr.header] = q.correlation_id;

  const sdk::HttpResponse resp = context_->http().get(*path, headers);
  context_->log(sdk::LogLevel::debug, "gateway query answered",
                {{"operation", to_string(op)}, {"status", std::to_string(resp.status)}});

  const std::string what = std::string(to_string(kind)) + " query";
  if (resp.status == 0) return Status::retry(id_ + ": no answer from the insurer's API to the " + what + " (" + resp.error + ")");
  if (resp.status == 408 || resp.status == 429 || resp.status >= 500)
    return Status::retry(id_ + ": the insurer's API answered " + http_class(resp.status) + " to the " + what);
  if (resp.status == 401 || resp.status == 403)
    return Status::permanent(id_ + ": the insurer's API refused our credentials (" + http_class(resp.status) +
                             "); check the auth setting of adapter " + id_);
  if (resp.status == 404) {
    if (kind != DataKind::vehicle_verification)
      return Status::not_found(id_ + ": " + to_string(kind) + " not found at the insurer (" + http_class(404) + ")");
    // "The insurer does not know this vehicle" is an answer, not a failure.
    Json v = {{"verificationId", sdk::deterministic_event_id(id_ + ":vehicle:" + country + ":" + key + ":" + as_of)},
              {"insurerId", id_},
              {"vehicle", {{"registrationNumber", key}, {"registrationCountry", country}}},
              {"asOf", as_of},
              {"status", "unconfirmed"},
              {"reasonCode", "vehicle_not_found"},
              {"verifiedAt", sdk::now_rfc3339(context_->now())}};
    sdk::ValidationErrors errors;
    auto parsed = sdk::parse_vehicle_verification(v, errors);
    if (!parsed) return Status::permanent(id_ + ": the vehicle query key is not a valid registration: " + errors.summary());
    return sdk::to_json(*parsed);
  }
  if (resp.status < 200 || resp.status > 299)
    return Status::permanent(id_ + ": the insurer's API answered " + http_class(resp.status) + " to the " + what);

  Json body = Json::parse(resp.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return Status::permanent(id_ + ": the insurer's answer to the " + what + " is not a JSON object");
  std::string error;
  auto data = read_data(*scope, body, error);
  if (!data) return Status::permanent(id_ + ": " + error);
  if (kind == DataKind::policy) return std::move(*data);

  sdk::ValidationErrors errors;
  if (kind == DataKind::constat) {
    auto c = sdk::parse_constat(*data, errors);
    if (!c) return Status::permanent(id_ + ": the insurer's constat is not valid: " + explain(errors, *scope));
    return sdk::to_json(*c);
  }
  // An insurer's answer rarely carries our bookkeeping fields: fill what the query itself says.
  Json& d = *data;
  if (!d.contains("verificationId"))
    d["verificationId"] = sdk::deterministic_event_id(id_ + ":vehicle:" + country + ":" + key + ":" + as_of + ":" + resp.body);
  if (!d.contains("insurerId")) d["insurerId"] = id_;
  if (!d.contains("asOf")) d["asOf"] = as_of;
  if (!d.contains("verifiedAt")) d["verifiedAt"] = sdk::now_rfc3339(context_->now());
  if (!d.contains("vehicle") || !d["vehicle"].is_object()) d["vehicle"] = Json::object();
  if (!d["vehicle"].contains("registrationNumber")) d["vehicle"]["registrationNumber"] = key;
  if (!d["vehicle"].contains("registrationCountry")) d["vehicle"]["registrationCountry"] = country;
  auto v = sdk::parse_vehicle_verification(d, errors);
  if (!v) return Status::permanent(id_ + ": the insurer's vehicle answer is not valid: " + explain(errors, *scope));
  return sdk::to_json(*v);
}

}  // namespace passerelle::generic_rest
