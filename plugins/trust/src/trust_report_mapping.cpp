#include "trust_report_mapping.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "trust_common_mapping.hpp"
#include "trust_time.hpp"

namespace passerelle::trust {
namespace {

// extensions.<id> members with a Trust field of their own; customFields never supplies them,
// so a Trust report that sends both cannot make one silently override the other.
const std::set<std::string> kReservedExtensionKeys = {"channel", "claimNumber", "parties", "unmappedFields"};

// Per-party Trust fields: car.fiscalPower (integer, fiscal horsepower) and car.usage (string).
bool party_extra_ok(const std::string& key, const Json& v) {
  if (key == "fiscalPower") return is_int64(v);
  if (key == "usage") return v.is_string();
  return false;
}

// extensions.<id>.parties goes to the parties' car fields only when every entry fits there
// exactly; otherwise it stays whole in customFields.
bool parties_fit(const Json& parties, const sdk::Constat& c) {
  if (!parties.is_object() || parties.empty()) return false;
  for (auto it = parties.begin(); it != parties.end(); ++it) {
    const bool known_role = std::any_of(c.sides.begin(), c.sides.end(), [&](const sdk::Side& s) { return s.side == it.key(); });
    if (!known_role || !it->is_object() || it->empty()) return false;
    for (auto f = it->begin(); f != it->end(); ++f)
      if (!party_extra_ok(f.key(), *f)) return false;
  }
  return true;
}

Json media_to_trust(const sdk::Attachment& a) {
  Json j = {{"type", media_types().to_trust(a.kind).value_or(a.kind)}, {"url", a.uri}, {"mimeType", a.mediaType}};
  put(j, "sha256", a.sha256);
  return j;
}

Json party_to_trust(const sdk::Side& s, const Json* extras) {
  Json p = Json::object();
  p["role"] = s.side;
  p["insured"] = person_to_trust(s.policyholder);

  Json car = vehicle_to_trust(s.vehicle);
  if (extras) {
    for (auto it = extras->begin(); it != extras->end(); ++it) car[it.key()] = *it;
  }
  p["car"] = car;
  p["policy"] = insurance_to_trust(s.insurance);

  const sdk::Driver& d = s.driver;
  Json op = {{"surname", d.lastName}};
  put(op, "givenName", d.firstName);
  put(op, "birthDate", d.dateOfBirth);
  if (d.address) op["address"] = address_to_trust(*d.address);
  put(op, "phoneNumber", d.phone);
  if (d.licence) {
    Json l = {{"number", d.licence->number}};
    put(l, "class", d.licence->category);
    put(l, "issueDate", d.licence->issuedAt);
    put(l, "expiryDate", d.licence->validUntil);
    op["drivingLicence"] = l;
  }
  p["operator"] = op;

  if (s.initialImpact) {
    Json points = Json::array();
    for (const auto& z : s.initialImpact->zones) points.push_back(impact_points().to_trust(z).value_or(z));
    Json impact = {{"points", points}};
    put(impact, "comment", s.initialImpact->note);
    p["impact"] = impact;
  }
  put(p, "damageDescription", s.visibleDamage);
  p["boxesTicked"] = s.circumstances;
  put(p, "observations", s.remarks);
  Json sig = {{"present", s.signature.isSigned}};
  if (s.signature.signedAt) sig["timestamp"] = to_trust_timestamp(*s.signature.signedAt).value_or(*s.signature.signedAt);
  if (s.signature.method) sig["type"] = signature_types().to_trust(*s.signature.method).value_or(*s.signature.method);
  p["signature"] = sig;
  return p;
}

std::optional<sdk::Attachment> media_from_trust(const Json& j, const std::string& path, ReadContext& ctx) {
  TrustReader r(j, path, ctx);
  if (!r.valid()) return std::nullopt;
  sdk::Attachment a;
  a.kind = r.code("type", true, media_types()).value_or("");
  a.uri = r.text("url", true).value_or("");
  a.mediaType = r.text("mimeType", true).value_or("");
  a.sha256 = r.str("sha256", false);
  if (a.sha256 && (a.sha256->size() != 64 || !std::all_of(a.sha256->begin(), a.sha256->end(), [](char c) {
                     return std::isxdigit(static_cast<unsigned char>(c)) != 0;
                   })))
    r.error("sha256", "must be 64 hexadecimal digits");
  return a;
}

void read_car(TrustReader& pr, sdk::Side& s, Json& party_extras) {
  const Json* cj = pr.object("car", true);
  if (!cj) return;
  TrustReader r(*cj, pr.child("car"), pr.context());
  read_vehicle(r, s.vehicle);
  if (auto fp = r.integer("fiscalPower", false)) party_extras["fiscalPower"] = *fp;
  if (auto u = r.str("usage", false)) party_extras["usage"] = *u;
}

void read_policy(TrustReader& pr, sdk::Side& s) {
  const Json* pj = pr.object("policy", true);
  if (!pj) return;
  TrustReader r(*pj, pr.child("policy"), pr.context());
  read_insurance(r, s.insurance);
}

void read_operator(TrustReader& pr, sdk::Side& s) {
  const Json* oj = pr.object("operator", true);
  if (!oj) return;
  TrustReader r(*oj, pr.child("operator"), pr.context());
  sdk::Driver& d = s.driver;
  d.lastName = r.text("surname", true).value_or("");
  d.firstName = r.str("givenName", false);
  d.dateOfBirth = r.date("birthDate", false);
  d.address = opt_address(r, "address");
  d.phone = r.str("phoneNumber", false);
  if (const Json* l = r.object("drivingLicence", false)) {
    TrustReader lr(*l, r.child("drivingLicence"), r.context());
    sdk::Licence lic;
    lic.number = lr.text("number", true).value_or("");
    lic.category = lr.str("class", false);
    lic.issuedAt = lr.date("issueDate", false);
    lic.validUntil = lr.date("expiryDate", false);
    d.licence = lic;
  }
}

std::optional<sdk::Side> party_from_trust(const Json& j, const std::string& path, ReadContext& ctx, Json& party_extras) {
  TrustReader r(j, path, ctx);
  if (!r.valid()) return std::nullopt;
  sdk::Side s;
  auto role = r.str("role", true);
  if (role && !(role->size() == 1 && (*role)[0] >= 'A' && (*role)[0] <= 'Z'))
    r.error("role", "must be one capital letter A..Z (got \"" + *role + "\")");
  s.side = role.value_or("");
  if (const Json* p = r.object("insured", true)) s.policyholder = person_from_trust(*p, r.child("insured"), ctx).value_or(sdk::Person{});
  read_car(r, s, party_extras);
  read_policy(r, s);
  read_operator(r, s);
  if (const Json* ij = r.object("impact", false)) {
    TrustReader ir(*ij, r.child("impact"), ctx);
    sdk::InitialImpact imp;
    if (const Json* pts = ir.array("points", true)) {
      std::set<std::string> seen;
      for (std::size_t k = 0; k < pts->size(); ++k) {
        const Json& pt = (*pts)[k];
        const std::string pp = index_path(ir.child("points"), k);
        auto zone = pt.is_string() ? impact_points().to_canonical(pt.get<std::string>()) : std::nullopt;
        if (!zone) {
          ctx.errors.add(pp, "must be an impact point code (expected one of: " + impact_points().trust_codes() + ")");
          continue;
        }
        if (!seen.insert(*zone).second) ctx.errors.add(pp, "duplicate impact point");
        imp.zones.push_back(*zone);
      }
    }
    imp.note = ir.str("comment", false);
    s.initialImpact = imp;
  }
  s.visibleDamage = r.str("damageDescription", false);
  if (const Json* boxes = r.array("boxesTicked", true)) {
    std::set<std::int64_t> seen;
    for (std::size_t k = 0; k < boxes->size(); ++k) {
      const Json& b = (*boxes)[k];
      const std::string bp = index_path(r.child("boxesTicked"), k);
      if (!is_int64(b) || b.get<std::int64_t>() < 1 || b.get<std::int64_t>() > 17) {
        ctx.errors.add(bp, "must be a box number 1..17");
        continue;
      }
      if (!seen.insert(b.get<std::int64_t>()).second) ctx.errors.add(bp, "duplicate box");
      s.circumstances.push_back(static_cast<int>(b.get<std::int64_t>()));
    }
  }
  s.remarks = r.str("observations", false);
  if (const Json* sj = r.object("signature", true)) {
    TrustReader sr(*sj, r.child("signature"), ctx);
    s.signature.isSigned = sr.flag("present", true).value_or(false);
    s.signature.signedAt = sr.timestamp("timestamp", false);
    s.signature.method = sr.code("type", false, signature_types());
  }
  return s;
}

}  // namespace

Json report_to_trust(const sdk::Constat& c, const Json& trust_fields) {
  Json report = Json::object();
  report["reportRef"] = c.constatId;
  report["version"] = c.revision;
  report["state"] = report_states().to_trust(c.status).value_or(c.status);
  report["circumstanceScheme"] = c.formScheme;

  const sdk::Location& loc = c.accident.location;
  Json address = {{"description", loc.place}, {"country", loc.countryCode}};
  put(address, "town", loc.city);
  if (loc.wilayaCode) address["wilaya"] = std::stoi(*loc.wilayaCode);
  Json incident = {{"timestamp", to_trust_timestamp(c.accident.occurredAt).value_or(c.accident.occurredAt)},
                   {"address", address},
                   {"flags",
                    {{"bodilyInjury", c.accident.injuries},
                     {"thirdPartyVehicleDamage", c.accident.damageOtherVehicles},
                     {"propertyDamage", c.accident.damageOtherProperty}}}};
  if (loc.geo) incident["gps"] = {{"latitude", loc.geo->lat}, {"longitude", loc.geo->lon}};
  report["incident"] = incident;

  if (c.witnesses) {
    Json w = Json::array();
    for (const auto& p : *c.witnesses) w.push_back(person_to_trust(p));
    report["witnessList"] = w;
  }

  const Json* party_extras = nullptr;
  Json custom = Json::object();
  if (trust_fields.is_object()) {
    for (auto it = trust_fields.begin(); it != trust_fields.end(); ++it) {
      const std::string& k = it.key();
      // A reserved member that does not fit its Trust field is left to x-canonical: in
      // customFields it would read back as an unmapped field instead.
      if ((k == "channel" || k == "claimNumber") && it->is_string()) report[k] = *it;
      else if (k == "parties" && parties_fit(*it, c)) party_extras = &*it;
      else if (!kReservedExtensionKeys.count(k)) custom[k] = *it;
    }
  }
  Json parties = Json::array();
  for (const auto& s : c.sides) {
    const Json* extras = nullptr;
    if (party_extras && party_extras->contains(s.side)) extras = &(*party_extras)[s.side];
    parties.push_back(party_to_trust(s, extras));
  }
  report["parties"] = parties;
  if (c.sketch) report["sketch"] = media_to_trust(*c.sketch);
  if (c.attachments) {
    Json media = Json::array();
    for (const auto& a : *c.attachments) media.push_back(media_to_trust(a));
    report["media"] = media;
  }
  if (!custom.empty()) report["customFields"] = custom;
  return report;
}

std::optional<ReportRead> report_from_trust(const Json& j, const std::string& path, ReadContext& ctx) {
  const std::size_t before = ctx.errors.issues().size();
  ReportRead out;
  sdk::Constat& c = out.constat;
  {
    TrustReader r(j, path, ctx);
    if (!r.valid()) return std::nullopt;
    c.constatId = r.text("reportRef", true).value_or("");
    auto version = r.integer("version", true);
    if (version && *version < 1) r.error("version", "must be an integer >= 1");
    c.revision = version.value_or(1);
    c.status = r.code("state", true, report_states()).value_or("");
    c.formScheme = r.text("circumstanceScheme", false).value_or("EAS-17");

    if (const Json* ij = r.object("incident", true)) {
      TrustReader ir(*ij, r.child("incident"), ctx);
      c.accident.occurredAt = ir.timestamp("timestamp", true).value_or("");
      if (const Json* aj = ir.object("address", true)) {
        TrustReader ar(*aj, ir.child("address"), ctx);
        c.accident.location.place = ar.text("description", true).value_or("");
        c.accident.location.city = ar.str("town", false);
        c.accident.location.wilayaCode = ar.wilaya("wilaya", false);
        c.accident.location.countryCode = ar.country("country", true).value_or("");
      }
      if (const Json* gj = ir.object("gps", false)) {
        TrustReader gr(*gj, ir.child("gps"), ctx);
        sdk::GeoPoint g;
        auto lat = gr.number("latitude", true);
        auto lon = gr.number("longitude", true);
        if (lat && (*lat < -90 || *lat > 90)) gr.error("latitude", "must be within -90..90");
        if (lon && (*lon < -180 || *lon > 180)) gr.error("longitude", "must be within -180..180");
        g.lat = lat.value_or(0);
        g.lon = lon.value_or(0);
        c.accident.location.geo = g;
      }
      if (const Json* fj = ir.object("flags", true)) {
        TrustReader fr(*fj, ir.child("flags"), ctx);
        c.accident.injuries = fr.flag("bodilyInjury", true).value_or(false);
        c.accident.damageOtherVehicles = fr.flag("thirdPartyVehicleDamage", true).value_or(false);
        c.accident.damageOtherProperty = fr.flag("propertyDamage", true).value_or(false);
      }
    }

    if (const Json* w = r.array("witnessList", false)) {
      std::vector<sdk::Person> witnesses;
      for (std::size_t i = 0; i < w->size(); ++i)
        if (auto p = person_from_trust((*w)[i], index_path(r.child("witnessList"), i), ctx)) witnesses.push_back(*p);
      c.witnesses = witnesses;
    }

    Json party_fields = Json::object();
    if (const Json* pj = r.array("parties", true)) {
      if (pj->empty()) r.error("parties", "must hold at least one party");
      std::set<std::string> roles;
      for (std::size_t i = 0; i < pj->size(); ++i) {
        const std::string pp = index_path(r.child("parties"), i);
        Json extras = Json::object();
        auto s = party_from_trust((*pj)[i], pp, ctx, extras);
        if (!s) continue;
        if (!s->side.empty() && !roles.insert(s->side).second) ctx.errors.add(pp + ".role", "duplicate role " + s->side);
        if (!extras.empty() && !s->side.empty()) party_fields[s->side] = extras;
        c.sides.push_back(std::move(*s));
      }
    }
    if (const Json* sk = r.object("sketch", false)) c.sketch = media_from_trust(*sk, r.child("sketch"), ctx);
    if (const Json* m = r.array("media", false)) {
      std::vector<sdk::Attachment> media;
      for (std::size_t i = 0; i < m->size(); ++i)
        if (auto a = media_from_trust((*m)[i], index_path(r.child("media"), i), ctx)) media.push_back(*a);
      c.attachments = media;
    }

    if (auto ch = r.str("channel", false)) out.trust_fields["channel"] = *ch;
    if (auto cn = r.str("claimNumber", false)) out.trust_fields["claimNumber"] = *cn;
    if (!party_fields.empty()) out.trust_fields["parties"] = party_fields;
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
