#include "json_pointer_mapping.hpp"

#include <algorithm>

namespace passerelle::generic_rest {
namespace {

bool present(const Json* v) { return v && !v->is_null(); }

// Parsed form of an unmapped area, tolerant of absent members.
struct Area {
  const Json* data = nullptr;
  const Json* absent = nullptr;
  const Json* items = nullptr;
};

bool read_area(const Json* area, const std::string& where, Area& out, std::string& error) {
  if (!area || area->is_null()) return true;
  if (!area->is_object()) {
    error = where + ": not an unmapped area written by this adapter (expected an object)";
    return false;
  }
  if (auto it = area->find("data"); it != area->end()) out.data = &*it;
  if (auto it = area->find("absent"); it != area->end()) {
    if (!it->is_array()) {
      error = where + "/absent: must be a list of JSON pointers";
      return false;
    }
    out.absent = &*it;
  }
  if (auto it = area->find("items"); it != area->end()) {
    if (!it->is_object()) {
      error = where + "/items: must be an object of element lists";
      return false;
    }
    out.items = &*it;
  }
  return true;
}

bool is_index(const std::string& s) { return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos; }

// "data.sides[1].insurance.policyNumber" -> {"sides", "1", "insurance", "policyNumber"}
std::vector<std::string> split_validation_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  if (!out.empty() && out.front() == "data") out.erase(out.begin());
  return out;
}

std::optional<std::string> locate(const Scope& scope, const std::vector<std::string>& tokens, std::size_t pos,
                                  const std::string& prefix) {
  for (const auto& r : scope.rules) {
    if (!r.canonical) continue;
    const auto& ct = r.canonical->tokens();
    if (tokens.size() - pos < ct.size() || !std::equal(ct.begin(), ct.end(), tokens.begin() + static_cast<long>(pos)))
      continue;
    if (!r.provider) return std::nullopt;
    const std::size_t rest = pos + ct.size();
    std::string at = prefix + r.provider->str();
    if (r.is_array()) {
      if (rest < tokens.size() && is_index(tokens[rest])) {
        // Inside an element only a rule of `each` names an insurer field.
        return rest + 1 == tokens.size() ? std::optional<std::string>(at + "/" + tokens[rest])
                                         : locate(*r.each, tokens, rest + 1, at + "/" + tokens[rest]);
      }
      return at;
    }
    // Below a field copied whole, the insurer's structure is the canonical one.
    if (r.transform.kind == Transform::Kind::identity)
      for (std::size_t i = rest; i < tokens.size(); ++i) at += "/" + tokens[i];
    return at;
  }
  return std::nullopt;
}

}  // namespace

std::optional<Json> subtract(const Json& value, const std::vector<Pointer>& covered) {
  for (const auto& p : covered)
    if (p.is_root()) return std::nullopt;
  if (!value.is_object() || covered.empty()) return value;
  Json out = Json::object();
  bool removed = false;
  for (auto it = value.begin(); it != value.end(); ++it) {
    std::vector<Pointer> below;
    for (const auto& p : covered) {
      if (p.tokens().front() == it.key())
        below.push_back(Pointer::from_tokens(std::vector<std::string>(p.tokens().begin() + 1, p.tokens().end())));
    }
    if (below.empty()) {
      out[it.key()] = *it;
      continue;
    }
    auto rest = subtract(*it, below);
    if (!rest) {
      removed = true;
      continue;
    }
    out[it.key()] = std::move(*rest);
  }
  if (removed && out.empty()) return std::nullopt;
  return out;
}

void map_to_provider(const Scope& scope, const Json& canonical, Json& provider, Json& area) {
  std::vector<Pointer> covered;
  Json absent = Json::array();
  Json items = Json::object();
  for (const auto& r : scope.rules) {
    if (r.is_array()) {
      const Json* cv = find(canonical, *r.canonical);
      if (!cv && r.required) absent.push_back(r.canonical->str());
      if (!cv || !cv->is_array()) continue;
      Json elements = Json::array();
      Json element_areas = Json::array();
      bool any_area = false;
      for (const auto& ce : *cv) {
        Json pe = Json::object();
        Json ea = Json::object();
        map_to_provider(*r.each, ce, pe, ea);
        if (r.each->unmapped_to) {
          if (!ea.empty()) set(pe, *r.each->unmapped_to, std::move(ea));
        } else {
          any_area = any_area || !ea.empty();
          element_areas.push_back(std::move(ea));
        }
        elements.push_back(std::move(pe));
      }
      set(provider, *r.provider, std::move(elements));
      covered.push_back(*r.canonical);
      if (any_area) items[r.canonical->str()] = std::move(element_areas);
      continue;
    }
    if (r.transform.kind == Transform::Kind::constant) {
      if (r.provider) set(provider, *r.provider, r.transform.constant);
      if (r.canonical) {
        const Json* cv = find(canonical, *r.canonical);
        if (!cv) absent.push_back(r.canonical->str());
        else if (*cv == r.transform.constant) covered.push_back(*r.canonical);
      }
      continue;
    }
    const Json* cv = find(canonical, *r.canonical);
    if (!cv) {
      // The inbound side insists on a required field unless it knows the value was absent.
      if (r.required) absent.push_back(r.canonical->str());
      continue;
    }
    auto pv = to_provider(r.transform, *cv);
    // A null would read back as "absent": leave such a value to the residue.
    if (!pv || pv->is_null()) continue;
    const ReadBack back = to_canonical(r.transform, *pv);
    set(provider, *r.provider, std::move(*pv));
    if (back.value && *back.value == *cv) covered.push_back(*r.canonical);
  }
  auto residue = subtract(canonical, covered);
  if (residue && !(residue->is_object() && residue->empty())) area["data"] = std::move(*residue);
  if (!absent.empty()) area["absent"] = std::move(absent);
  if (!items.empty()) area["items"] = std::move(items);
}

bool map_to_canonical(const Scope& scope, const Json& provider, const Json* area_json, const std::string& provider_path,
                      Json& canonical, std::string& error) {
  canonical = Json::object();
  Area area;
  const std::string area_where = provider_path + (scope.unmapped_to ? scope.unmapped_to->str() : "/(items)");
  if (!read_area(area_json, area_where, area, error)) return false;
  std::vector<const Rule*> missing_required;
  for (const auto& r : scope.rules) {
    if (r.transform.kind == Transform::Kind::constant && !r.is_array()) {
      if (r.canonical) set(canonical, *r.canonical, r.transform.constant);
      continue;
    }
    const std::string field = provider_path + r.provider->str();
    const Json* pv = find(provider, *r.provider);
    if (!present(pv)) {
      if (r.required) missing_required.push_back(&r);
      continue;
    }
    if (r.is_array()) {
      if (!pv->is_array()) {
        error = field + ": must be an array (" + r.where + ")";
        return false;
      }
      const Json* element_areas = nullptr;
      if (area.items) {
        auto it = area.items->find(r.canonical->str());
        if (it != area.items->end() && it->is_array()) element_areas = &*it;
      }
      Json elements = Json::array();
      for (std::size_t i = 0; i < pv->size(); ++i) {
        const Json& pe = (*pv)[i];
        const Json* ea = nullptr;
        if (r.each->unmapped_to) ea = find(pe, *r.each->unmapped_to);
        else if (element_areas && i < element_areas->size()) ea = &(*element_areas)[i];
        Json ce;
        if (!map_to_canonical(*r.each, pe, ea, field + "/" + std::to_string(i), ce, error)) return false;
        elements.push_back(std::move(ce));
      }
      set(canonical, *r.canonical, std::move(elements));
      continue;
    }
    ReadBack back = to_canonical(r.transform, *pv);
    if (!back.value) {
      error = field + ": " + back.error + " (" + r.where + ")";
      return false;
    }
    set(canonical, *r.canonical, std::move(*back.value));
  }
  if (area.data) deep_merge(canonical, *area.data);
  std::vector<Pointer> absent;
  if (area.absent) {
    for (const auto& a : *area.absent) {
      std::string why;
      auto p = a.is_string() ? Pointer::parse(a.get<std::string>(), why) : std::nullopt;
      if (!p) {
        error = area_where + "/absent: " + (a.is_string() ? why : "must hold JSON pointers");
        return false;
      }
      erase(canonical, *p);
      absent.push_back(*p);
    }
  }
  // A required insurer field may be missing only when our own unmapped area accounts for the
  // canonical value (a value the insurer's format could not hold, or one that was absent).
  for (const Rule* r : missing_required) {
    if (find(canonical, *r->canonical) || std::find(absent.begin(), absent.end(), *r->canonical) != absent.end()) continue;
    error = provider_path + r->provider->str() + ": required field missing (" + r->where + ")";
    return false;
  }
  return true;
}

std::optional<Json> provider_leftovers(const Scope& scope, const Json& provider, const std::vector<Pointer>& reserved) {
  std::vector<Pointer> covered = reserved;
  if (scope.unmapped_to) covered.push_back(*scope.unmapped_to);
  for (const auto& r : scope.rules)
    if (r.provider) covered.push_back(*r.provider);
  auto rest = subtract(provider, covered);
  for (const auto& r : scope.rules) {
    if (!r.is_array()) continue;
    const Json* pv = find(provider, *r.provider);
    if (!pv || !pv->is_array()) continue;
    Json per_element = Json::array();
    bool any = false;
    for (const auto& pe : *pv) {
      auto left = provider_leftovers(*r.each, pe, {});
      any = any || left.has_value();
      per_element.push_back(left ? std::move(*left) : Json::object());
    }
    if (!any) continue;
    if (!rest) rest = Json::object();
    set(*rest, *r.provider, std::move(per_element));
  }
  if (rest && rest->is_object() && rest->empty()) return std::nullopt;
  return rest;
}

std::optional<std::string> provider_location(const Scope& scope, const std::string& validation_path) {
  return locate(scope, split_validation_path(validation_path), 0, "");
}

}  // namespace passerelle::generic_rest
