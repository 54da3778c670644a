#include "auth_header.hpp"

#include <algorithm>
#include <cctype>

namespace passerelle::generic_rest {

std::optional<AuthSpec> parse_auth(const Json& j, std::vector<std::string>& problems) {
  AuthSpec a;
  if (j.is_null()) return a;
  if (!j.is_object()) {
    problems.push_back("auth: must be an object {header, value, prefix?}");
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  for (auto it = j.begin(); it != j.end(); ++it)
    if (it.key() != "header" && it.key() != "value" && it.key() != "prefix")
      problems.push_back("auth." + it.key() + ": unknown key (allowed: header, value, prefix)");
  const bool header_ok = j.contains("header") && j["header"].is_string() && !j["header"].get<std::string>().empty() &&
                         std::all_of(j["header"].get_ref<const std::string&>().begin(),
                                     j["header"].get_ref<const std::string&>().end(), [](unsigned char c) {
                                       return std::isalnum(c) || c == '-' || c == '_';
                                     });
  if (!header_ok) problems.push_back("auth.header: required: the header name, e.g. X-Api-Key or Authorization");
  if (!j.contains("value") || !j["value"].is_string() || j["value"].get<std::string>().empty()) {
    problems.push_back("auth.value: required: the key, usually \"${INSURER_API_KEY}\" substituted by the host");
  } else if (j["value"].get<std::string>().find("${") != std::string::npos) {
    // The message must not quote the value: if substitution half-worked it holds part of a key.
    problems.push_back("auth.value: still holds a ${...} placeholder; the host did not substitute it (is the "
                       "environment variable set?)");
  } else if (std::any_of(j["value"].get_ref<const std::string&>().begin(), j["value"].get_ref<const std::string&>().end(),
                         [](unsigned char c) { return c < 0x20 || c == 0x7f; })) {
    problems.push_back("auth.value: contains a control character (a trailing newline from a secrets file?)");
  }
  if (j.contains("prefix") && !j["prefix"].is_string()) problems.push_back("auth.prefix: must be a string such as \"Bearer \"");
  if (problems.size() != before) return std::nullopt;
  a.enabled = true;
  a.header = j["header"].get<std::string>();
  a.value = j["value"].get<std::string>();
  a.prefix = j.value("prefix", "");
  return a;
}

void add_auth(const AuthSpec& auth, sdk::Headers& headers) {
  if (auth.enabled) headers[auth.header] = auth.prefix + auth.value;
}

}  // namespace passerelle::generic_rest
