#include "api_keys.hpp"

#include <algorithm>

#include "sha256.hpp"

namespace passerelle::host {

bool ApiKey::has_scope(const std::string& scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end() ||
         (scope.rfind("inbound:", 0) == 0 && std::find(scopes.begin(), scopes.end(), "inbound:*") != scopes.end());
}

int AuthResult::http_status() const {
  switch (outcome) {
    case AuthOutcome::allowed: return 200;
    case AuthOutcome::missing:
    case AuthOutcome::wrong_key: return 401;
    case AuthOutcome::wrong_scope: return 403;
    case AuthOutcome::key_in_query: return 400;
  }
  return 401;
}

std::string AuthResult::message() const {
  switch (outcome) {
    case AuthOutcome::allowed: return "ok";
    case AuthOutcome::missing: return "an API key is required in the X-API-Key header";
    case AuthOutcome::wrong_key: return "the API key is not valid";
    case AuthOutcome::wrong_scope: return "the API key \"" + key_name + "\" does not have the scope this route needs";
    case AuthOutcome::key_in_query: return "API keys are not accepted in the query string; use the X-API-Key header";
  }
  return "unauthorized";
}

AuthResult ApiKeyStore::check(const std::optional<std::string>& presented, bool in_query,
                              const std::string& scope) const {
  AuthResult r;
  if (in_query) {
    r.outcome = AuthOutcome::key_in_query;
    return r;
  }
  if (!presented || presented->empty()) {
    r.outcome = AuthOutcome::missing;
    return r;
  }
  const std::string hash = sha256_hex(*presented);
  const ApiKey* match = nullptr;
  // Every stored hash is compared, in constant time, whatever matched first.
  for (const auto& k : keys_)
    if (constant_time_equal(hash, k.sha256) && !match) match = &k;
  if (!match) {
    r.outcome = AuthOutcome::wrong_key;
    return r;
  }
  r.key_name = match->name;
  r.outcome = match->has_scope(scope) ? AuthOutcome::allowed : AuthOutcome::wrong_scope;
  return r;
}

}  // namespace passerelle::host
