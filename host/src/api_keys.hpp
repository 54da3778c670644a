// API keys of the host's HTTP surface: stored in config as SHA-256 hashes, each with a name and
// scopes (gateway, inbound:<id>, admin, metrics). The key itself is never stored or logged.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace passerelle::host {

struct ApiKey {
  std::string name;
  std::string sha256;  // lowercase hex of the key
  std::vector<std::string> scopes;
  bool has_scope(const std::string& scope) const;
};

enum class AuthOutcome { allowed, missing, wrong_key, wrong_scope, key_in_query };

struct AuthResult {
  AuthOutcome outcome = AuthOutcome::missing;
  std::string key_name;  // set when the key matched
  int http_status() const;
  std::string message() const;
};

class ApiKeyStore {
 public:
  explicit ApiKeyStore(std::vector<ApiKey> keys) : keys_(std::move(keys)) {}
  // `presented` is the X-API-Key header (nullopt when absent); `in_query` says whether the
  // request also carried a key-like query parameter, which is refused outright.
  AuthResult check(const std::optional<std::string>& presented, bool in_query, const std::string& scope) const;
  bool empty() const { return keys_.empty(); }

 private:
  std::vector<ApiKey> keys_;
};

}  // namespace passerelle::host
