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
  // The subject of vehicle.verified is "<country>:<registrationNumber>": a plate under a
  // member name that is not personal elsewhere (a constat's subject is its id, kept for ops).
  // Written without json::value(): redact() also sees invalid events (dead letters), where
  // "type" may be anything, and must not throw there.
  if (copy.is_object()) {
    const auto type = copy.find("type");
    const auto subject = copy.find("subject");
    if (type != copy.end() && *type == "vehicle.verified" && subject != copy.end() && subject->is_string())
      *subject = "***";
  }
  return copy;
}

}  // namespace passerelle::sdk
