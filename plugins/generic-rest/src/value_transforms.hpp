// Value transforms of a mapping rule: how one canonical value is written for the insurer and
// read back. Each transform works in both directions; the mapping engine checks on every value
// that reading back what was written gives the original, and keeps the original in the
// unmapped area when it does not (a date format without seconds, a passthrough value that
// collides with a table entry), so a lossy format never loses data.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "canonical_schema.hpp"
#include "json_pointer.hpp"
#include "passerelle/sdk/datetime.hpp"

namespace passerelle::generic_rest {

struct DateFormat {
  enum class Canonical { datetime, date };
  enum class Provider { pattern, epoch_seconds, epoch_millis };
  Canonical canonical = Canonical::datetime;
  Provider provider = Provider::pattern;
  std::string pattern;          // strftime-like: %Y %m %d %H %M %S %f %z %:z %%
  bool pattern_has_offset = false;
  bool has_offset = false;      // `offset` set: the insurer's local time zone
  int offset_minutes = 0;
  bool offset_is_z = false;
};

struct Transform {
  enum class Kind { identity, date_format, value_table, constant, bool_strings };
  Kind kind = Kind::identity;
  DateFormat date;
  std::vector<std::pair<std::string, Json>> table;  // canonical -> provider, in config order
  bool passthrough = false;                         // value_table: unknown values go through as they are
  Json constant;
  Json true_value, false_value;
};

const char* to_string(Transform::Kind k) noexcept;

// Parses the `transform` object found at `where` (e.g. "mapping.constat.fields[2].transform").
// `target` is the canonical field the rule writes (nullptr when unknown) and is used for the
// cross checks: a value table must cover every value of a closed list, a date format must
// match a date or date-time field, bool_strings needs a boolean. Problems are appended as
// "<where>.<key>: <message>".
std::optional<Transform> parse_transform(const Json& j, const std::string& where, const SchemaNode* target,
                                         std::vector<std::string>& problems);

// Canonical -> provider. nullopt when the value cannot be expressed for the insurer (not in a
// value table, not a date); the caller then keeps it in the unmapped area.
std::optional<Json> to_provider(const Transform& t, const Json& canonical);

// Provider -> canonical. On failure `error` says why, without the value when it may be
// personal data (dates of birth).
struct ReadBack {
  std::optional<Json> value;
  std::string error;
};
ReadBack to_canonical(const Transform& t, const Json& provider);

// Exposed for tests and for the README examples.
std::string format_with_pattern(const std::string& pattern, const sdk::DateTime& dt);
std::optional<sdk::DateTime> parse_with_pattern(const std::string& pattern, std::string_view text, bool& saw_offset);
// "+01:00", "-05:30", "Z"
std::optional<std::pair<int, bool>> parse_offset(std::string_view text);

}  // namespace passerelle::generic_rest
