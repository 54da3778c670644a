#include "env_substitution.hpp"

#include <cctype>
#include <cstdlib>

namespace passerelle::host {

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

std::string substitute_env(const std::string& text, const EnvLookup& lookup, std::vector<std::string>& missing) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 3, "$${") == 0) {
      out += "${";
      i += 3;
      continue;
    }
    if (text.compare(i, 2, "${") != 0) {
      out += text[i++];
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    std::string body = text.substr(i + 2, close - i - 2);
    std::optional<std::string> fallback;
    if (auto sep = body.find(":-"); sep != std::string::npos) {
      fallback = body.substr(sep + 2);
      body = body.substr(0, sep);
    }
    bool valid_name = !body.empty() && !std::isdigit(static_cast<unsigned char>(body[0]));
    for (char c : body) valid_name = valid_name && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (!valid_name) {
      out += text.substr(i, close - i + 1);
    } else if (auto v = lookup(body); v && !v->empty()) {
      out += *v;
    } else if (fallback) {
      out += *fallback;
    } else if (v) {
      out += *v;  // set but empty, no fallback: empty is what the operator asked for
    } else {
      missing.push_back(body);
    }
    i = close + 1;
  }
  return out;
}

}  // namespace passerelle::host
