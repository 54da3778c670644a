#include "trust_reader.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::trust {

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

TrustReader::TrustReader(const Json& j, std::string path, ReadContext& ctx) : j_(j), path_(std::move(path)), ctx_(ctx) {
  if (!j_.is_object()) {
    ctx_.errors.add(path_.empty() ? "$" : path_, "must be an object");
    valid_ = false;
  }
}

TrustReader::~TrustReader() {
  if (!valid_) return;
  try {
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!seen_.count(it.key())) ctx_.unmapped[child(it.key())] = it.value();
    }
  } catch (...) {
    // Only allocation can fail here; a destructor must not throw.
  }
}

void TrustReader::error(const std::string& key, const std::string& message) { ctx_.errors.add(child(key), message); }

const Json* TrustReader::take(const std::string& key, bool required) {
  if (!valid_) return nullptr;
  seen_.insert(key);
  auto it = j_.find(key);
  if (it == j_.end() || it->is_null()) {
    if (required) error(key, "required");
    return nullptr;
  }
  return &*it;
}

const Json* TrustReader::raw(const std::string& key) { return take(key, false); }

std::optional<std::string> TrustReader::str(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(key, "must be a string");
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<std::string> TrustReader::text(const std::string& key, bool required) {
  auto s = str(key, required);
  if (s && s->empty()) {
    error(key, "must not be empty");
    return std::nullopt;
  }
  return s;
}

std::optional<bool> TrustReader::flag(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    error(key, "must be a boolean (true or false)");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::int64_t> TrustReader::integer(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer() || (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
    error(key, "must be an integer");
    return std::nullopt;
  }
  return v->get<std::int64_t>();
}

std::optional<double> TrustReader::number(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    error(key, "must be a number");
    return std::nullopt;
  }
  return v->get<double>();
}

std::optional<std::string> TrustReader::date(const std::string& key, bool required) {
  auto s = str(key, required);
  if (s && !sdk::parse_date(*s)) {
    // Not quoted: dates of birth are personal data.
    error(key, "must be a date YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> TrustReader::timestamp(const std::string& key, bool required) {
  auto s = str(key, required);
  if (s && !sdk::parse_datetime(*s)) {
    error(key, "must be an ISO 8601 UTC timestamp such as 2026-11-20T13:35:00.000Z (got \"" + *s + "\")");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> TrustReader::country(const std::string& key, bool required) {
  auto s = str(key, required);
  if (s && !(s->size() == 2 && std::all_of(s->begin(), s->end(), [](char c) { return c >= 'A' && c <= 'Z'; }))) {
    error(key, "must be an ISO 3166 alpha-2 country code such as DZ (got \"" + *s + "\")");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> TrustReader::wilaya(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (!v) return std::nullopt;
  const int lo = ctx_.validation.wilaya_min;
  const int hi = ctx_.validation.wilaya_max;
  if (!v->is_number_integer() || v->get<std::int64_t>() < lo || v->get<std::int64_t>() > hi) {
    error(key, "must be a wilaya number " + std::to_string(lo) + ".." + std::to_string(hi));
    return std::nullopt;
  }
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(v->get<std::int64_t>()));
  return std::string(buf);
}

std::optional<std::string> TrustReader::code(const std::string& key, bool required, const CodeTable& table) {
  auto s = str(key, required);
  if (!s) return s;
  auto c = table.to_canonical(*s);
  if (!c) error(key, "unknown code \"" + *s + "\" (expected one of: " + table.trust_codes() + ")");
  return c;
}

const Json* TrustReader::object(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (v && !v->is_object()) {
    error(key, "must be an object");
    return nullptr;
  }
  return v;
}

const Json* TrustReader::array(const std::string& key, bool required) {
  const Json* v = take(key, required);
  if (v && !v->is_array()) {
    error(key, "must be an array");
    return nullptr;
  }
  return v;
}

}  // namespace passerelle::trust
