// Which canonical fields hold personal data, and redaction for logs and dead-letter views.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::sdk {

// True when a member of that name holds personal data in the canonical model (lastName,
// firstName, address, phone, email, dateOfBirth, licence number, registrationNumber, vin,
// policyNumber, policyholderName, line).
bool is_personal_field(const std::string& member_name);

// A copy of `j` (a canonical event, its data, or any insurer JSON whose member names are
// listed in `extra_names`) where every personal value is replaced by "***".
nlohmann::json redact(const nlohmann::json& j, const std::vector<std::string>& extra_names = {});

}  // namespace passerelle::sdk
