// Trust's accidentReport <-> the canonical constat (EAS boxes 1-15).
#pragma once

#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "trust_reader.hpp"

namespace passerelle::trust {

struct ReportRead {
  sdk::Constat constat;  // extensions left empty: the caller adds unmapped fields first
  // Trust fields with no canonical place (channel, claimNumber, per-party car data,
  // customFields), shaped as extensions.<adapter id>.
  Json trust_fields = Json::object();
};

// `trust_fields` is extensions.<adapter id> of the constat, or null. Its members Trust has a
// field for (channel, claimNumber, parties) go there and the others to customFields;
// "unmappedFields" is put back where Trust sent it by the envelope, and a reserved member of
// the wrong type is left to x-canonical.
Json report_to_trust(const sdk::Constat& c, const Json& trust_fields);

// `path` names `report` in error messages ("payload.accidentReport").
std::optional<ReportRead> report_from_trust(const Json& report, const std::string& path, ReadContext& ctx);

}  // namespace passerelle::trust
