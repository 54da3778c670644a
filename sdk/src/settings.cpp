#include "passerelle/sdk/settings.hpp"

#include <set>

#include "passerelle/sdk/plugin.hpp"

namespace passerelle::sdk {

const char* to_string(SettingType t) noexcept {
  switch (t) {
    case SettingType::string: return "string";
    case SettingType::integer: return "integer";
    case SettingType::boolean: return "boolean";
    case SettingType::number: return "number";
    case SettingType::object: return "object";
    case SettingType::array: return "array";
    case SettingType::secret: return "secret";
  }
  return "unknown";
}

std::optional<SettingType> setting_type_from_string(const std::string& s) {
  for (auto t : {SettingType::string, SettingType::integer, SettingType::boolean, SettingType::number,
                 SettingType::object, SettingType::array, SettingType::secret}) {
    if (s == to_string(t)) return t;
  }
  return std::nullopt;
}

std::string Settings::get_string(const std::string& name, const std::string& fallback) const {
  return has(name) && values_.at(name).is_string() ? values_.at(name).get<std::string>() : fallback;
}

long long Settings::get_int(const std::string& name, long long fallback) const {
  return has(name) && values_.at(name).is_number_integer() ? values_.at(name).get<long long>() : fallback;
}

bool Settings::get_bool(const std::string& name, bool fallback) const {
  return has(name) && values_.at(name).is_boolean() ? values_.at(name).get<bool>() : fallback;
}

const nlohmann::json& Settings::get(const std::string& name) const {
  static const nlohmann::json null_value;
  return has(name) ? values_.at(name) : null_value;
}

namespace {
bool type_matches(SettingType t, const nlohmann::json& v) {
  switch (t) {
    case SettingType::string:
    case SettingType::secret: return v.is_string();
    case SettingType::integer: return v.is_number_integer();
    case SettingType::boolean: return v.is_boolean();
    case SettingType::number: return v.is_number();
    case SettingType::object: return v.is_object();
    case SettingType::array: return v.is_array();
  }
  return false;
}
}  // namespace

std::vector<std::string> check_settings(const std::vector<SettingSpec>& specs, const nlohmann::json& values,
                                        const std::string& place, nlohmann::json& with_defaults) {
  std::vector<std::string> problems;
  with_defaults = nlohmann::json::object();
  if (!values.is_null() && !values.is_object()) {
    problems.push_back(place + ": must be a mapping of setting names to values");
    return problems;
  }
  std::set<std::string> known;
  for (const auto& s : specs) known.insert(s.name);
  if (values.is_object()) {
    for (auto it = values.begin(); it != values.end(); ++it) {
      if (!known.count(it.key())) {
        std::string list;
        for (const auto& s : specs) list += (list.empty() ? "" : ", ") + s.name;
        problems.push_back(place + "." + it.key() + ": unknown setting (this plugin accepts: " + list + ")");
      }
    }
  }
  for (const auto& s : specs) {
    const bool present = values.is_object() && values.contains(s.name) && !values.at(s.name).is_null();
    if (!present) {
      if (s.required) problems.push_back(place + "." + s.name + ": required setting missing — " + s.description);
      else if (!s.default_value.is_null()) with_defaults[s.name] = s.default_value;
      continue;
    }
    const auto& v = values.at(s.name);
    if (!type_matches(s.type, v)) {
      const bool vowel = s.type == SettingType::integer || s.type == SettingType::object || s.type == SettingType::array;
      problems.push_back(place + "." + s.name + ": must be " + (vowel ? "an " : "a ") + to_string(s.type) + " — " +
                         s.description);
      continue;
    }
    with_defaults[s.name] = v;
  }
  return problems;
}

std::vector<SettingSpec> settings_from_descriptor(const passerelle_plugin_descriptor& d) {
  std::vector<SettingSpec> out;
  for (std::uint32_t i = 0; i < d.settings_count; ++i) {
    const auto& c = d.settings[i];
    SettingSpec s;
    s.name = c.name ? c.name : "";
    s.type = setting_type_from_string(c.type ? c.type : "").value_or(SettingType::string);
    if (c.default_json) s.default_value = nlohmann::json::parse(c.default_json, nullptr, false);
    if (s.default_value.is_discarded()) s.default_value = nullptr;
    s.required = c.required != 0;
    s.description = c.description ? c.description : "";
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace passerelle::sdk
