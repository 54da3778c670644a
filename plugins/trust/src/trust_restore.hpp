// payload["x-canonical"]: what Trust's own fields cannot hold, so that canonical -> Trust ->
// canonical gives back the very event that was sent (offsets and sub-millisecond fractions of
// date-times, causationid, a dataschema minor version, other insurers' extensions, CloudEvents
// extension attributes, ...).
//
// It is an RFC 6902 JSON Patch from the canonical event that Trust's fields alone give to the
// event Passerelle sent. Deriving it by diff rather than listing cases by hand means no
// canonical value can be lost, including ones added to the model later. Each replace and remove
// comes right after a "test" of the value Trust's fields gave: when Trust has changed that value
// since (a later revision of the report), the test fails, the restore is skipped and Trust's
// value wins. An add is skipped when the member now exists.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "passerelle/sdk/validation.hpp"

namespace passerelle::trust {

using Json = sdk::Json;

// The guarded patch that turns `from_trust_fields` into `sent`; empty when they are equal.
Json build_restore_patch(const Json& from_trust_fields, const Json& sent);

struct RestoreResult {
  Json event;
  std::size_t applied = 0;
  std::size_t skipped = 0;  // stale (Trust changed the value) or aimed at a protected attribute
};

// `path` names the patch in error messages. Nullopt, with an error, when it is not a JSON Patch.
std::optional<RestoreResult> apply_restore_patch(const Json& event, const Json& patch, const std::string& path,
                                                 sdk::ValidationErrors& errors);

}  // namespace passerelle::trust
