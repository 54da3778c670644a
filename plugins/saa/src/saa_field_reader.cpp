#include "saa_field_reader.hpp"

#include "saa_formats.hpp"

namespace passerelle::saa {

FieldMapper::FieldMapper(const Json& src, std::string saa_path, Json& dst, std::string canonical_path,
                         InboundState& state)
    : src_(src), saa_path_(std::move(saa_path)), dst_(dst), canonical_path_(std::move(canonical_path)), state_(state) {
  if (!src_.is_object()) {
    state_.problems.add(saa_path_, msg::kObject);
    valid_ = false;
  }
  state_.origins.record(canonical_path_, saa_path_);
}

const Json* FieldMapper::find(const std::string& saa_key, Need need) {
  if (!valid_) return nullptr;
  auto it = src_.find(saa_key);
  if (it == src_.end() || it->is_null()) {
    if (need == Need::required) problem(saa_key, msg::kRequired);
    return nullptr;
  }
  return &*it;
}

const Json* FieldMapper::object(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* v = find(saa_key, need);
  if (!v) return nullptr;
  if (!v->is_object()) {
    problem(saa_key, msg::kObject);
    return nullptr;
  }
  state_.origins.record(canonical(canonical_key), saa(saa_key));
  return v;
}

const Json* FieldMapper::array(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* v = find(saa_key, need);
  if (!v) return nullptr;
  if (!v->is_array()) {
    problem(saa_key, msg::kArray);
    return nullptr;
  }
  state_.origins.record(canonical(canonical_key), saa(saa_key));
  return v;
}

std::optional<std::string> FieldMapper::read_text(const std::string& saa_key, Need need) {
  const Json* v = find(saa_key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    problem(saa_key, msg::kString);
    return std::nullopt;
  }
  return v->get<std::string>();
}

void FieldMapper::put(const std::string& canonical_key, Json value, const std::string& saa_key) {
  dst_[canonical_key] = std::move(value);
  state_.origins.record(canonical(canonical_key), saa(saa_key));
}

void FieldMapper::text(const std::string& saa_key, const std::string& canonical_key, Need need) {
  if (auto s = read_text(saa_key, need)) put(canonical_key, *s, saa_key);
}

void FieldMapper::yes_no(const std::string& saa_key, const std::string& canonical_key, Need need) {
  auto s = read_text(saa_key, need);
  if (!s) return;
  auto b = bool_from_saa(*s);
  if (!b) {
    problem(saa_key, "doit valoir \"oui\" ou \"non\" (must be \"oui\" or \"non\"; got \"" + *s + "\")");
    return;
  }
  put(canonical_key, *b, saa_key);
}

void FieldMapper::date(const std::string& saa_key, const std::string& canonical_key, Need need) {
  auto s = read_text(saa_key, need);
  if (!s) return;
  auto d = canonical_date_from_saa(*s);
  if (!d) {
    problem(saa_key, msg::kDate);
    return;
  }
  put(canonical_key, *d, saa_key);
}

std::string restore_datetime(const CanonicalComplement* complement, const std::string& canonical_path,
                             const std::string& saa_value, const std::string& from_saa) {
  if (!complement) return from_saa;
  auto exact = complement->exact_for(canonical_path, saa_value,
                                     [](const std::string& c) { return saa_datetime_from_canonical(c); });
  return exact ? *exact : from_saa;
}

void FieldMapper::datetime(const std::string& saa_key, const std::string& canonical_key, Need need) {
  auto s = read_text(saa_key, need);
  if (!s) return;
  auto dt = canonical_datetime_from_saa(*s);
  if (!dt) {
    problem(saa_key, msg::kDateTime);
    return;
  }
  put(canonical_key, restore_datetime(state_.complement, canonical(canonical_key), *s, *dt), saa_key);
}

void FieldMapper::integer(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* v = find(saa_key, need);
  if (!v) return;
  if (!v->is_number_integer()) {
    problem(saa_key, msg::kInteger);
    return;
  }
  put(canonical_key, *v, saa_key);
}

void FieldMapper::number(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* v = find(saa_key, need);
  if (!v) return;
  if (!v->is_number()) {
    problem(saa_key, msg::kNumber);
    return;
  }
  put(canonical_key, v->get<double>(), saa_key);
}

void FieldMapper::code(const std::string& saa_key, const std::string& canonical_key, const Vocabulary& vocabulary,
                       Need need) {
  auto s = read_text(saa_key, need);
  if (!s) return;
  auto c = vocabulary.to_canonical(*s);
  if (!c) {
    problem(saa_key, "valeur inconnue \"" + *s + "\" (unknown value; expected one of: " + vocabulary.saa_codes() + ")");
    return;
  }
  put(canonical_key, *c, saa_key);
}

void FieldMapper::texts(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* arr = array(saa_key, canonical_key, need);
  if (!arr) return;
  Json out = Json::array();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if (!(*arr)[i].is_string()) state_.problems.add(index_path(saa(saa_key), i), msg::kString);
    else out.push_back((*arr)[i]);
  }
  put(canonical_key, std::move(out), saa_key);
}

void FieldMapper::integers(const std::string& saa_key, const std::string& canonical_key, Need need) {
  const Json* arr = array(saa_key, canonical_key, need);
  if (!arr) return;
  Json out = Json::array();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if (!(*arr)[i].is_number_integer()) state_.problems.add(index_path(saa(saa_key), i), msg::kInteger);
    else out.push_back((*arr)[i]);
  }
  put(canonical_key, std::move(out), saa_key);
}

void FieldMapper::codes(const std::string& saa_key, const std::string& canonical_key, const Vocabulary& vocabulary,
                        Need need) {
  const Json* arr = array(saa_key, canonical_key, need);
  if (!arr) return;
  Json out = Json::array();
  for (std::size_t i = 0; i < arr->size(); ++i) {
    const std::string p = index_path(saa(saa_key), i);
    if (!(*arr)[i].is_string()) {
      state_.problems.add(p, msg::kString);
      continue;
    }
    const auto s = (*arr)[i].get<std::string>();
    auto c = vocabulary.to_canonical(s);
    if (!c) {
      state_.problems.add(p, "valeur inconnue \"" + s + "\" (unknown value; expected one of: " + vocabulary.saa_codes() + ")");
      continue;
    }
    state_.origins.record(index_path(canonical(canonical_key), out.size()), p);
    out.push_back(*c);
  }
  put(canonical_key, std::move(out), saa_key);
}

}  // namespace passerelle::saa
