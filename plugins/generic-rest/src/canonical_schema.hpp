// The shape of canonical data, as far as mapping rules need it: which pointers name a field,
// which fields are arrays (mapped with `each`), dates, date-times, booleans and closed value
// lists. Lets configure() reject a typo such as /accident/occuredAt instead of silently never
// mapping it, and a value table that forgets a canonical status.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "json_pointer.hpp"

namespace passerelle::generic_rest {

struct SchemaNode {
  enum class Kind { object, array, leaf, free };
  enum class Leaf { string, date, datetime, boolean, integer, number, enumeration };
  Kind kind = Kind::free;
  Leaf leaf = Leaf::string;
  // Held by pointer: a node's members are nodes, and standard containers of an incomplete
  // type are not guaranteed to compile.
  std::map<std::string, std::shared_ptr<const SchemaNode>> members;  // object
  std::shared_ptr<const SchemaNode> element;                         // array
  std::vector<std::string> values;            // enumeration

  bool is_free() const noexcept { return kind == Kind::free; }
};

// The data kinds a mapping can describe; `policy` has no canonical contract, so it is free.
enum class DataKind { constat, vehicle_verification, policy };
const char* to_string(DataKind k) noexcept;

const SchemaNode& schema_for(DataKind kind);
// nullptr when `p` names no field; a free node (extensions, policy) accepts anything below it.
const SchemaNode* resolve(const SchemaNode& root, const Pointer& p);
std::string describe(const SchemaNode& node);  // "a date", "one of: draft, signed, ..."

}  // namespace passerelle::generic_rest
