// Internal to the SDK: parse_constat / parse_vehicle_verification that also tell whether
// to_json() of the result would differ from the input, so parse_cloud_event() can keep the
// input's `data` instead of rebuilding it (a third of its cost).
#pragma once

#include <optional>
#include <string>

#include "passerelle/sdk/model_json.hpp"

namespace passerelle::sdk::detail {

// `differs` is false only if to_json(*result) would serialise exactly as `j` does, apart from
// null members (which the caller checks: a null member reads as absent).
std::optional<Constat> parse_constat_tracked(const Json& j, ValidationErrors& errors, const std::string& root,
                                             const ValidationOptions& options, bool& differs);
std::optional<VehicleVerification> parse_vehicle_verification_tracked(const Json& j, ValidationErrors& errors,
                                                                      const std::string& root,
                                                                      const ValidationOptions& options, bool& differs);

}  // namespace passerelle::sdk::detail
