#include "trust_policy_mapping.hpp"

#include "passerelle/sdk/model_json.hpp"
#include "trust_common_mapping.hpp"

namespace passerelle::trust {
namespace {

Json address_json(const std::optional<sdk::Address>& a) { return a ? sdk::to_json(*a) : Json(); }

Json insurance_json(const sdk::Insurance& in) {
  Json j = {{"insurerId", in.insurerId}, {"policyNumber", in.policyNumber}};
  put(j, "insurerName", in.insurerName);
  put(j, "greenCardNumber", in.greenCardNumber);
  put(j, "validFrom", in.validFrom);
  put(j, "validTo", in.validTo);
  if (in.agency) {
    Json a = Json::object();
    put(a, "code", in.agency->code);
    put(a, "name", in.agency->name);
    if (in.agency->address) a["address"] = address_json(in.agency->address);
    put(a, "phone", in.agency->phone);
    j["agency"] = a;
  }
  put(j, "ownDamageCovered", in.ownDamageCovered);
  return j;
}

Json vehicle_json(const sdk::Vehicle& v) {
  Json j = {{"make", v.make}, {"registrationNumber", v.registrationNumber}, {"registrationCountry", v.registrationCountry}};
  put(j, "model", v.model);
  put(j, "vin", v.vin);
  if (v.trailer) {
    Json t = Json::object();
    put(t, "registrationNumber", v.trailer->registrationNumber);
    put(t, "registrationCountry", v.trailer->registrationCountry);
    j["trailer"] = t;
  }
  return j;
}

}  // namespace

std::optional<Json> policy_from_trust(const Json& policy, const std::string& path, ReadContext& ctx,
                                      const std::string& adapter_id) {
  const std::size_t before = ctx.errors.issues().size();
  Json out;
  Json trust_fields = Json::object();
  {
    TrustReader r(policy, path, ctx);
    if (!r.valid()) return std::nullopt;
    sdk::Insurance in;
    read_insurance(r, in);
    out = insurance_json(in);
    out["status"] = r.code("status", true, policy_statuses()).value_or("");
    if (const Json* g = r.array("guarantees", false)) {
      Json list = Json::array();
      for (std::size_t k = 0; k < g->size(); ++k) {
        if (!(*g)[k].is_string() || (*g)[k].get<std::string>().empty())
          ctx.errors.add(index_path(r.child("guarantees"), k), "must be a non-empty guarantee code such as RC");
        else
          list.push_back((*g)[k]);
      }
      out["guarantees"] = list;
    }
    if (const Json* h = r.object("holder", false)) {
      if (auto p = person_from_trust(*h, r.child("holder"), ctx)) out["policyholder"] = sdk::to_json(*p);
    }
    if (const Json* c = r.object("car", false)) {
      TrustReader cr(*c, r.child("car"), ctx);
      sdk::Vehicle v;
      read_vehicle(cr, v);
      out["vehicle"] = vehicle_json(v);
    }
    if (auto pc = r.str("productCode", false)) trust_fields["productCode"] = *pc;
    if (const Json* cf = r.object("customFields", false)) {
      for (auto it = cf->begin(); it != cf->end(); ++it) {
        if (it.key() == "productCode" || it.key() == "unmappedFields")
          ctx.unmapped[r.child("customFields") + "." + it.key()] = *it;
        else
          trust_fields[it.key()] = *it;
      }
    }
  }
  if (ctx.errors.issues().size() != before) return std::nullopt;
  if (!ctx.unmapped.empty()) trust_fields["unmappedFields"] = ctx.unmapped;
  if (!trust_fields.empty()) out["extensions"] = {{adapter_id, trust_fields}};
  return out;
}

}  // namespace passerelle::trust
