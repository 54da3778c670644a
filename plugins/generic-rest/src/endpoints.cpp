#include "endpoints.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

namespace passerelle::generic_rest {
namespace {

struct OperationInfo {
  Operation op;
  const char* name;
  bool required;
  const char* default_method;
  std::vector<std::string> methods;
  std::vector<std::string> placeholders;
};

const std::vector<OperationInfo>& operations() {
  static const std::vector<OperationInfo> ops = {
      {Operation::constat_created, "constat_created", true, "POST", {"POST", "PUT", "PATCH"}, {"constatId", "revision", "eventId"}},
      {Operation::constat_updated, "constat_updated", true, "PUT", {"POST", "PUT", "PATCH"}, {"constatId", "revision", "eventId"}},
      {Operation::vehicle_verified, "vehicle_verified", false, "POST", {"POST", "PUT", "PATCH"},
       {"registration", "registrationCountry", "verificationId", "asOf", "eventId"}},
      {Operation::query_vehicle, "query_vehicle", false, "GET", {"GET"}, {"registration", "registrationCountry", "asOf", "key"}},
      {Operation::query_policy, "query_policy", false, "GET", {"GET"}, {"policyNumber", "asOf", "key"}},
      {Operation::query_constat, "query_constat", false, "GET", {"GET"}, {"constatId", "key"}},
  };
  return ops;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

// The {names} of a template; false on an unbalanced brace.
bool template_names(const std::string& t, std::vector<std::string>& names) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '}') return false;
    if (t[i] != '{') continue;
    const auto close = t.find('}', i + 1);
    if (close == std::string::npos) return false;
    const std::string name = t.substr(i + 1, close - i - 1);
    if (name.empty() || name.find('{') != std::string::npos) return false;
    names.push_back(name);
    i = close;
  }
  return true;
}

}  // namespace

const char* to_string(Operation op) noexcept {
  for (const auto& info : operations())
    if (info.op == op) return info.name;
  return "?";
}

std::map<Operation, Endpoint> parse_endpoints(const Json& j, std::vector<std::string>& problems) {
  std::map<Operation, Endpoint> out;
  if (!j.is_object()) {
    problems.push_back("endpoints: must be an object of operations");
    return out;
  }
  std::set<std::string> known;
  for (const auto& info : operations()) known.insert(info.name);
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!known.count(it.key())) {
      std::vector<std::string> names(known.begin(), known.end());
      problems.push_back("endpoints." + it.key() + ": unknown operation (known: " + join(names) + ")");
    }
  }
  for (const auto& info : operations()) {
    const std::string where = std::string("endpoints.") + info.name;
    if (!j.contains(info.name)) {
      if (info.required)
        problems.push_back(where + ": required: {method, path} of the insurer call for this operation");
      continue;
    }
    const Json& e = j[info.name];
    if (!e.is_object()) {
      problems.push_back(where + ": must be an object {method, path}");
      continue;
    }
    for (auto k = e.begin(); k != e.end(); ++k)
      if (k.key() != "method" && k.key() != "path") problems.push_back(where + "." + k.key() + ": unknown key (allowed: method, path)");
    Endpoint ep;
    ep.method = info.default_method;
    if (e.contains("method")) {
      std::string m = e["method"].is_string() ? e["method"].get<std::string>() : "";
      std::transform(m.begin(), m.end(), m.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      if (std::find(info.methods.begin(), info.methods.end(), m) == info.methods.end())
        problems.push_back(where + ".method: must be one of " + join(info.methods));
      else
        ep.method = m;
    }
    if (!e.contains("path") || !e["path"].is_string() || e["path"].get<std::string>().empty() ||
        e["path"].get<std::string>().front() != '/') {
      problems.push_back(where + ".path: required: a path relative to base_url, starting with '/'");
      continue;
    }
    ep.path = e["path"].get<std::string>();
    std::vector<std::string> names;
    if (!template_names(ep.path, names)) {
      problems.push_back(where + ".path: unbalanced '{' or '}' in the template");
      continue;
    }
    for (const auto& n : names) {
      if (std::find(info.placeholders.begin(), info.placeholders.end(), n) == info.placeholders.end())
        problems.push_back(where + ".path: unknown placeholder {" + n + "} (this operation knows: " +
                           join(info.placeholders) + ")");
    }
    out[info.op] = ep;
  }
  return out;
}

std::string url_encode(std::string_view value) {
  std::string out;
  char buf[4];
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::optional<std::string> expand_path(const std::string& t, const std::map<std::string, std::string>& values,
                                       std::string& missing) {
  std::string out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') {
      out += t[i];
      continue;
    }
    const auto close = t.find('}', i + 1);
    const std::string name = t.substr(i + 1, close - i - 1);
    auto it = values.find(name);
    if (it == values.end()) {
      missing = name;
      return std::nullopt;
    }
    out += url_encode(it->second);
    i = close;
  }
  return out;
}

}  // namespace passerelle::generic_rest
