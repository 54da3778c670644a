#include "trust_verification_mapping.hpp"

#include <set>

#include "trust_common_mapping.hpp"
#include "trust_time.hpp"

namespace passerelle::trust {
namespace {
const std::set<std::string> kReservedExtensionKeys = {"productCode", "unmappedFields"};
}  // namespace

Json coverage_to_trust(const sdk::VehicleVerification& v, const Json& trust_fields) {
  Json j = Json::object();
  j["checkId"] = v.verificationId;
  put(j, "requestId", v.requestRef);
  j["carrier"] = carrier_to_trust(v.insurerId);
  put(j, "policyNumber", v.policyNumber);
  Json car = {{"plate",
               {{"number", plate_to_trust(v.vehicle.registrationNumber, v.vehicle.registrationCountry)},
                {"country", v.vehicle.registrationCountry}}}};
  put(car, "chassisNumber", v.vehicle.vin);
  put(car, "brand", v.vehicle.make);
  put(car, "modelName", v.vehicle.model);
  put(car, "modelYear", v.vehicle.year);
  j["car"] = car;
  j["referenceDate"] = v.asOf;
  j["result"] = coverage_results().to_trust(v.status).value_or(v.status);
  if (v.reasonCode) j["reason"] = coverage_reasons().to_trust(*v.reasonCode).value_or(*v.reasonCode);
  if (v.coverage) {
    Json cover = {{"guarantees", v.coverage->guarantees}};
    put(cover, "startDate", v.coverage->validFrom);
    put(cover, "endDate", v.coverage->validTo);
    j["cover"] = cover;
  }
  put(j, "holderName", v.policyholderName);
  if (v.agency) {
    Json b = Json::object();
    put(b, "code", v.agency->code);
    put(b, "name", v.agency->name);
    j["branch"] = b;
  }
  j["checkedAt"] = to_trust_timestamp(v.verifiedAt).value_or(v.verifiedAt);
  put(j, "reportRef", v.constatId);

  Json custom = Json::object();
  if (trust_fields.is_object()) {
    for (auto it = trust_fields.begin(); it != trust_fields.end(); ++it) {
      if (it.key() == "productCode" && it->is_string()) j["productCode"] = *it;
      else if (!kReservedExtensionKeys.count(it.key())) custom[it.key()] = *it;
    }
  }
  if (!custom.empty()) j["customFields"] = custom;
  return j;
}

std::optional<CoverageRead> coverage_from_trust(const Json& j, const std::string& path, ReadContext& ctx) {
  const std::size_t before = ctx.errors.issues().size();
  CoverageRead out;
  sdk::VehicleVerification& v = out.verification;
  {
    TrustReader r(j, path, ctx);
    if (!r.valid()) return std::nullopt;
    v.verificationId = r.text("checkId", true).value_or("");
    v.requestRef = r.str("requestId", false);
    // The canonical vehicle.verified does not restrict insurer ids the way constats do.
    v.insurerId = read_carrier(r, "carrier", true, false).value_or("");
    v.policyNumber = r.str("policyNumber", false);
    if (const Json* cj = r.object("car", true)) {
      TrustReader cr(*cj, r.child("car"), ctx);
      if (const Json* pl = cr.object("plate", true)) {
        TrustReader plr(*pl, cr.child("plate"), ctx);
        auto country = plr.country("country", true);
        v.vehicle.registrationCountry = country.value_or("");
        v.vehicle.registrationNumber = read_plate(plr, "number", true, country).value_or("");
      }
      v.vehicle.vin = cr.str("chassisNumber", false);
      v.vehicle.make = cr.str("brand", false);
      v.vehicle.model = cr.str("modelName", false);
      v.vehicle.year = cr.integer("modelYear", false);
    }
    v.asOf = r.date("referenceDate", true).value_or("");
    v.status = r.code("result", true, coverage_results()).value_or("");
    if (auto reason = r.text("reason", false)) v.reasonCode = coverage_reasons().to_canonical(*reason).value_or(*reason);
    if (v.status == "unconfirmed" && !v.reasonCode && !j.contains("reason"))
      r.error("reason", "required when result is NOT_COVERED");
    if (const Json* cov = r.object("cover", false)) {
      TrustReader cr(*cov, r.child("cover"), ctx);
      sdk::Coverage c;
      c.validFrom = cr.date("startDate", false);
      c.validTo = cr.date("endDate", false);
      if (c.validFrom && c.validTo && *c.validTo < *c.validFrom) cr.error("endDate", "must not be before startDate");
      if (const Json* g = cr.array("guarantees", false)) {
        for (std::size_t k = 0; k < g->size(); ++k) {
          const Json& item = (*g)[k];
          if (!item.is_string() || item.get<std::string>().empty())
            ctx.errors.add(index_path(cr.child("guarantees"), k), "must be a non-empty guarantee code such as RC");
          else
            c.guarantees.push_back(item.get<std::string>());
        }
      }
      v.coverage = c;
    }
    v.policyholderName = r.str("holderName", false);
    if (const Json* b = r.object("branch", false)) {
      TrustReader br(*b, r.child("branch"), ctx);
      sdk::AgencyRef a;
      a.code = br.str("code", false);
      a.name = br.str("name", false);
      v.agency = a;
    }
    v.verifiedAt = r.timestamp("checkedAt", true).value_or("");
    v.constatId = r.str("reportRef", false);
    if (auto pc = r.str("productCode", false)) out.trust_fields["productCode"] = *pc;
    if (const Json* cf = r.object("customFields", false)) {
      for (auto it = cf->begin(); it != cf->end(); ++it) {
        if (kReservedExtensionKeys.count(it.key())) ctx.unmapped[r.child("customFields") + "." + it.key()] = *it;
        else out.trust_fields[it.key()] = *it;
      }
    }
  }
  if (ctx.errors.issues().size() != before) return std::nullopt;
  return out;
}

}  // namespace passerelle::trust
