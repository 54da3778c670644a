#include "trust_unmapped.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace passerelle::trust {
namespace {

using Segment = std::variant<std::string, std::size_t>;

// "a.b[2].c" -> a, b, 2, c. Keys holding '.', '[' or ']' cannot be told apart from the
// separators, so such paths are refused rather than guessed.
std::optional<std::vector<Segment>> split_path(const std::string& path) {
  std::vector<Segment> out;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    if (end == i) return std::nullopt;
    const std::string key = path.substr(i, end - i);
    if (key.find(']') != std::string::npos) return std::nullopt;
    out.emplace_back(key);
    i = end;
    while (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1) return std::nullopt;
      std::size_t n = 0;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (path[k] < '0' || path[k] > '9' || n > 1000000) return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      out.emplace_back(n);
      i = close + 1;
    }
    if (i < path.size()) {
      if (path[i] != '.' || i + 1 == path.size()) return std::nullopt;
      ++i;
    }
  }
  if (out.empty() || !std::holds_alternative<std::string>(out.back())) return std::nullopt;
  return out;
}

bool place_one(sdk::Json& root, const std::string& path, const sdk::Json& value) {
  auto segments = split_path(path);
  if (!segments) return false;
  sdk::Json* node = &root;
  for (std::size_t s = 0; s + 1 < segments->size(); ++s) {
    const Segment& seg = (*segments)[s];
    if (const auto* key = std::get_if<std::string>(&seg)) {
      if (!node->is_object() || !node->contains(*key)) return false;
      node = &(*node)[*key];
    } else {
      const std::size_t idx = std::get<std::size_t>(seg);
      if (!node->is_array() || idx >= node->size()) return false;
      node = &(*node)[idx];
    }
  }
  const std::string& last = std::get<std::string>(segments->back());
  if (!node->is_object() || node->contains(last)) return false;
  (*node)[last] = value;
  return true;
}

}  // namespace

bool place_unmapped_fields(sdk::Json& envelope, const sdk::Json& unmapped) {
  if (!unmapped.is_object()) return false;
  sdk::Json attempt = envelope;
  for (auto it = unmapped.begin(); it != unmapped.end(); ++it) {
    if (!place_one(attempt, it.key(), *it)) return false;
  }
  envelope = std::move(attempt);
  return true;
}

}  // namespace passerelle::trust
