#include "trust_codes.hpp"

namespace passerelle::trust {

CodeTable::CodeTable(std::vector<std::pair<std::string, std::string>> canonical_to_trust)
    : pairs_(std::move(canonical_to_trust)) {}

std::optional<std::string> CodeTable::to_trust(std::string_view canonical) const {
  for (const auto& [c, t] : pairs_)
    if (c == canonical) return t;
  return std::nullopt;
}

std::optional<std::string> CodeTable::to_canonical(std::string_view trust) const {
  for (const auto& [c, t] : pairs_)
    if (t == trust) return c;
  return std::nullopt;
}

std::string CodeTable::trust_codes() const {
  std::string out;
  for (const auto& p : pairs_) out += (out.empty() ? "" : ", ") + p.second;
  return out;
}

const CodeTable& report_states() {
  static const CodeTable t({{"draft", "OPN"},
                            {"signed", "SGN"},
                            {"submitted", "SUB"},
                            {"acknowledged", "ACK"},
                            {"in_review", "REV"},
                            {"settled", "STL"},
                            {"rejected", "REJ"},
                            {"closed", "CLS"}});
  return t;
}

const CodeTable& impact_points() {
  // Trust's diagram letters: B is "back", T is "top".
  static const CodeTable t({{"front", "F"},
                            {"front_left", "FL"},
                            {"front_right", "FR"},
                            {"left", "L"},
                            {"right", "R"},
                            {"rear", "B"},
                            {"rear_left", "BL"},
                            {"rear_right", "BR"},
                            {"roof", "T"},
                            {"underbody", "U"}});
  return t;
}

const CodeTable& signature_types() {
  static const CodeTable t({{"handwritten", "MANUAL"}, {"electronic", "DIGITAL"}});
  return t;
}

const CodeTable& media_types() {
  static const CodeTable t({{"photo", "PHOTO"}, {"sketch", "SKETCH"}, {"scan", "SCAN"}, {"pdf", "PDF"}});
  return t;
}

const CodeTable& coverage_results() {
  static const CodeTable t({{"confirmed", "COVERED"}, {"unconfirmed", "NOT_COVERED"}});
  return t;
}

const CodeTable& coverage_reasons() {
  static const CodeTable t({{"policy_expired", "EXPIRED"},
                            {"policy_suspended", "SUSPENDED"},
                            {"vehicle_not_found", "VEHICLE_UNKNOWN"},
                            {"policy_not_found", "POLICY_UNKNOWN"}});
  return t;
}

const CodeTable& policy_statuses() {
  static const CodeTable t(
      {{"active", "ACTIVE"}, {"suspended", "SUSPENDED"}, {"expired", "EXPIRED"}, {"cancelled", "CANCELLED"}});
  return t;
}

const CodeTable& event_types() {
  static const CodeTable t({{"constat.created", kEventReportOpened},
                            {"constat.updated", kEventReportRevised},
                            {"vehicle.verified", kEventCoverageChecked}});
  return t;
}

}  // namespace passerelle::trust
