#include "saa_vocabulary.hpp"

namespace passerelle::saa {

Vocabulary::Vocabulary(std::string name, std::vector<VocabularyEntry> entries)
    : name_(std::move(name)), entries_(std::move(entries)) {}

std::optional<std::string> Vocabulary::to_saa(const std::string& canonical) const {
  for (const auto& e : entries_)
    if (e.canonical == canonical) return e.saa;
  return std::nullopt;
}

std::optional<std::string> Vocabulary::to_canonical(const std::string& saa) const {
  for (const auto& e : entries_) {
    if (e.saa == saa) return e.canonical;
    for (const auto& a : e.aliases)
      if (a == saa) return e.canonical;
  }
  return std::nullopt;
}

std::string Vocabulary::saa_codes() const {
  std::string out;
  for (const auto& e : entries_) out += (out.empty() ? "" : ", ") + e.saa;
  return out;
}

const Vocabulary& constat_statuses() {
  static const Vocabulary v("statut", {{"draft", "brouillon", {}},
                                       {"signed", "signe", {"signé"}},
                                       {"submitted", "soumis", {}},
                                       {"acknowledged", "accuse_reception", {"accusé_réception"}},
                                       {"in_review", "en_instruction", {}},
                                       {"settled", "regle", {"réglé"}},
                                       {"rejected", "rejete", {"rejeté"}},
                                       {"closed", "cloture", {"clôturé", "cloturé"}}});
  return v;
}

const Vocabulary& impact_zones() {
  static const Vocabulary v("zone", {{"front", "avant", {}},
                                     {"front_left", "avant_gauche", {}},
                                     {"front_right", "avant_droit", {}},
                                     {"left", "cote_gauche", {"côté_gauche"}},
                                     {"right", "cote_droit", {"côté_droit"}},
                                     {"rear", "arriere", {"arrière"}},
                                     {"rear_left", "arriere_gauche", {"arrière_gauche"}},
                                     {"rear_right", "arriere_droit", {"arrière_droit"}},
                                     {"roof", "toit", {}},
                                     {"underbody", "dessous", {"soubassement"}}});
  return v;
}

const Vocabulary& attachment_kinds() {
  static const Vocabulary v("type", {{"photo", "photo", {}},
                                     {"sketch", "croquis", {}},
                                     {"scan", "numerisation", {"numérisation"}},
                                     {"pdf", "pdf", {}}});
  return v;
}

const Vocabulary& signature_modes() {
  static const Vocabulary v("mode", {{"handwritten", "manuscrite", {}}, {"electronic", "electronique", {"électronique"}}});
  return v;
}

const Vocabulary& verification_results() {
  static const Vocabulary v("resultat", {{"confirmed", "confirme", {"confirmé"}},
                                         {"unconfirmed", "non_confirme", {"non_confirmé"}}});
  return v;
}

const Vocabulary& refusal_reasons() {
  static const Vocabulary v("motif", {{"policy_expired", "police_expiree", {"police_expirée"}},
                                      {"policy_suspended", "police_suspendue", {}},
                                      {"vehicle_not_found", "vehicule_inconnu", {"véhicule_inconnu"}},
                                      {"policy_not_found", "police_inconnue", {}}});
  return v;
}

const Vocabulary& policy_states() {
  static const Vocabulary v("etatPolice", {{"active", "en_vigueur", {}},
                                           {"expired", "expiree", {"expirée"}},
                                           {"suspended", "suspendue", {}},
                                           {"cancelled", "resiliee", {"résiliée"}}});
  return v;
}

const Vocabulary& message_types() {
  static const Vocabulary v("typeMessage", {{"constat.created", "CONSTAT_CREE", {}},
                                            {"constat.updated", "CONSTAT_MODIFIE", {}},
                                            {"vehicle.verified", "VEHICULE_VERIFIE", {}}});
  return v;
}

}  // namespace passerelle::saa
