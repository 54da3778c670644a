#include "saa_constat_mapping.hpp"

#include <stdexcept>

#include "saa_formats.hpp"
#include "saa_outbound_values.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {
namespace {

// ---- canonical -> SAA ----------------------------------------------------------------------

std::string must_code(const Vocabulary& v, const std::string& canonical) {
  auto s = v.to_saa(canonical);
  if (!s) throw std::invalid_argument(v.name() + ": no SAA code for canonical value \"" + canonical + "\"");
  return *s;
}

Json saa_address(const sdk::Address& a) {
  Json j = Json::object();
  put_if(j, "ligne", a.line);
  put_if(j, "commune", a.city);
  put_if(j, "codeWilaya", a.wilayaCode);
  put_if(j, "codePostal", a.postalCode);
  j["pays"] = a.countryCode;
  return j;
}

Json saa_person(const sdk::Person& p) {
  Json j = Json::object();
  j["nom"] = p.lastName;
  put_if(j, "prenom", p.firstName);
  put_if(j, "raisonSociale", p.companyName);
  if (p.address) j["adresse"] = saa_address(*p.address);
  put_if(j, "telephone", p.phone);
  put_if(j, "courriel", p.email);
  return j;
}

Json saa_attachment(const sdk::Attachment& a) {
  Json j = {{"type", must_code(attachment_kinds(), a.kind)}, {"uri", a.uri}, {"typeMedia", a.mediaType}};
  put_if(j, "empreinteSha256", a.sha256);
  return j;
}

Json saa_vehicle(const sdk::Vehicle& v) {
  Json j = {{"marque", v.make}, {"immatriculation", v.registrationNumber}, {"paysImmatriculation", v.registrationCountry}};
  put_if(j, "modele", v.model);
  put_if(j, "numeroChassis", v.vin);
  if (v.trailer) {
    Json t = Json::object();
    put_if(t, "immatriculation", v.trailer->registrationNumber);
    put_if(t, "paysImmatriculation", v.trailer->registrationCountry);
    j["remorque"] = t;
  }
  return j;
}

Json saa_insurance(const sdk::Insurance& in, const std::string& path, CanonicalComplement& complement) {
  Json j = Json::object();
  j["codeAssureur"] = saa_insurer_code(in.insurerId, path + ".insurerId", complement);
  put_if(j, "nomAssureur", in.insurerName);
  j["numeroPolice"] = in.policyNumber;
  put_if(j, "numeroCarteVerte", in.greenCardNumber);
  put_date_if(j, "dateDebut", in.validFrom);
  put_date_if(j, "dateFin", in.validTo);
  if (in.agency) {
    Json a = Json::object();
    put_if(a, "code", in.agency->code);
    put_if(a, "nom", in.agency->name);
    if (in.agency->address) a["adresse"] = saa_address(*in.agency->address);
    put_if(a, "telephone", in.agency->phone);
    j["agence"] = a;
  }
  if (in.ownDamageCovered) j["garantieDommages"] = saa_from_bool(*in.ownDamageCovered);
  return j;
}

Json saa_driver(const sdk::Driver& d) {
  Json j = Json::object();
  j["nom"] = d.lastName;
  put_if(j, "prenom", d.firstName);
  put_date_if(j, "dateNaissance", d.dateOfBirth);
  if (d.address) j["adresse"] = saa_address(*d.address);
  put_if(j, "telephone", d.phone);
  if (d.licence) {
    Json l = {{"numero", d.licence->number}};
    put_if(l, "categorie", d.licence->category);
    put_date_if(l, "dateDelivrance", d.licence->issuedAt);
    put_date_if(l, "dateValidite", d.licence->validUntil);
    j["permis"] = l;
  }
  return j;
}

Json saa_party(const sdk::Side& s, const std::string& path, CanonicalComplement& complement) {
  Json j = Json::object();
  j["lettre"] = s.side;
  j["souscripteur"] = saa_person(s.policyholder);
  j["vehicule"] = saa_vehicle(s.vehicle);
  j["assurance"] = saa_insurance(s.insurance, path + ".insurance", complement);
  j["conducteur"] = saa_driver(s.driver);
  if (s.initialImpact) {
    Json zones = Json::array();
    for (const auto& z : s.initialImpact->zones) zones.push_back(must_code(impact_zones(), z));
    Json imp = {{"zones", zones}};
    put_if(imp, "precision", s.initialImpact->note);
    j["pointChocInitial"] = imp;
  }
  put_if(j, "degatsApparents", s.visibleDamage);
  j["circonstances"] = s.circumstances;
  put_if(j, "observations", s.remarks);
  Json sig = {{"signe", saa_from_bool(s.signature.isSigned)}};
  if (s.signature.signedAt)
    sig["dateSignature"] = saa_datetime(*s.signature.signedAt, path + ".signature.signedAt", complement);
  if (s.signature.method) sig["mode"] = must_code(signature_modes(), *s.signature.method);
  j["signature"] = sig;
  return j;
}

// ---- SAA -> canonical ----------------------------------------------------------------------

void read_address(FieldMapper& m) {
  m.text("ligne", "line");
  m.text("commune", "city");
  m.text("codeWilaya", "wilayaCode");
  m.text("codePostal", "postalCode");
  m.text("pays", "countryCode", Need::required);
}

void read_person(FieldMapper& m) {
  m.text("nom", "lastName", Need::required);
  m.text("prenom", "firstName");
  m.text("raisonSociale", "companyName");
  map_object(m, "adresse", "address", Need::optional, read_address);
  m.text("telephone", "phone");
  m.text("courriel", "email");
}

void read_attachment(FieldMapper& m) {
  m.code("type", "kind", attachment_kinds(), Need::required);
  m.text("uri", "uri", Need::required);
  m.text("typeMedia", "mediaType", Need::required);
  m.text("empreinteSha256", "sha256");
}

void read_party(FieldMapper& m) {
  m.text("lettre", "side", Need::required);
  map_object(m, "souscripteur", "policyholder", Need::required, read_person);
  map_object(m, "vehicule", "vehicle", Need::required, [](FieldMapper& v) {
    v.text("marque", "make", Need::required);
    v.text("modele", "model");
    v.text("immatriculation", "registrationNumber", Need::required);
    v.text("paysImmatriculation", "registrationCountry", Need::required);
    v.text("numeroChassis", "vin");
    map_object(v, "remorque", "trailer", Need::optional, [](FieldMapper& t) {
      t.text("immatriculation", "registrationNumber");
      t.text("paysImmatriculation", "registrationCountry");
    });
  });
  map_object(m, "assurance", "insurance", Need::required, [](FieldMapper& a) {
    if (auto code = a.read_text("codeAssureur", Need::required))
      a.put("insurerId", canonical_insurer_id(*code, a.canonical("insurerId"), a.state().complement), "codeAssureur");
    a.text("nomAssureur", "insurerName");
    a.text("numeroPolice", "policyNumber", Need::required);
    a.text("numeroCarteVerte", "greenCardNumber");
    a.date("dateDebut", "validFrom");
    a.date("dateFin", "validTo");
    map_object(a, "agence", "agency", Need::optional, [](FieldMapper& g) {
      g.text("code", "code");
      g.text("nom", "name");
      map_object(g, "adresse", "address", Need::optional, read_address);
      g.text("telephone", "phone");
    });
    a.yes_no("garantieDommages", "ownDamageCovered");
  });
  map_object(m, "conducteur", "driver", Need::required, [](FieldMapper& d) {
    d.text("nom", "lastName", Need::required);
    d.text("prenom", "firstName");
    d.date("dateNaissance", "dateOfBirth");
    map_object(d, "adresse", "address", Need::optional, read_address);
    d.text("telephone", "phone");
    map_object(d, "permis", "licence", Need::optional, [](FieldMapper& l) {
      l.text("numero", "number", Need::required);
      l.text("categorie", "category");
      l.date("dateDelivrance", "issuedAt");
      l.date("dateValidite", "validUntil");
    });
  });
  map_object(m, "pointChocInitial", "initialImpact", Need::optional, [](FieldMapper& p) {
    p.codes("zones", "zones", impact_zones(), Need::required);
    p.text("precision", "note");
  });
  m.text("degatsApparents", "visibleDamage");
  m.integers("circonstances", "circumstances", Need::required);
  m.text("observations", "remarks");
  map_object(m, "signature", "signature", Need::required, [](FieldMapper& s) {
    s.yes_no("signe", "signed", Need::required);
    s.datetime("dateSignature", "signedAt");
    s.code("mode", "method", signature_modes());
  });
}

}  // namespace

Json saa_constat_body(const sdk::Constat& c, CanonicalComplement& complement) {
  Json j = Json::object();
  j["numeroConstat"] = c.constatId;
  j["numeroRevision"] = c.revision;
  j["statut"] = must_code(constat_statuses(), c.status);
  j["referentielCirconstances"] = c.formScheme;
  j["dateHeureAccident"] = saa_datetime(c.accident.occurredAt, "data.accident.occurredAt", complement);
  const auto& loc = c.accident.location;
  Json lieu = {{"pays", loc.countryCode}, {"adresse", loc.place}};
  put_if(lieu, "codeWilaya", loc.wilayaCode);
  put_if(lieu, "commune", loc.city);
  if (loc.geo) lieu["coordonnees"] = {{"latitude", loc.geo->lat}, {"longitude", loc.geo->lon}};
  j["lieu"] = lieu;
  j["blesses"] = saa_from_bool(c.accident.injuries);
  j["degatsAutresVehicules"] = saa_from_bool(c.accident.damageOtherVehicles);
  j["degatsAutresBiens"] = saa_from_bool(c.accident.damageOtherProperty);
  if (c.witnesses) {
    Json w = Json::array();
    for (const auto& p : *c.witnesses) w.push_back(saa_person(p));
    j["temoins"] = w;
  }
  Json parties = Json::array();
  for (std::size_t i = 0; i < c.sides.size(); ++i)
    parties.push_back(saa_party(c.sides[i], "data.sides[" + std::to_string(i) + "]", complement));
  j["parties"] = parties;
  if (c.sketch) j["croquis"] = saa_attachment(*c.sketch);
  if (c.attachments) {
    Json a = Json::array();
    for (const auto& at : *c.attachments) a.push_back(saa_attachment(at));
    j["piecesJointes"] = a;
  }
  return j;
}

Json canonical_constat_data(const Json& body, const std::string& saa_path, InboundState& state) {
  Json data = Json::object();
  FieldMapper m(body, saa_path, data, "data", state);
  if (!m.valid()) return data;
  m.text("numeroConstat", "constatId", Need::required);
  m.integer("numeroRevision", "revision", Need::required);
  m.code("statut", "status", constat_statuses(), Need::required);
  m.text("referentielCirconstances", "formScheme");

  // SAA keeps box 1-4 at the top of the constat; the canonical model groups them in `accident`.
  Json accident = Json::object();
  {
    FieldMapper a(body, saa_path, accident, "data.accident", state);
    a.datetime("dateHeureAccident", "occurredAt", Need::required);
    map_object(a, "lieu", "location", Need::required, [](FieldMapper& l) {
      l.text("pays", "countryCode", Need::required);
      l.text("codeWilaya", "wilayaCode");
      l.text("commune", "city");
      l.text("adresse", "place", Need::required);
      map_object(l, "coordonnees", "geo", Need::optional, [](FieldMapper& g) {
        g.number("latitude", "lat", Need::required);
        g.number("longitude", "lon", Need::required);
      });
    });
    a.yes_no("blesses", "injuries", Need::required);
    a.yes_no("degatsAutresVehicules", "damageOtherVehicles", Need::required);
    a.yes_no("degatsAutresBiens", "damageOtherProperty", Need::required);
  }
  data["accident"] = std::move(accident);

  map_list(m, "temoins", "witnesses", Need::optional, read_person);
  map_list(m, "parties", "sides", Need::required, read_party);
  map_object(m, "croquis", "sketch", Need::optional, read_attachment);
  map_list(m, "piecesJointes", "attachments", Need::optional, read_attachment);
  return data;
}

}  // namespace passerelle::saa
