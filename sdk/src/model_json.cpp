#include "passerelle/sdk/model_json.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>

#include "json_reader.hpp"
#include "model_json_tracked.hpp"
#include "passerelle/sdk/registration_number.hpp"

namespace passerelle::sdk {
namespace {

using detail::JsonReader;

struct Ctx {
  ValidationErrors& errors;
  const ValidationOptions& options;
  // Set when to_json() of what is parsed would differ from the input (a normalised plate, a
  // default filled in, a number written another way): parse_cloud_event() then rebuilds `data`.
  bool differs = false;
};

std::string idx(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

template <typename T>
void put(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

// Country codes are checked separately so the message can name the rule.
std::optional<std::string> read_country(JsonReader& r, Ctx& c, std::string_view key, bool required) {
  auto s = r.str(key, required);
  if (s && !(s->size() == 2 && std::all_of(s->begin(), s->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))) {
    c.errors.add(r.child(key), "must be an ISO 3166 alpha-2 country code such as DZ (got \"" + *s + "\")");
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> read_wilaya(JsonReader& r, Ctx& c, std::string_view key) {
  auto s = r.str(key, false);
  if (!s) return s;
  const bool shape = s->size() == 2 && std::isdigit(static_cast<unsigned char>((*s)[0])) &&
                     std::isdigit(static_cast<unsigned char>((*s)[1]));
  const int w = shape ? std::stoi(*s) : -1;
  if (!shape || w < c.options.wilaya_min || w > c.options.wilaya_max) {
    char range[32];
    std::snprintf(range, sizeof range, "\"%02d\"..\"%02d\"", c.options.wilaya_min, c.options.wilaya_max);
    c.errors.add(r.child(key), std::string("must be a wilaya code ") + range + " (got \"" + *s + "\")");
    return std::nullopt;
  }
  return s;
}

// Normalises Algerian numbers (spaces -> dashes) and checks their shape; other countries'
// numbers are kept as sent, non-empty.
std::optional<std::string> read_registration(JsonReader& r, Ctx& c, std::string_view key, bool required,
                                             const std::optional<std::string>& country_code) {
  auto s = r.nonempty(key, required);
  if (!s || !country_code || *country_code != "DZ") return s;
  auto norm = normalize_algerian_registration(*s, c.options.wilaya_min, c.options.wilaya_max);
  if (norm && *norm != *s) c.differs = true;
  if (!norm) {
    c.errors.add(r.child(key), "must be an Algerian registration number serial-Cyy-WW such as 12345-116-16 (wilaya " +
                                   std::to_string(c.options.wilaya_min) + ".." + std::to_string(c.options.wilaya_max) +
                                   ")");
    return std::nullopt;
  }
  return norm;
}

std::optional<Address> parse_address(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Address a;
  a.line = r.str("line", false);
  a.city = r.str("city", false);
  a.wilayaCode = read_wilaya(r, c, "wilayaCode");
  a.postalCode = r.str("postalCode", false);
  a.countryCode = read_country(r, c, "countryCode", true).value_or("");
  return a;
}

std::optional<Address> opt_address(JsonReader& r, Ctx& c, std::string_view key) {
  const Json* j = r.object(key, false);
  return j ? parse_address(*j, r.child(key), c) : std::nullopt;
}

std::optional<Person> parse_person(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Person p;
  p.lastName = r.nonempty("lastName", true).value_or("");
  p.firstName = r.str("firstName", false);
  p.companyName = r.str("companyName", false);
  p.address = opt_address(r, c, "address");
  p.phone = r.str("phone", false);
  p.email = r.str("email", false);
  return p;
}

std::optional<Attachment> parse_attachment(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Attachment a;
  a.kind = r.one_of("kind", true, kAttachmentKinds).value_or("");
  a.uri = r.nonempty("uri", true).value_or("");
  a.mediaType = r.nonempty("mediaType", true).value_or("");
  a.sha256 = r.str("sha256", false);
  if (a.sha256 && (a.sha256->size() != 64 || !std::all_of(a.sha256->begin(), a.sha256->end(), [](char ch) {
                     return std::isxdigit(static_cast<unsigned char>(ch));
                   }))) {
    c.errors.add(r.child("sha256"), "must be 64 hexadecimal digits");
  }
  return a;
}

template <typename T, typename F>
std::vector<T> parse_list(const Json& arr, const std::string& path, Ctx& c, F parse_one) {
  std::vector<T> out;
  for (std::size_t i = 0; i < arr.size(); ++i) {
    if (auto v = parse_one(arr[i], idx(path, i), c)) out.push_back(std::move(*v));
  }
  return out;
}

std::optional<Vehicle> parse_vehicle(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Vehicle v;
  v.make = r.nonempty("make", true).value_or("");
  v.model = r.str("model", false);
  auto cc = read_country(r, c, "registrationCountry", true);
  v.registrationCountry = cc.value_or("");
  v.registrationNumber = read_registration(r, c, "registrationNumber", true, cc).value_or("");
  v.vin = r.str("vin", false);
  if (const Json* t = r.object("trailer", false)) {
    JsonReader tr(*t, r.child("trailer"), c.errors);
    Trailer trailer;
    trailer.registrationCountry = read_country(tr, c, "registrationCountry", false);
    trailer.registrationNumber = read_registration(tr, c, "registrationNumber", false, trailer.registrationCountry);
    v.trailer = trailer;
  }
  return v;
}

std::optional<Insurance> parse_insurance(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Insurance in;
  auto id = r.nonempty("insurerId", true);
  if (id && !std::all_of(id->begin(), id->end(), [](char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
      })) {
    c.errors.add(r.child("insurerId"), "must be a lowercase insurer id such as saa (got \"" + *id + "\")");
  }
  in.insurerId = id.value_or("");
  in.insurerName = r.str("insurerName", false);
  in.policyNumber = r.nonempty("policyNumber", true).value_or("");
  in.greenCardNumber = r.str("greenCardNumber", false);
  in.validFrom = r.date("validFrom", false);
  in.validTo = r.date("validTo", false);
  if (in.validFrom && in.validTo && *in.validTo < *in.validFrom)
    c.errors.add(r.child("validTo"), "must not be before validFrom");
  if (const Json* a = r.object("agency", false)) {
    JsonReader ar(*a, r.child("agency"), c.errors);
    Agency ag;
    ag.code = ar.str("code", false);
    ag.name = ar.str("name", false);
    ag.address = opt_address(ar, c, "address");
    ag.phone = ar.str("phone", false);
    in.agency = ag;
  }
  in.ownDamageCovered = r.boolean("ownDamageCovered", false);
  return in;
}

std::optional<Driver> parse_driver(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Driver d;
  d.lastName = r.nonempty("lastName", true).value_or("");
  d.firstName = r.str("firstName", false);
  d.dateOfBirth = r.date("dateOfBirth", false);
  d.address = opt_address(r, c, "address");
  d.phone = r.str("phone", false);
  if (const Json* l = r.object("licence", false)) {
    JsonReader lr(*l, r.child("licence"), c.errors);
    Licence lic;
    lic.number = lr.nonempty("number", true).value_or("");
    lic.category = lr.str("category", false);
    lic.issuedAt = lr.date("issuedAt", false);
    lic.validUntil = lr.date("validUntil", false);
    d.licence = lic;
  }
  return d;
}

std::optional<Side> parse_side(const Json& j, const std::string& path, Ctx& c) {
  JsonReader r(j, path, c.errors);
  if (!r.valid()) return std::nullopt;
  Side s;
  auto letter = r.str("side", true);
  if (letter && !(letter->size() == 1 && (*letter)[0] >= 'A' && (*letter)[0] <= 'Z'))
    c.errors.add(r.child("side"), "must be one capital letter A..Z (got \"" + *letter + "\")");
  s.side = letter.value_or("");
  if (const Json* p = r.object("policyholder", true))
    s.policyholder = parse_person(*p, r.child("policyholder"), c).value_or(Person{});
  if (const Json* v = r.object("vehicle", true))
    s.vehicle = parse_vehicle(*v, r.child("vehicle"), c).value_or(Vehicle{});
  if (const Json* i = r.object("insurance", true))
    s.insurance = parse_insurance(*i, r.child("insurance"), c).value_or(Insurance{});
  if (const Json* d = r.object("driver", true)) s.driver = parse_driver(*d, r.child("driver"), c).value_or(Driver{});
  if (const Json* ii = r.object("initialImpact", false)) {
    JsonReader ir(*ii, r.child("initialImpact"), c.errors);
    InitialImpact imp;
    if (const Json* zones = ir.array("zones", true)) {
      std::set<std::string> seen;
      for (std::size_t k = 0; k < zones->size(); ++k) {
        const auto& z = (*zones)[k];
        const std::string zp = idx(ir.child("zones"), k);
        if (!z.is_string() ||
            std::find(kImpactZones.begin(), kImpactZones.end(), z.get<std::string>()) == kImpactZones.end()) {
          c.errors.add(zp, "must be one of: " + detail::join(kImpactZones) + " (got " + z.dump() + ")");
          continue;
        }
        if (!seen.insert(z.get<std::string>()).second) c.errors.add(zp, "duplicate zone");
        imp.zones.push_back(z.get<std::string>());
      }
    }
    imp.note = ir.str("note", false);
    s.initialImpact = imp;
  }
  s.visibleDamage = r.str("visibleDamage", false);
  if (const Json* circ = r.array("circumstances", true)) {
    std::set<int> seen;
    for (std::size_t k = 0; k < circ->size(); ++k) {
      const auto& n = (*circ)[k];
      const std::string cp = idx(r.child("circumstances"), k);
      if (!n.is_number_integer() || n.get<std::int64_t>() < 1 || n.get<std::int64_t>() > 17) {
        c.errors.add(cp, "must be an integer 1..17");
        continue;
      }
      const int v = n.get<int>();
      if (!seen.insert(v).second) c.errors.add(cp, "duplicate circumstance " + std::to_string(v));
      s.circumstances.push_back(v);
    }
  }
  s.remarks = r.str("remarks", false);
  if (const Json* sig = r.object("signature", true)) {
    JsonReader sr(*sig, r.child("signature"), c.errors);
    s.signature.isSigned = sr.boolean("signed", true).value_or(false);
    s.signature.signedAt = sr.datetime("signedAt", false);
    s.signature.method = sr.one_of("method", false, kSignatureMethods);
  }
  return s;
}

Json address_json(const Address& a) {
  Json j = Json::object();
  put(j, "line", a.line);
  put(j, "city", a.city);
  put(j, "wilayaCode", a.wilayaCode);
  put(j, "postalCode", a.postalCode);
  j["countryCode"] = a.countryCode;
  return j;
}

Json person_json(const Person& p) {
  Json j = Json::object();
  j["lastName"] = p.lastName;
  put(j, "firstName", p.firstName);
  put(j, "companyName", p.companyName);
  if (p.address) j["address"] = address_json(*p.address);
  put(j, "phone", p.phone);
  put(j, "email", p.email);
  return j;
}

Json attachment_json(const Attachment& a) {
  Json j = {{"kind", a.kind}, {"uri", a.uri}, {"mediaType", a.mediaType}};
  put(j, "sha256", a.sha256);
  return j;
}

Json side_json(const Side& s) {
  Json j = Json::object();
  j["side"] = s.side;
  j["policyholder"] = person_json(s.policyholder);
  Json v = {{"make", s.vehicle.make},
            {"registrationNumber", s.vehicle.registrationNumber},
            {"registrationCountry", s.vehicle.registrationCountry}};
  put(v, "model", s.vehicle.model);
  put(v, "vin", s.vehicle.vin);
  if (s.vehicle.trailer) {
    Json t = Json::object();
    put(t, "registrationNumber", s.vehicle.trailer->registrationNumber);
    put(t, "registrationCountry", s.vehicle.trailer->registrationCountry);
    v["trailer"] = t;
  }
  j["vehicle"] = v;
  const Insurance& in = s.insurance;
  Json ins = {{"insurerId", in.insurerId}, {"policyNumber", in.policyNumber}};
  put(ins, "insurerName", in.insurerName);
  put(ins, "greenCardNumber", in.greenCardNumber);
  put(ins, "validFrom", in.validFrom);
  put(ins, "validTo", in.validTo);
  if (in.agency) {
    Json a = Json::object();
    put(a, "code", in.agency->code);
    put(a, "name", in.agency->name);
    if (in.agency->address) a["address"] = address_json(*in.agency->address);
    put(a, "phone", in.agency->phone);
    ins["agency"] = a;
  }
  put(ins, "ownDamageCovered", in.ownDamageCovered);
  j["insurance"] = ins;
  Json d = {{"lastName", s.driver.lastName}};
  put(d, "firstName", s.driver.firstName);
  put(d, "dateOfBirth", s.driver.dateOfBirth);
  if (s.driver.address) d["address"] = address_json(*s.driver.address);
  put(d, "phone", s.driver.phone);
  if (s.driver.licence) {
    Json l = {{"number", s.driver.licence->number}};
    put(l, "category", s.driver.licence->category);
    put(l, "issuedAt", s.driver.licence->issuedAt);
    put(l, "validUntil", s.driver.licence->validUntil);
    d["licence"] = l;
  }
  j["driver"] = d;
  if (s.initialImpact) {
    Json ii = {{"zones", s.initialImpact->zones}};
    put(ii, "note", s.initialImpact->note);
    j["initialImpact"] = ii;
  }
  put(j, "visibleDamage", s.visibleDamage);
  j["circumstances"] = s.circumstances;
  put(j, "remarks", s.remarks);
  Json sig = {{"signed", s.signature.isSigned}};
  put(sig, "signedAt", s.signature.signedAt);
  put(sig, "method", s.signature.method);
  j["signature"] = sig;
  return j;
}

}  // namespace

std::optional<Constat> detail::parse_constat_tracked(const Json& j, ValidationErrors& errors, const std::string& root,
                                                     const ValidationOptions& options, bool& differs) {
  const std::size_t before = errors.issues().size();
  Ctx c{errors, options};
  Constat k;
  {
    JsonReader r(j, root, errors);
    if (!r.valid()) return std::nullopt;
    k.constatId = r.nonempty("constatId", true).value_or("");
    auto rev = r.integer("revision", true);
    if (rev && *rev < 1) errors.add(r.child("revision"), "must be an integer >= 1");
    k.revision = rev.value_or(1);
    k.status = r.one_of("status", true, kConstatStatuses).value_or("");
    // Required in the model, with a default: absent means the European form's numbering.
    auto scheme = r.nonempty("formScheme", false);
    if (!scheme) c.differs = true;
    k.formScheme = scheme.value_or("EAS-17");
    if (const Json* a = r.object("accident", true)) {
      JsonReader ar(*a, r.child("accident"), errors);
      k.accident.occurredAt = ar.datetime("occurredAt", true).value_or("");
      if (const Json* l = ar.object("location", true)) {
        JsonReader lr(*l, ar.child("location"), errors);
        k.accident.location.countryCode = read_country(lr, c, "countryCode", true).value_or("");
        k.accident.location.wilayaCode = read_wilaya(lr, c, "wilayaCode");
        k.accident.location.city = lr.str("city", false);
        k.accident.location.place = lr.nonempty("place", true).value_or("");
        if (const Json* g = lr.object("geo", false)) {
          JsonReader gr(*g, lr.child("geo"), errors);
          GeoPoint p;
          auto lat = gr.number("lat", true);
          auto lon = gr.number("lon", true);
          // to_json writes doubles: an integer 36 would come back as 36.0.
          if (!g->value("lat", Json()).is_number_float() || !g->value("lon", Json()).is_number_float()) c.differs = true;
          if (lat && (*lat < -90 || *lat > 90)) errors.add(gr.child("lat"), "must be within -90..90");
          if (lon && (*lon < -180 || *lon > 180)) errors.add(gr.child("lon"), "must be within -180..180");
          p.lat = lat.value_or(0);
          p.lon = lon.value_or(0);
          k.accident.location.geo = p;
        }
      }
      k.accident.injuries = ar.boolean("injuries", true).value_or(false);
      k.accident.damageOtherVehicles = ar.boolean("damageOtherVehicles", true).value_or(false);
      k.accident.damageOtherProperty = ar.boolean("damageOtherProperty", true).value_or(false);
    }
    if (const Json* w = r.array("witnesses", false))
      k.witnesses = parse_list<Person>(*w, r.child("witnesses"), c, parse_person);
    if (const Json* s = r.array("sides", true)) {
      if (s->empty()) errors.add(r.child("sides"), "must hold at least one side");
      k.sides = parse_list<Side>(*s, r.child("sides"), c, parse_side);
      std::set<std::string> letters;
      for (std::size_t i = 0; i < k.sides.size(); ++i) {
        if (!k.sides[i].side.empty() && !letters.insert(k.sides[i].side).second)
          errors.add(idx(r.child("sides"), i) + ".side", "duplicate side " + k.sides[i].side);
      }
    }
    if (const Json* sk = r.object("sketch", false)) k.sketch = parse_attachment(*sk, r.child("sketch"), c);
    if (const Json* at = r.array("attachments", false))
      k.attachments = parse_list<Attachment>(*at, r.child("attachments"), c, parse_attachment);
    if (const Json* ext = r.object("extensions", false)) k.extensions = *ext;
  }
  differs = c.differs;
  if (errors.issues().size() != before) return std::nullopt;
  return k;
}

std::optional<Constat> parse_constat(const Json& j, ValidationErrors& errors, const std::string& root,
                                     const ValidationOptions& options) {
  bool differs = false;
  return detail::parse_constat_tracked(j, errors, root, options, differs);
}

std::optional<VehicleVerification> detail::parse_vehicle_verification_tracked(const Json& j, ValidationErrors& errors,
                                                                             const std::string& root,
                                                                             const ValidationOptions& options,
                                                                             bool& differs) {
  const std::size_t before = errors.issues().size();
  Ctx c{errors, options};
  VehicleVerification v;
  {
    JsonReader r(j, root, errors);
    if (!r.valid()) return std::nullopt;
    v.verificationId = r.nonempty("verificationId", true).value_or("");
    v.requestRef = r.str("requestRef", false);
    v.insurerId = r.nonempty("insurerId", true).value_or("");
    v.policyNumber = r.str("policyNumber", false);
    if (const Json* vj = r.object("vehicle", true)) {
      JsonReader vr(*vj, r.child("vehicle"), errors);
      auto cc = read_country(vr, c, "registrationCountry", true);
      v.vehicle.registrationCountry = cc.value_or("");
      v.vehicle.registrationNumber = read_registration(vr, c, "registrationNumber", true, cc).value_or("");
      v.vehicle.vin = vr.str("vin", false);
      v.vehicle.make = vr.str("make", false);
      v.vehicle.model = vr.str("model", false);
      v.vehicle.year = vr.integer("year", false);
    }
    v.asOf = r.date("asOf", true).value_or("");
    v.status = r.one_of("status", true, kVerificationStatuses).value_or("");
    v.reasonCode = r.nonempty("reasonCode", false);
    if (v.status == "unconfirmed" && !v.reasonCode)
      errors.add(r.child("reasonCode"), "required when status is unconfirmed");
    if (const Json* cj = r.object("coverage", false)) {
      JsonReader cr(*cj, r.child("coverage"), errors);
      Coverage cov;
      if (!cj->contains("guarantees") || (*cj)["guarantees"].is_null()) c.differs = true;  // to_json writes []
      cov.validFrom = cr.date("validFrom", false);
      cov.validTo = cr.date("validTo", false);
      if (const Json* g = cr.array("guarantees", false)) {
        for (std::size_t k = 0; k < g->size(); ++k) {
          if (!(*g)[k].is_string() || (*g)[k].get<std::string>().empty())
            errors.add(idx(cr.child("guarantees"), k), "must be a non-empty string");
          else
            cov.guarantees.push_back((*g)[k].get<std::string>());
        }
      }
      v.coverage = cov;
    }
    v.policyholderName = r.str("policyholderName", false);
    if (const Json* a = r.object("agency", false)) {
      JsonReader ar(*a, r.child("agency"), errors);
      AgencyRef ag;
      ag.code = ar.str("code", false);
      ag.name = ar.str("name", false);
      v.agency = ag;
    }
    v.verifiedAt = r.datetime("verifiedAt", true).value_or("");
    v.constatId = r.str("constatId", false);
    if (const Json* ext = r.object("extensions", false)) v.extensions = *ext;
  }
  differs = c.differs;
  if (errors.issues().size() != before) return std::nullopt;
  return v;
}

std::optional<VehicleVerification> parse_vehicle_verification(const Json& j, ValidationErrors& errors,
                                                              const std::string& root,
                                                              const ValidationOptions& options) {
  bool differs = false;
  return detail::parse_vehicle_verification_tracked(j, errors, root, options, differs);
}

Json to_json(const Address& a) { return address_json(a); }
Json to_json(const Person& p) { return person_json(p); }

Json to_json(const Constat& k) {
  Json j = Json::object();
  j["constatId"] = k.constatId;
  j["revision"] = k.revision;
  j["status"] = k.status;
  j["formScheme"] = k.formScheme;
  Json loc = {{"countryCode", k.accident.location.countryCode}, {"place", k.accident.location.place}};
  put(loc, "wilayaCode", k.accident.location.wilayaCode);
  put(loc, "city", k.accident.location.city);
  if (k.accident.location.geo)
    loc["geo"] = {{"lat", k.accident.location.geo->lat}, {"lon", k.accident.location.geo->lon}};
  j["accident"] = {{"occurredAt", k.accident.occurredAt},
                   {"location", loc},
                   {"injuries", k.accident.injuries},
                   {"damageOtherVehicles", k.accident.damageOtherVehicles},
                   {"damageOtherProperty", k.accident.damageOtherProperty}};
  if (k.witnesses) {
    Json w = Json::array();
    for (const auto& p : *k.witnesses) w.push_back(person_json(p));
    j["witnesses"] = w;
  }
  Json sides = Json::array();
  for (const auto& s : k.sides) sides.push_back(side_json(s));
  j["sides"] = sides;
  if (k.sketch) j["sketch"] = attachment_json(*k.sketch);
  if (k.attachments) {
    Json a = Json::array();
    for (const auto& at : *k.attachments) a.push_back(attachment_json(at));
    j["attachments"] = a;
  }
  if (k.extensions) j["extensions"] = *k.extensions;
  return j;
}

Json to_json(const VehicleVerification& v) {
  Json j = Json::object();
  j["verificationId"] = v.verificationId;
  put(j, "requestRef", v.requestRef);
  j["insurerId"] = v.insurerId;
  put(j, "policyNumber", v.policyNumber);
  Json veh = {{"registrationNumber", v.vehicle.registrationNumber},
              {"registrationCountry", v.vehicle.registrationCountry}};
  put(veh, "vin", v.vehicle.vin);
  put(veh, "make", v.vehicle.make);
  put(veh, "model", v.vehicle.model);
  put(veh, "year", v.vehicle.year);
  j["vehicle"] = veh;
  j["asOf"] = v.asOf;
  j["status"] = v.status;
  put(j, "reasonCode", v.reasonCode);
  if (v.coverage) {
    Json c = {{"guarantees", v.coverage->guarantees}};
    put(c, "validFrom", v.coverage->validFrom);
    put(c, "validTo", v.coverage->validTo);
    j["coverage"] = c;
  }
  put(j, "policyholderName", v.policyholderName);
  if (v.agency) {
    Json a = Json::object();
    put(a, "code", v.agency->code);
    put(a, "name", v.agency->name);
    j["agency"] = a;
  }
  j["verifiedAt"] = v.verifiedAt;
  put(j, "constatId", v.constatId);
  if (v.extensions) j["extensions"] = *v.extensions;
  return j;
}

ValidationErrors validate(const Constat& c, const std::string& root, const ValidationOptions& options) {
  ValidationErrors e;
  parse_constat(to_json(c), e, root, options);
  return e;
}

ValidationErrors validate(const VehicleVerification& v, const std::string& root, const ValidationOptions& options) {
  ValidationErrors e;
  parse_vehicle_verification(to_json(v), e, root, options);
  return e;
}

}  // namespace passerelle::sdk
