// The settings a plugin declares (name, type, default, required, description) and their values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::sdk {

enum class SettingType { string, integer, boolean, number, object, array, secret };

const char* to_string(SettingType t) noexcept;
std::optional<SettingType> setting_type_from_string(const std::string& s);

// Declared by the plugin; the host checks every configured value against it (unknown key,
// wrong type, missing required) before the adapter sees anything.
struct SettingSpec {
  std::string name;
  SettingType type = SettingType::string;
  nlohmann::json default_value;  // null when none
  bool required = false;
  std::string description;
};

// The checked settings of one adapter instance, defaults applied.
class Settings {
 public:
  Settings() = default;
  explicit Settings(nlohmann::json values) : values_(std::move(values)) {}

  const nlohmann::json& raw() const noexcept { return values_; }
  bool has(const std::string& name) const { return values_.contains(name) && !values_.at(name).is_null(); }
  std::string get_string(const std::string& name, const std::string& fallback = "") const;
  long long get_int(const std::string& name, long long fallback = 0) const;
  bool get_bool(const std::string& name, bool fallback = false) const;
  const nlohmann::json& get(const std::string& name) const;

 private:
  nlohmann::json values_ = nlohmann::json::object();
};

// Check `values` (an object) against `specs`. Returns one message per problem, each naming the
// key and quoting the plugin's description; `place` prefixes every message (e.g. "adapters[1].settings").
std::vector<std::string> check_settings(const std::vector<SettingSpec>& specs, const nlohmann::json& values,
                                        const std::string& place, nlohmann::json& with_defaults);

}  // namespace passerelle::sdk
