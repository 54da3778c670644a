// A vehicle verification between the canonical vehicle.verified data and SAA's "corps" of
// VEHICULE_VERIFIE messages.
#pragma once

#include <string>

#include "passerelle/sdk/model.hpp"
#include "saa_canonical_complement.hpp"
#include "saa_field_reader.hpp"

namespace passerelle::saa {

// Canonical -> SAA (extensions are written by saa_extra_fields).
Json saa_verification_body(const sdk::VehicleVerification& verification, CanonicalComplement& complement);

// SAA -> canonical `data` (without extensions).
Json canonical_verification_data(const Json& body, const std::string& saa_path, InboundState& state);

}  // namespace passerelle::saa
