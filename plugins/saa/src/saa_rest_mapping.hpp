// SAA's REST answers (French model) -> canonical JSON for the host's gateway.
//
//   GET /api/v1/vehicules/{immatriculation}/attestation?date=dd/MM/yyyy -> vehicle.verified data
//   GET /api/v1/polices/{numeroPolice}                                  -> policy object
//   GET /api/v1/constats/{numeroConstat}                                -> constat data
#pragma once

#include <optional>
#include <string>

#include "passerelle/sdk/status.hpp"
#include "saa_field_reader.hpp"
#include "saa_settings.hpp"

namespace passerelle::saa {

struct VehicleRequest {
  std::string registration_number;  // normalised
  std::string as_of;                // canonical date
  std::optional<std::string> request_ref;
  std::optional<std::string> constat_id;
  std::string verification_id;  // used when SAA's answer carries no idAttestation
  std::string now;              // RFC 3339, used when SAA's answer carries no time
};

// 200: SAA's attestation. The verdict is SAA's policy state, and the requested day must fall
// within the policy's dates.
sdk::Result<Json> verification_from_attestation(const Json& attestation, const VehicleRequest& request,
                                                const Config& config);
// 404: SAA does not know the vehicle.
Json verification_vehicle_not_found(const VehicleRequest& request, const Config& config);

// The policy object (no canonical event carries one; its fields use canonical names):
// {insurerId, policyNumber, status: active|expired|suspended|cancelled, validFrom, validTo,
//  guarantees, policyholder: Person, vehicles: [{registrationNumber, registrationCountry, vin,
//  make, model, year}], agency: {code, name, address, phone}, extensions}
sdk::Result<Json> policy_from_saa(const Json& police, const Config& config);

sdk::Result<Json> constat_from_saa(const Json& constat, const Config& config);

}  // namespace passerelle::saa
