#include "json_pointer.hpp"

#include <sstream>

#include <algorithm>

namespace passerelle::generic_rest {

bool is_index_token(std::string_view token) {
  if (token == "-") return true;
  if (token.empty()) return false;
  return std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Pointer> Pointer::parse(std::string_view text, std::string& why) {
  if (text.empty() || text.front() != '/') {
    why = "not a JSON pointer (it must start with '/', e.g. /claim/number)";
    return std::nullopt;
  }
  Pointer p;
  std::string token;
  for (std::size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/') {
      if (token.empty()) {
        std::ostringstream m;
        m << "not a JSON pointer this mapping accepts: empty member name in \"" << text << '"';
        why = m.str();
        return std::nullopt;
      }
      if (is_index_token(token)) {
        // Built with a stream: GCC 12 at -O3 reports a false -Wrestrict on `"literal" + std::string`
        // (GCC PR 105329), which would break Release builds under -Werror.
        std::ostringstream m;
        m << '"' << text << "\" addresses an array element (\"" << token
          << "\"); map arrays with an `each` rule, or the whole array with one rule";
        why = m.str();
        return std::nullopt;
      }
      p.tokens_.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (text[i] == '~') {
      if (i + 1 >= text.size() || (text[i + 1] != '0' && text[i + 1] != '1')) {
        why = "not a JSON pointer: '~' must be followed by 0 or 1 in \"" + std::string(text) + "\"";
        return std::nullopt;
      }
      token += text[i + 1] == '0' ? '~' : '/';
      ++i;
      continue;
    }
    token += text[i];
  }
  return p;
}

Pointer Pointer::from_tokens(std::vector<std::string> tokens) {
  Pointer p;
  p.tokens_ = std::move(tokens);
  return p;
}

std::string Pointer::str() const {
  std::string out;
  for (const auto& t : tokens_) {
    out += '/';
    for (char c : t) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  }
  return out;
}

bool Pointer::contains(const Pointer& other) const {
  return other.tokens_.size() >= tokens_.size() && std::equal(tokens_.begin(), tokens_.end(), other.tokens_.begin());
}

Pointer Pointer::child(const std::string& token) const {
  Pointer p = *this;
  p.tokens_.push_back(token);
  return p;
}

Pointer Pointer::append(const Pointer& rest) const {
  Pointer p = *this;
  p.tokens_.insert(p.tokens_.end(), rest.tokens_.begin(), rest.tokens_.end());
  return p;
}

Pointer Pointer::relative(const Pointer& inner) const {
  return from_tokens(std::vector<std::string>(inner.tokens_.begin() + static_cast<long>(tokens_.size()), inner.tokens_.end()));
}

const Json* find(const Json& root, const Pointer& p) {
  const Json* cur = &root;
  for (const auto& t : p.tokens()) {
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(t);
    if (it == cur->end()) return nullptr;
    cur = &*it;
  }
  return cur;
}

void set(Json& root, const Pointer& p, Json value) {
  Json* cur = &root;
  for (const auto& t : p.tokens()) {
    if (!cur->is_object()) *cur = Json::object();
    cur = &(*cur)[t];
  }
  *cur = std::move(value);
}

bool erase(Json& root, const Pointer& p) {
  if (p.is_root()) return false;
  Json* cur = &root;
  const auto& tokens = p.tokens();
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (!cur->is_object()) return false;
    auto it = cur->find(tokens[i]);
    if (it == cur->end()) return false;
    cur = &*it;
  }
  return cur->is_object() && cur->erase(tokens.back()) > 0;
}

void deep_merge(Json& base, const Json& overlay) {
  if (!base.is_object() || !overlay.is_object()) {
    base = overlay;
    return;
  }
  for (auto it = overlay.begin(); it != overlay.end(); ++it) {
    auto b = base.find(it.key());
    if (b != base.end() && b->is_object() && it->is_object()) deep_merge(*b, *it);
    else base[it.key()] = *it;
  }
}

}  // namespace passerelle::generic_rest
