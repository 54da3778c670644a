// The insurer's API key header (setting `auth`). The value never appears in a message or log.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "json_pointer.hpp"
#include "passerelle/sdk/delivery.hpp"

namespace passerelle::generic_rest {

struct AuthSpec {
  bool enabled = false;
  std::string header;  // e.g. "X-CAAR-Key" or "Authorization"
  std::string prefix;  // e.g. "Bearer "
  std::string value;   // the secret, ${ENV} already substituted by the host
};

std::optional<AuthSpec> parse_auth(const Json& j, std::vector<std::string>& problems);
void add_auth(const AuthSpec& auth, sdk::Headers& headers);

}  // namespace passerelle::generic_rest
