// Trust's answer to GET /v2/policies/{policyNumber} -> the canonical policy object of the
// gateway. The canonical model has no policy event; the gateway answers with the fields of a
// constat side's `insurance`, plus status, guarantees, policyholder and vehicle:
//
//   {insurerId, insurerName?, policyNumber, status (active|suspended|expired|cancelled),
//    greenCardNumber?, validFrom?, validTo?, agency?, ownDamageCovered?, guarantees?,
//    policyholder? (Person), vehicle? (make, model?, registrationNumber, registrationCountry,
//    vin?, trailer?), extensions? {<adapter id>: {...}}}
#pragma once

#include <optional>
#include <string>

#include "trust_reader.hpp"

namespace passerelle::trust {

// `path` names the answer in errors ("body"). Unknown members go to
// extensions.<adapter_id>.unmappedFields, productCode and customFields to extensions.<adapter_id>.
std::optional<Json> policy_from_trust(const Json& policy, const std::string& path, ReadContext& ctx,
                                      const std::string& adapter_id);

}  // namespace passerelle::trust
