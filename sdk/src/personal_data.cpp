#include "passerelle/sdk/personal_data.hpp"

#include <algorithm>
#include <set>

namespace passerelle::sdk {

namespace {
const std::set<std::string>& personal_names() {
  static const std::set<std::string> names = {
      "lastName", "firstName", "dateOfBirth", "address", "phone", "email", "line", "registrationNumber",
      "vin",      "policyNumber", "policyholderName", "number"};
  return names;
}

void redact_into(nlohmann::json& j, const std::vector<std::string>& extra) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const bool personal = is_personal_field(it.key()) ||
                            std::find(extra.begin(), extra.end(), it.key()) != extra.end();
      if (personal && !it->is_null()) {
        *it = "***";
      } else {
        redact_into(*it, extra);
      }
    }
  } else if (j.is_array()) {
    for (auto& e : j) redact_into(e, extra);
  }
}
}  // namespace

bool is_personal_field(const std::string& member_name) { return personal_names().count(member_name) > 0; }

nlohmann::json redact(const nlohmann::json& j, const std::vector<std::string>& extra_names) {
  nlohmann::json copy = j;
  redact_into(copy, extra_names);
  return copy;
}

}  // namespace passerelle::sdk
