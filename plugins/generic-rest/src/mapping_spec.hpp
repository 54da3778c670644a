// The declarative mapping of one data kind (constat, vehicle_verification, policy), parsed and
// checked from the `mapping` setting. Nothing here touches data: json_pointer_mapping applies it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "canonical_schema.hpp"
#include "json_pointer.hpp"
#include "value_transforms.hpp"

namespace passerelle::generic_rest {

struct Scope;

// One rule: a canonical field <-> an insurer field, with an optional transform; or, with
// `each`, an array mapped element by element through a nested scope.
struct Rule {
  std::string where;                 // "mapping.constat.fields[3]", for messages
  std::optional<Pointer> canonical;  // absent only for insurer-side constants
  std::optional<Pointer> provider;   // absent only for canonical-side constants
  Transform transform;
  bool required = false;             // inbound: the insurer field must be present
  std::shared_ptr<const Scope> each;

  bool is_array() const noexcept { return each != nullptr; }
};

// A list of rules over one object (the data, or one array element) and where the canonical
// fields no rule covers are kept in the insurer body.
struct Scope {
  std::string where;
  std::vector<Rule> rules;
  // Always set for a top-level scope. For an array element: when set, each element carries
  // its own leftovers; when not, they go to the parent's area under "items".
  std::optional<Pointer> unmapped_to;
};

inline constexpr const char* kDefaultUnmappedTo = "/eassurance_unmapped";

// Parses mapping.<kind>: either {unmapped_to, fields: [rules]} or simply [rules].
// `where` is "mapping.constat". Problems are appended with the exact setting path.
std::optional<Scope> parse_kind_mapping(const Json& j, DataKind kind, const std::string& where,
                                        std::vector<std::string>& problems);

// Every insurer-side pointer a scope writes at its own level (rule targets and unmapped_to),
// with the setting path that declares it: used to check envelope locations against them.
std::vector<std::pair<Pointer, std::string>> provider_pointers(const Scope& scope);

}  // namespace passerelle::generic_rest
