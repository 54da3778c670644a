// Trust's coverageCheck <-> the canonical vehicle.verified data. The same shape is Trust's
// answer to GET /v2/vehicles/{plate}/coverage, so the gateway query reuses it.
#pragma once

#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "trust_reader.hpp"

namespace passerelle::trust {

struct CoverageRead {
  sdk::VehicleVerification verification;  // extensions left empty, as for reports
  Json trust_fields = Json::object();     // productCode, customFields
};

// `trust_fields` is extensions.<adapter id> of the verification, or null: productCode goes to
// its own field, "unmappedFields" back where Trust sent it, the rest to customFields (a
// non-string productCode is left to x-canonical).
Json coverage_to_trust(const sdk::VehicleVerification& v, const Json& trust_fields);
std::optional<CoverageRead> coverage_from_trust(const Json& check, const std::string& path, ReadContext& ctx);

}  // namespace passerelle::trust
