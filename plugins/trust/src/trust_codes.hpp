// Trust's code tables (report states, impact points, media types, ...) and their canonical
// counterparts. Every table is a bijection so that a code survives canonical -> Trust -> canonical.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passerelle::trust {

class CodeTable {
 public:
  CodeTable(std::vector<std::pair<std::string, std::string>> canonical_to_trust);

  std::optional<std::string> to_trust(std::string_view canonical) const;
  std::optional<std::string> to_canonical(std::string_view trust) const;
  // "OPN, SGN, ..." for error messages.
  std::string trust_codes() const;

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;
};

// accidentReport.state: OPN SGN SUB ACK REV STL REJ CLS.
const CodeTable& report_states();
// parties[].impact.points: F FL FR L R B BL BR T U.
const CodeTable& impact_points();
// parties[].signature.type: MANUAL DIGITAL.
const CodeTable& signature_types();
// media[].type / sketch.type: PHOTO SKETCH SCAN PDF.
const CodeTable& media_types();
// coverageCheck.result: COVERED NOT_COVERED.
const CodeTable& coverage_results();
// coverageCheck.reason: the four reasons both sides know. Other reasons pass through verbatim
// in both directions (the canonical model allows insurer-specific reason strings).
const CodeTable& coverage_reasons();
// policy.status of GET /v2/policies: ACTIVE SUSPENDED EXPIRED CANCELLED.
const CodeTable& policy_statuses();
// Envelope eventType <-> CloudEvents type.
const CodeTable& event_types();

inline constexpr const char* kEventReportOpened = "ACCIDENT_REPORT_OPENED";
inline constexpr const char* kEventReportRevised = "ACCIDENT_REPORT_REVISED";
inline constexpr const char* kEventCoverageChecked = "VEHICLE_COVERAGE_CHECKED";

// Trust's envelope schema: this adapter writes 2.1 and reads every 2.x.
inline constexpr const char* kSchemaVersion = "2.1";
inline constexpr const char* kSchemaMajorPrefix = "2.";

}  // namespace passerelle::trust
