// A constat (EAS boxes 1-15) between the canonical model and SAA's "corps" of CONSTAT_CREE and
// CONSTAT_MODIFIE messages (also the answer of GET /api/v1/constats/{numeroConstat}).
#pragma once

#include <string>

#include "passerelle/sdk/model.hpp"
#include "saa_canonical_complement.hpp"
#include "saa_field_reader.hpp"

namespace passerelle::saa {

// Canonical -> SAA. Values SAA cannot hold exactly are added to `complement`; extensions are
// not written here (see saa_extra_fields.hpp).
Json saa_constat_body(const sdk::Constat& constat, CanonicalComplement& complement);

// SAA -> canonical `data` (without extensions). Problems are named from `saa_path` ("corps").
Json canonical_constat_data(const Json& body, const std::string& saa_path, InboundState& state);

}  // namespace passerelle::saa
