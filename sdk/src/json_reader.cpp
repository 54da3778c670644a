#include "json_reader.hpp"

#include <algorithm>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::sdk::detail {

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

JsonReader::JsonReader(const Json& j, std::string path, ValidationErrors& errors)
    : j_(j), path_(std::move(path)), errors_(errors) {
  if (!j_.is_object()) {
    errors_.add(path_, "must be an object");
    valid_ = false;
  }
}

JsonReader::~JsonReader() {
  if (!valid_ || seen_.size() == j_.size()) return;
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    if (std::find(seen_.begin(), seen_.end(), &it.value()) == seen_.end())
      errors_.add(child(it.key()), "unknown field");
  }
}

void JsonReader::error(std::string_view key, const std::string& message) { errors_.add(child(key), message); }

const Json* JsonReader::take(std::string_view key, bool required) {
  if (!valid_) return nullptr;
  auto it = j_.find(key);
  if (it != j_.end() && std::find(seen_.begin(), seen_.end(), &*it) == seen_.end()) seen_.push_back(&*it);
  if (it == j_.end() || it->is_null()) {
    if (required) error(key, "required");
    return nullptr;
  }
  return &*it;
}

const Json* JsonReader::raw(std::string_view key, bool required) { return take(key, required); }

std::optional<std::string> JsonReader::str(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(key, "must be a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> JsonReader::nonempty(std::string_view key, bool required) {
  auto s = str(key, required);
  if (s && s->empty()) {
    error(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> JsonReader::one_of(std::string_view key, bool required,
                                              const std::vector<std::string>& allowed) {
  auto s = str(key, required);
  if (!s) return s;
  for (const auto& a : allowed)
    if (a == *s) return s;
  error(key, "must be one of: " + join(allowed) + " (got \"" + *s + "\")");
  return std::nullopt;
}

std::optional<std::string> JsonReader::date(std::string_view key, bool required) {
  auto s = str(key, required);
  if (s && !parse_date(*s)) {
    error(key, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> JsonReader::datetime(std::string_view key, bool required) {
  auto s = str(key, required);
  if (s && !parse_datetime(*s)) {
    error(key, "must be an RFC 3339 date-time with an offset");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> JsonReader::boolean(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    error(key, "must be a boolean");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::int64_t> JsonReader::integer(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    error(key, "must be an integer");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> JsonReader::number(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(key, "must be a number");
    return std::nullopt;
  }
  return v->get<double>();
}

const Json* JsonReader::object(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (v && !v->is_object()) {
    error(key, "must be an object");
    return nullptr;
  }
  return v;
}

const Json* JsonReader::array(std::string_view key, bool required) {
  const Json* v = take(key, required);
  if (v && !v->is_array()) {
    error(key, "must be an array");
    return nullptr;
  }
  return v;
}

}  // namespace passerelle::sdk::detail
