#include "adapter_config.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::generic_rest {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Headers the adapter or the host sets itself; an envelope attribute there would be overwritten.
const std::set<std::string> kReservedHeaders = {"content-type", "accept", "idempotency-key", "content-length", "host"};

void check_envelope_places(const AdapterConfig& c, std::vector<std::string>& problems) {
  for (const auto& [name, slot] : c.envelope.slots()) {
    if (slot->place == EnvelopeSlot::Place::header) {
      const std::string h = lower(slot->header);
      if (kReservedHeaders.count(h) || (c.auth.enabled && h == lower(c.auth.header)))
        problems.push_back(slot->where + ".header: " + slot->header +
                           " is set by the adapter or the host (Content-Type, Accept, Idempotency-Key, the auth header)");
    }
    if (slot->place != EnvelopeSlot::Place::body) continue;
    for (const Scope* scope : {c.constat ? &*c.constat : nullptr, c.vehicle_verification ? &*c.vehicle_verification : nullptr}) {
      if (!scope) continue;
      for (const auto& [p, owner] : provider_pointers(*scope)) {
        if (p.overlaps(slot->body)) {
          problems.push_back(slot->where + ".body: " + slot->body.str() + " overlaps " + p.str() + " of " + owner);
          break;
        }
      }
    }
  }
}

}  // namespace

const Scope* AdapterConfig::mapping(DataKind kind) const {
  switch (kind) {
    case DataKind::constat: return constat ? &*constat : nullptr;
    case DataKind::vehicle_verification: return vehicle_verification ? &*vehicle_verification : nullptr;
    case DataKind::policy: return policy ? &*policy : nullptr;
  }
  return nullptr;
}

const Endpoint* AdapterConfig::endpoint(Operation op) const {
  auto it = endpoints.find(op);
  return it == endpoints.end() ? nullptr : &it->second;
}

std::optional<AdapterConfig> parse_config(const sdk::Settings& settings, std::vector<std::string>& problems) {
  const std::size_t before = problems.size();
  AdapterConfig c;
  c.base_url = settings.get_string("base_url");
  if (c.base_url.rfind("https://", 0) != 0 && c.base_url.rfind("http://", 0) != 0)
    problems.push_back("base_url: must start with https:// (or http:// for a test double)");

  if (auto a = parse_auth(settings.get("auth"), problems)) c.auth = *a;
  c.endpoints = parse_endpoints(settings.get("endpoints"), problems);

  const Json& mapping = settings.get("mapping");
  if (!mapping.is_object()) {
    problems.push_back("mapping: must be an object with constat and, as needed, vehicle_verification and policy");
  } else {
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
      if (it.key() != "constat" && it.key() != "vehicle_verification" && it.key() != "policy")
        problems.push_back("mapping." + it.key() + ": unknown data kind (known: constat, vehicle_verification, policy)");
    }
    if (!mapping.contains("constat"))
      problems.push_back("mapping.constat: required: the endpoints constat_created and constat_updated send constats");
    else
      c.constat = parse_kind_mapping(mapping["constat"], DataKind::constat, "mapping.constat", problems);
    if (mapping.contains("vehicle_verification"))
      c.vehicle_verification = parse_kind_mapping(mapping["vehicle_verification"], DataKind::vehicle_verification,
                                                  "mapping.vehicle_verification", problems);
    if (mapping.contains("policy"))
      c.policy = parse_kind_mapping(mapping["policy"], DataKind::policy, "mapping.policy", problems);
    for (Operation op : {Operation::vehicle_verified, Operation::query_vehicle}) {
      if (c.endpoint(op) && !mapping.contains("vehicle_verification"))
        problems.push_back(std::string("mapping.vehicle_verification: required because endpoints.") + to_string(op) +
                           " is set");
    }
    if (c.endpoint(Operation::query_policy) && !mapping.contains("policy"))
      problems.push_back("mapping.policy: required because endpoints.query_policy is set");
  }

  std::vector<std::string> handled = {sdk::kTypeConstatCreated, sdk::kTypeConstatUpdated};
  if (mapping.is_object() && mapping.contains("vehicle_verification")) handled.push_back(sdk::kTypeVehicleVerified);
  if (auto e = parse_envelope(settings.get("envelope"), handled, problems)) c.envelope = *e;
  check_envelope_places(c, problems);

  const Json& topics = settings.get("inbound_topics");
  if (!topics.is_null()) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < topics.size(); ++i) {
      const std::string where = "inbound_topics[" + std::to_string(i) + "]";
      if (!topics[i].is_string() || topics[i].get<std::string>().empty()) problems.push_back(where + ": must be a topic name");
      else if (!seen.insert(topics[i].get<std::string>()).second) problems.push_back(where + ": listed twice");
      else c.inbound_topics.push_back(topics[i].get<std::string>());
    }
  }
  if (problems.size() != before) return std::nullopt;
  return c;
}

}  // namespace passerelle::generic_rest
