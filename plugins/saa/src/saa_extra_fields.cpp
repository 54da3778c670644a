#include "saa_extra_fields.hpp"

#include <algorithm>

namespace passerelle::saa {

using sdk::Json;
using Kind = FieldSchema::Kind;
using Member = FieldSchema::Member;

namespace {

Member value() { return {Kind::value, nullptr}; }
Member object(const FieldSchema& s) { return {Kind::object, &s}; }
Member by_letter(const FieldSchema& s) { return {Kind::list_by_letter, &s}; }
Member by_position(const FieldSchema& s) { return {Kind::list_by_position, &s}; }

const FieldSchema& address_schema() {
  static const FieldSchema s({{"ligne", value()},
                              {"commune", value()},
                              {"codeWilaya", value()},
                              {"codePostal", value()},
                              {"pays", value()}});
  return s;
}

const FieldSchema& person_schema() {
  static const FieldSchema s({{"nom", value()},
                              {"prenom", value()},
                              {"raisonSociale", value()},
                              {"adresse", object(address_schema())},
                              {"telephone", value()},
                              {"courriel", value()}});
  return s;
}

const FieldSchema& attachment_schema() {
  static const FieldSchema s(
      {{"type", value()}, {"uri", value()}, {"typeMedia", value()}, {"empreinteSha256", value()}});
  return s;
}

const FieldSchema& party_schema() {
  static const FieldSchema trailer({{"immatriculation", value()}, {"paysImmatriculation", value()}});
  static const FieldSchema vehicle({{"marque", value()},
                                    {"modele", value()},
                                    {"immatriculation", value()},
                                    {"paysImmatriculation", value()},
                                    {"numeroChassis", value()},
                                    {"remorque", object(trailer)}});
  static const FieldSchema agency(
      {{"code", value()}, {"nom", value()}, {"adresse", object(address_schema())}, {"telephone", value()}});
  static const FieldSchema insurance({{"codeAssureur", value()},
                                      {"nomAssureur", value()},
                                      {"numeroPolice", value()},
                                      {"numeroCarteVerte", value()},
                                      {"dateDebut", value()},
                                      {"dateFin", value()},
                                      {"agence", object(agency)},
                                      {"garantieDommages", value()}});
  static const FieldSchema licence(
      {{"numero", value()}, {"categorie", value()}, {"dateDelivrance", value()}, {"dateValidite", value()}});
  static const FieldSchema driver({{"nom", value()},
                                   {"prenom", value()},
                                   {"dateNaissance", value()},
                                   {"adresse", object(address_schema())},
                                   {"telephone", value()},
                                   {"permis", object(licence)}});
  static const FieldSchema impact({{"zones", value()}, {"precision", value()}});
  static const FieldSchema signature({{"signe", value()}, {"dateSignature", value()}, {"mode", value()}});
  static const FieldSchema s({{"lettre", value()},
                              {"souscripteur", object(person_schema())},
                              {"vehicule", object(vehicle)},
                              {"assurance", object(insurance)},
                              {"conducteur", object(driver)},
                              {"pointChocInitial", object(impact)},
                              {"degatsApparents", value()},
                              {"circonstances", value()},
                              {"observations", value()},
                              {"signature", object(signature)}});
  return s;
}

bool is_position(const std::string& key, std::size_t size) {
  if (key.empty() || key.size() > 9 || !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  if (key.size() > 1 && key[0] == '0') return false;  // one spelling per position
  return std::stoul(key) < size;
}

Json* find_element(Json& list, const std::string& key, Kind kind) {
  if (kind == Kind::list_by_position) return is_position(key, list.size()) ? &list[std::stoul(key)] : nullptr;
  for (auto& e : list) {
    if (e.is_object() && e.contains("lettre") && e["lettre"].is_string() && e["lettre"].get<std::string>() == key)
      return &e;
  }
  return nullptr;
}

bool place_into(Json& target, const Json& extra, const FieldSchema& schema) {
  if (!target.is_object() || !extra.is_object() || extra.empty()) return false;
  for (auto it = extra.begin(); it != extra.end(); ++it) {
    const Member* m = schema.member(it.key());
    if (!m) {
      if (target.contains(it.key())) return false;
      target[it.key()] = it.value();
      continue;
    }
    auto t = target.find(it.key());
    if (m->kind == Kind::value || t == target.end()) return false;
    if (m->kind == Kind::object) {
      if (!place_into(*t, it.value(), *m->schema)) return false;
      continue;
    }
    if (!t->is_array() || !it.value().is_object() || it.value().empty()) return false;
    for (auto e = it.value().begin(); e != it.value().end(); ++e) {
      Json* element = find_element(*t, e.key(), m->kind);
      if (!element || !place_into(*element, e.value(), *m->schema)) return false;
    }
  }
  return true;
}

// SAA's fields are the newer word: they win, member by member, over a carried copy.
void merge_into(Json& carried, const Json& fresh) {
  for (auto it = fresh.begin(); it != fresh.end(); ++it) {
    auto c = carried.find(it.key());
    if (c != carried.end() && c->is_object() && it.value().is_object()) merge_into(*c, it.value());
    else carried[it.key()] = it.value();
  }
}

}  // namespace

const FieldSchema::Member* FieldSchema::member(const std::string& name) const {
  auto it = members_.find(name);
  return it == members_.end() ? nullptr : &it->second;
}

const FieldSchema& constat_body_schema() {
  static const FieldSchema coordinates({{"latitude", value()}, {"longitude", value()}});
  static const FieldSchema place({{"pays", value()},
                                  {"codeWilaya", value()},
                                  {"commune", value()},
                                  {"adresse", value()},
                                  {"coordonnees", object(coordinates)}});
  static const FieldSchema s({{"numeroConstat", value()},
                              {"numeroRevision", value()},
                              {"statut", value()},
                              {"referentielCirconstances", value()},
                              {"dateHeureAccident", value()},
                              {"lieu", object(place)},
                              {"blesses", value()},
                              {"degatsAutresVehicules", value()},
                              {"degatsAutresBiens", value()},
                              {"temoins", by_position(person_schema())},
                              {"parties", by_letter(party_schema())},
                              {"croquis", object(attachment_schema())},
                              {"piecesJointes", by_position(attachment_schema())}});
  return s;
}

const FieldSchema& verification_body_schema() {
  static const FieldSchema vehicle({{"immatriculation", value()},
                                    {"paysImmatriculation", value()},
                                    {"numeroChassis", value()},
                                    {"marque", value()},
                                    {"modele", value()},
                                    {"annee", value()}});
  static const FieldSchema coverage({{"dateDebut", value()}, {"dateFin", value()}, {"garanties", value()}});
  static const FieldSchema agency({{"code", value()}, {"nom", value()}});
  static const FieldSchema s({{"idVerification", value()},
                              {"referenceDemande", value()},
                              {"codeAssureur", value()},
                              {"numeroPolice", value()},
                              {"vehicule", object(vehicle)},
                              {"dateReference", value()},
                              {"resultat", value()},
                              {"motif", value()},
                              {"motifAutre", value()},
                              {"couverture", object(coverage)},
                              {"nomSouscripteur", value()},
                              {"agence", object(agency)},
                              {"dateHeureVerification", value()},
                              {"numeroConstat", value()}});
  return s;
}

const FieldSchema& attestation_schema() {
  static const FieldSchema agency({{"code", value()}, {"nom", value()}});
  static const FieldSchema s({{"idAttestation", value()},
                              {"immatriculation", value()},
                              {"paysImmatriculation", value()},
                              {"numeroChassis", value()},
                              {"marque", value()},
                              {"modele", value()},
                              {"annee", value()},
                              {"numeroPolice", value()},
                              {"nomSouscripteur", value()},
                              {"etatPolice", value()},
                              {"dateDebut", value()},
                              {"dateFin", value()},
                              {"garanties", value()},
                              {"agence", object(agency)},
                              {"dateHeureVerification", value()}});
  return s;
}

const FieldSchema& policy_schema() {
  static const FieldSchema vehicle({{"immatriculation", value()},
                                    {"paysImmatriculation", value()},
                                    {"numeroChassis", value()},
                                    {"marque", value()},
                                    {"modele", value()},
                                    {"annee", value()}});
  static const FieldSchema agency(
      {{"code", value()}, {"nom", value()}, {"adresse", object(address_schema())}, {"telephone", value()}});
  static const FieldSchema s({{"numeroPolice", value()},
                              {"etat", value()},
                              {"dateDebut", value()},
                              {"dateFin", value()},
                              {"garanties", value()},
                              {"souscripteur", object(person_schema())},
                              {"vehicules", by_position(vehicle)},
                              {"agence", object(agency)}});
  return s;
}

Json collect_extra_fields(const Json& saa_object, const FieldSchema& schema) {
  Json out = Json::object();
  if (!saa_object.is_object()) return out;
  for (auto it = saa_object.begin(); it != saa_object.end(); ++it) {
    const Member* m = schema.member(it.key());
    if (!m) {
      out[it.key()] = it.value();
      continue;
    }
    if (m->kind == Kind::object) {
      Json sub = collect_extra_fields(it.value(), *m->schema);
      if (!sub.empty()) out[it.key()] = std::move(sub);
    } else if (m->kind != Kind::value && it.value().is_array()) {
      Json subs = Json::object();
      for (std::size_t i = 0; i < it.value().size(); ++i) {
        const Json& element = it.value()[i];
        std::string key = std::to_string(i);
        if (m->kind == Kind::list_by_letter) {
          // A party without a usable letter is rejected by the mapping; nothing to keep here.
          if (!element.is_object() || !element.contains("lettre") || !element["lettre"].is_string()) continue;
          key = element["lettre"].get<std::string>();
        }
        Json sub = collect_extra_fields(element, *m->schema);
        if (!sub.empty()) subs[key] = std::move(sub);
      }
      if (!subs.empty()) out[it.key()] = std::move(subs);
    }
  }
  return out;
}

bool place_extra_fields(Json& saa_object, const Json& extra, const FieldSchema& schema) {
  Json candidate = saa_object;
  if (!place_into(candidate, extra, schema)) return false;
  // The schema decides what is extra on the way back in: check that it will see exactly this.
  if (collect_extra_fields(candidate, schema) != extra) return false;
  saa_object = std::move(candidate);
  return true;
}

void write_extensions(const std::optional<Json>& extensions, const std::string& own_insurer_id, Json& saa_body,
                      const FieldSchema& schema, CanonicalComplement& complement) {
  if (!extensions) return;
  Json rest = *extensions;
  auto own = extensions->find(own_insurer_id);
  if (own != extensions->end() && place_extra_fields(saa_body, *own, schema)) rest.erase(own_insurer_id);
  // Once SAA's part is in SAA's fields, an empty rest says nothing read_extensions() cannot infer;
  // otherwise it is carried, even empty, because "extensions": {} must come back as such.
  if (!rest.empty() || rest.size() == extensions->size()) complement.extensions = std::move(rest);
}

std::optional<Json> read_extensions(const Json& saa_body, const std::string& own_insurer_id,
                                    const FieldSchema& schema, const CanonicalComplement* complement) {
  Json extra = collect_extra_fields(saa_body, schema);
  std::optional<Json> out;
  if (complement && complement->extensions) out = *complement->extensions;
  if (extra.empty()) return out;
  if (!out) out = Json::object();
  Json& own = (*out)[own_insurer_id];
  if (own.is_object()) merge_into(own, extra);
  else own = std::move(extra);
  return out;
}

}  // namespace passerelle::saa
