// The whole configuration of one generic-rest adapter, parsed from its settings with every
// cross-field check; configure() either gets a complete AdapterConfig or the list of problems.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth_header.hpp"
#include "endpoints.hpp"
#include "envelope.hpp"
#include "mapping_spec.hpp"
#include "passerelle/sdk/settings.hpp"

namespace passerelle::generic_rest {

struct AdapterConfig {
  std::string base_url;
  AuthSpec auth;
  std::map<Operation, Endpoint> endpoints;
  EnvelopeSpec envelope;
  std::optional<Scope> constat;
  std::optional<Scope> vehicle_verification;
  std::optional<Scope> policy;
  std::vector<std::string> inbound_topics;

  const Scope* mapping(DataKind kind) const;
  const Endpoint* endpoint(Operation op) const;
};

// Problems name the exact setting path ("mapping.constat.fields[3].provider: ...").
std::optional<AdapterConfig> parse_config(const sdk::Settings& settings, std::vector<std::string>& problems);

}  // namespace passerelle::generic_rest
