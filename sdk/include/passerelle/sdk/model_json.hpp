// JSON form of the canonical model, with validation that names the JSON path of every problem.
#pragma once

#include <string>

#include "passerelle/sdk/model.hpp"
#include "passerelle/sdk/status.hpp"
#include "passerelle/sdk/validation.hpp"

namespace passerelle::sdk {

struct ValidationOptions {
  // Wilaya codes accepted in Algerian registration numbers and addresses ("01".."58" today;
  // a setting because new wilayas have been created before).
  int wilaya_min = 1;
  int wilaya_max = 58;
};

// Parse and validate. On failure, `errors` holds one issue per problem, paths rooted at `root`
// (e.g. "data" gives "data.sides[1].insurance.policyNumber"). Unknown fields are rejected:
// the canonical model keeps insurer-specific data under `extensions.<insurerId>`.
// Algerian registration numbers ("DZ") are normalised (spaces become dashes).
std::optional<Constat> parse_constat(const Json& j, ValidationErrors& errors, const std::string& root = "data",
                                     const ValidationOptions& options = {});
std::optional<VehicleVerification> parse_vehicle_verification(const Json& j, ValidationErrors& errors,
                                                              const std::string& root = "data",
                                                              const ValidationOptions& options = {});

// Validate an already built value (an adapter's mapping output) by serialising and re-parsing it.
ValidationErrors validate(const Constat& c, const std::string& root = "data", const ValidationOptions& options = {});
ValidationErrors validate(const VehicleVerification& v, const std::string& root = "data",
                          const ValidationOptions& options = {});

Json to_json(const Constat& c);
Json to_json(const VehicleVerification& v);
Json to_json(const Person& p);
Json to_json(const Address& a);

}  // namespace passerelle::sdk
