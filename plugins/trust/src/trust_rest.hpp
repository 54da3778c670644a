// The gateway's GETs against Trust's REST API (v2), authenticated with "Authorization: ApiKey <key>":
//   vehicle  GET /v2/vehicles/{plate}/coverage?asOf=YYYY-MM-DD&country=CC -> vehicle.verified data
//   policy   GET /v2/policies/{policyNumber}                            -> canonical policy object
//   constat  GET /v2/accident-reports/{reportRef}                       -> constat data
#pragma once

#include <string>

#include "passerelle/sdk/adapter.hpp"
#include "trust_settings.hpp"

namespace passerelle::trust {

sdk::Result<sdk::Json> run_gateway_query(const sdk::GatewayQuery& query, const TrustConfig& config,
                                         sdk::HostContext& context);

// RFC 3986 percent-encoding of one path segment (plates hold spaces, policy numbers slashes).
std::string encode_path_segment(const std::string& s);

}  // namespace passerelle::trust
