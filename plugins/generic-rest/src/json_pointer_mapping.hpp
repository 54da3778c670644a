// Applies a Scope in both directions and keeps the round trip lossless.
//
// Outbound, every rule writes its insurer field; a canonical value counts as covered only when
// reading back what was written gives exactly the value (no null, no lossy date format, no
// table collision). Everything not covered — fields no rule names, lossy originals — stays in
// the canonical data minus the covered members ("residue"), which goes to the scope's unmapped
// area together with the canonical-side constants that were absent and the leftovers of array
// elements without their own area. Inbound, the rules are read back and the residue is merged
// over them, so canonical -> insurer -> canonical gives back the same data for any valid
// mapping.
//
// The unmapped area is a JSON object:
//   {"data": <residue>, "absent": ["/ptr", ...], "items": {"/sides": [<element area>, ...]},
//    "envelope": {...}}  (the last one only at the top, written by envelope.cpp)
// Members are left out when empty; an empty area is not written at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json_pointer.hpp"
#include "mapping_spec.hpp"

namespace passerelle::generic_rest {

// Canonical object -> insurer object. `area` receives the scope's unmapped area; nested array
// scopes with their own unmapped_to write theirs into each element. The caller writes the
// top-level area (it may add the envelope first).
void map_to_provider(const Scope& scope, const Json& canonical, Json& provider, Json& area);

// Insurer object -> canonical object, merging the unmapped area `area` (may be nullptr).
// `provider_path` prefixes field names in messages. On failure returns false with `error`
// naming the insurer field ("/parties/1/signed: value \"X\" is neither ...").
bool map_to_canonical(const Scope& scope, const Json& provider, const Json* area, const std::string& provider_path,
                      Json& canonical, std::string& error);

// The insurer fields no rule reads (nor unmapped_to, nor `reserved`): what the insurer sent
// that has no canonical place. Array elements are compared rule by rule; an array with
// leftovers in some elements comes back as an array with {} for the others. nullopt if none.
std::optional<Json> provider_leftovers(const Scope& scope, const Json& provider, const std::vector<Pointer>& reserved);

// `value` minus the members at `covered` (pointers relative to value). Objects emptied by the
// removal disappear, because whoever reads the covered members back recreates them; objects
// that were already empty stay. nullopt when nothing is left.
std::optional<Json> subtract(const Json& value, const std::vector<Pointer>& covered);

// The insurer field behind a canonical validation path such as
// "data.sides[1].insurance.policyNumber" ("/parties/1/policy/number"), or nullopt when no rule
// writes it.
std::optional<std::string> provider_location(const Scope& scope, const std::string& validation_path);

}  // namespace passerelle::generic_rest
