#include "trust_common_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>

#include "passerelle/sdk/registration_number.hpp"

namespace passerelle::trust {

Json address_to_trust(const sdk::Address& a) {
  Json j = Json::object();
  put(j, "street", a.line);
  put(j, "town", a.city);
  // Validated canonical wilaya codes are two digits.
  if (a.wilayaCode) j["wilaya"] = std::stoi(*a.wilayaCode);
  put(j, "zip", a.postalCode);
  j["country"] = a.countryCode;
  return j;
}

std::optional<sdk::Address> address_from_trust(const Json& j, const std::string& path, ReadContext& ctx) {
  TrustReader r(j, path, ctx);
  if (!r.valid()) return std::nullopt;
  sdk::Address a;
  a.line = r.str("street", false);
  a.city = r.str("town", false);
  a.wilayaCode = r.wilaya("wilaya", false);
  a.postalCode = r.str("zip", false);
  a.countryCode = r.country("country", true).value_or("");
  return a;
}

std::optional<sdk::Address> opt_address(TrustReader& r, const std::string& key) {
  const Json* j = r.object(key, false);
  return j ? address_from_trust(*j, r.child(key), r.context()) : std::nullopt;
}

Json person_to_trust(const sdk::Person& p) {
  Json j = {{"surname", p.lastName}};
  put(j, "givenName", p.firstName);
  put(j, "organisation", p.companyName);
  if (p.address) j["address"] = address_to_trust(*p.address);
  put(j, "phoneNumber", p.phone);
  put(j, "emailAddress", p.email);
  return j;
}

std::optional<sdk::Person> person_from_trust(const Json& j, const std::string& path, ReadContext& ctx) {
  TrustReader r(j, path, ctx);
  if (!r.valid()) return std::nullopt;
  sdk::Person p;
  p.lastName = r.text("surname", true).value_or("");
  p.firstName = r.str("givenName", false);
  p.companyName = r.str("organisation", false);
  p.address = opt_address(r, "address");
  p.phone = r.str("phoneNumber", false);
  p.email = r.str("emailAddress", false);
  return p;
}

std::string plate_to_trust(const std::string& number, const std::optional<std::string>& country) {
  if (!country || *country != "DZ") return number;
  std::string out = number;
  std::replace(out.begin(), out.end(), '-', ' ');
  return out;
}

std::optional<std::string> read_plate(TrustReader& r, const std::string& key, bool required,
                                      const std::optional<std::string>& country) {
  auto s = r.text(key, required);
  if (!s || !country || *country != "DZ") return s;
  const auto& v = r.context().validation;
  auto norm = sdk::normalize_algerian_registration(*s, v.wilaya_min, v.wilaya_max);
  // The plate itself is personal data: the message describes the rule, never the value.
  if (!norm)
    r.error(key, "must be an Algerian plate serial Cyy WW such as 12345 116 16 (wilaya " +
                     std::to_string(v.wilaya_min) + ".." + std::to_string(v.wilaya_max) + ")");
  return norm;
}

std::string carrier_to_trust(const std::string& insurer_id) {
  std::string out = insurer_id;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::optional<std::string> read_carrier(TrustReader& r, const std::string& key, bool required, bool strict) {
  auto s = r.text(key, required);
  if (!s) return s;
  const bool ok = !strict || std::all_of(s->begin(), s->end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
  if (!ok) {
    r.error(key, "must be a carrier code of letters, digits, '-' or '_' such as TRUST (got \"" + *s + "\")");
    return std::nullopt;
  }
  std::string out = *s;
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Json vehicle_to_trust(const sdk::Vehicle& v) {
  Json car = {{"brand", v.make},
              {"plate", {{"number", plate_to_trust(v.registrationNumber, v.registrationCountry)},
                         {"country", v.registrationCountry}}}};
  put(car, "modelName", v.model);
  put(car, "chassisNumber", v.vin);
  if (v.trailer) {
    Json t = Json::object();
    if (v.trailer->registrationNumber)
      t["plateNumber"] = plate_to_trust(*v.trailer->registrationNumber, v.trailer->registrationCountry);
    put(t, "plateCountry", v.trailer->registrationCountry);
    car["trailer"] = t;
  }
  return car;
}

void read_vehicle(TrustReader& r, sdk::Vehicle& v) {
  v.make = r.text("brand", true).value_or("");
  v.model = r.str("modelName", false);
  if (const Json* pl = r.object("plate", true)) {
    TrustReader plr(*pl, r.child("plate"), r.context());
    auto country = plr.country("country", true);
    v.registrationCountry = country.value_or("");
    v.registrationNumber = read_plate(plr, "number", true, country).value_or("");
  }
  v.vin = r.str("chassisNumber", false);
  if (const Json* t = r.object("trailer", false)) {
    TrustReader tr(*t, r.child("trailer"), r.context());
    sdk::Trailer trailer;
    trailer.registrationCountry = tr.country("plateCountry", false);
    trailer.registrationNumber = read_plate(tr, "plateNumber", false, trailer.registrationCountry);
    v.trailer = trailer;
  }
}

Json insurance_to_trust(const sdk::Insurance& in) {
  Json policy = {{"carrier", carrier_to_trust(in.insurerId)}, {"number", in.policyNumber}};
  put(policy, "carrierName", in.insurerName);
  put(policy, "greenCard", in.greenCardNumber);
  put(policy, "effectiveDate", in.validFrom);
  put(policy, "expiryDate", in.validTo);
  if (in.agency) {
    Json b = Json::object();
    put(b, "code", in.agency->code);
    put(b, "name", in.agency->name);
    if (in.agency->address) b["address"] = address_to_trust(*in.agency->address);
    put(b, "phone", in.agency->phone);
    policy["branch"] = b;
  }
  put(policy, "ownDamageCover", in.ownDamageCovered);
  return policy;
}

void read_insurance(TrustReader& r, sdk::Insurance& in) {
  in.insurerId = read_carrier(r, "carrier", true).value_or("");
  in.insurerName = r.str("carrierName", false);
  in.policyNumber = r.text("number", true).value_or("");
  in.greenCardNumber = r.str("greenCard", false);
  in.validFrom = r.date("effectiveDate", false);
  in.validTo = r.date("expiryDate", false);
  if (in.validFrom && in.validTo && *in.validTo < *in.validFrom) r.error("expiryDate", "must not be before effectiveDate");
  if (const Json* b = r.object("branch", false)) {
    TrustReader br(*b, r.child("branch"), r.context());
    sdk::Agency ag;
    ag.code = br.str("code", false);
    ag.name = br.str("name", false);
    ag.address = opt_address(br, "address");
    ag.phone = br.str("phone", false);
    in.agency = ag;
  }
  in.ownDamageCovered = r.flag("ownDamageCover", false);
}

bool is_int64(const Json& v) {
  return v.is_number_integer() &&
         !(v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
}

}  // namespace passerelle::trust
