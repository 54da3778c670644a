// JSON pointers (RFC 6901) restricted to object members.
//
// Mapping rules address object members only: arrays are mapped element by element with an
// `each` rule. Refusing index tokens ("0", "-") means every container a rule creates is an
// object, so the inbound side can rebuild the exact shape the outbound side saw.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::generic_rest {

using Json = nlohmann::json;

class Pointer {
 public:
  Pointer() = default;
  // nullopt with `why` set when `text` is not a pointer this plugin accepts.
  static std::optional<Pointer> parse(std::string_view text, std::string& why);
  static Pointer from_tokens(std::vector<std::string> tokens);

  const std::vector<std::string>& tokens() const noexcept { return tokens_; }
  bool is_root() const noexcept { return tokens_.empty(); }
  std::string str() const;  // re-escaped, "" for the root

  // True when `other` equals this pointer or lies below it.
  bool contains(const Pointer& other) const;
  bool overlaps(const Pointer& other) const { return contains(other) || other.contains(*this); }
  Pointer child(const std::string& token) const;
  Pointer append(const Pointer& rest) const;
  // The part of `inner` below this pointer (requires contains(inner)).
  Pointer relative(const Pointer& inner) const;

  bool operator==(const Pointer&) const = default;
  bool operator<(const Pointer& o) const { return tokens_ < o.tokens_; }

 private:
  std::vector<std::string> tokens_;
};

// The value at `p`, or nullptr when any step is missing or not an object.
const Json* find(const Json& root, const Pointer& p);
// Sets the value at `p`, creating (or replacing non-object) intermediate members as objects.
void set(Json& root, const Pointer& p, Json value);
// Removes the member at `p`; false when it was not there.
bool erase(Json& root, const Pointer& p);

// Objects are merged member by member; anything else in `overlay` replaces what `base` holds.
void deep_merge(Json& base, const Json& overlay);

// True for a JSON pointer token that names an array element ("0", "17", "-").
bool is_index_token(std::string_view token);

}  // namespace passerelle::generic_rest
