// What each insurer's API answers, as pure functions of the world: the HTTP plumbing, auth and
// faults are in simulator.cpp. Bodies follow what the adapters parse:
//   SAA   plugins/saa/src/saa_gateway.cpp, saa_rest_mapping.cpp (French model)
//   Trust plugins/trust/src/trust_rest.cpp and its mappings (English model)
//   CAAR  config/insurers/caar.yaml read by plugins/generic-rest (snake_case model)
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim_util.hpp"

namespace passerelle::sim {

struct Reply {
  int status = 200;
  Json body = Json::object();
  std::vector<std::pair<std::string, std::string>> headers;
};

struct Now {
  std::chrono::system_clock::time_point at = std::chrono::system_clock::now();
  std::time_t wall() const { return std::chrono::system_clock::to_time_t(at); }
};

// An error body in the insurer's own style; `status` picks the code word.
Json error_body(Insurer insurer, int status, const std::string& message);
Reply error_reply(Insurer insurer, int status, const std::string& message);

// SAA: GET /api/v1/vehicules/{immatriculation}/attestation?date=dd/MM/yyyy, /polices/{n}, /constats/{n}.
Reply saa_attestation(const Json& saa, const std::string& plate, const std::optional<std::string>& date, const Now& now,
                      std::uint64_t seq);
Reply saa_police(const Json& saa, const std::string& number);
Reply saa_constat(const Json& saa, const std::string& number);

// Trust: GET /v2/vehicles/{plate}/coverage?asOf=YYYY-MM-DD&country=CC, /v2/policies/{n},
// /v2/accident-reports/{ref}.
Reply trust_coverage(const Json& trust, const std::string& plate, const std::optional<std::string>& as_of,
                     const std::optional<std::string>& country, const Now& now, std::uint64_t seq);
Reply trust_policy(const Json& trust, const std::string& number);
Reply trust_report(const Json& trust, const std::string& ref);

// CAAR: GET /api/v1/vehicles/{registration}/coverage?date=YYYY-MM-DD, /api/v1/policies/{n},
// /api/v1/claims/{id}; deliveries POST /api/v1/claims, PUT /api/v1/claims/{id},
// POST /api/v1/vehicle-checks (they change the world).
Reply caar_coverage(const Json& caar, const std::string& plate, const std::optional<std::string>& date, const Now& now,
                    std::uint64_t seq);
Reply caar_policy(const Json& caar, const std::string& number);
Reply caar_claim(const Json& caar, const std::string& id);

struct CaarBook {
  std::uint64_t next_reference = 1;
  std::map<std::string, std::string> references;  // claim_number -> CAAR's own file reference
  std::uint64_t claims_created = 0;
  std::uint64_t claims_updated = 0;
  std::uint64_t vehicle_checks_recorded = 0;
  std::uint64_t total() const { return claims_created + claims_updated + vehicle_checks_recorded; }
};
Reply caar_create_claim(Json& caar, const std::string& body, const Now& now, CaarBook& book);
Reply caar_update_claim(Json& caar, const std::string& id, const std::string& body, const Now& now, CaarBook& book);
Reply caar_record_check(Json& caar, const std::string& body, const Now& now, CaarBook& book);

}  // namespace passerelle::sim
