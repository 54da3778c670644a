#include "saa_verification_mapping.hpp"

#include <stdexcept>

#include "saa_outbound_values.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {

Json saa_verification_body(const sdk::VehicleVerification& v, CanonicalComplement& complement) {
  Json j = Json::object();
  j["idVerification"] = v.verificationId;
  put_if(j, "referenceDemande", v.requestRef);
  j["codeAssureur"] = saa_insurer_code(v.insurerId, "data.insurerId", complement);
  put_if(j, "numeroPolice", v.policyNumber);
  Json veh = {{"immatriculation", v.vehicle.registrationNumber}, {"paysImmatriculation", v.vehicle.registrationCountry}};
  put_if(veh, "numeroChassis", v.vehicle.vin);
  put_if(veh, "marque", v.vehicle.make);
  put_if(veh, "modele", v.vehicle.model);
  put_if(veh, "annee", v.vehicle.year);
  j["vehicule"] = veh;
  j["dateReference"] = saa_date(v.asOf);
  auto result = verification_results().to_saa(v.status);
  if (!result) throw std::invalid_argument("status: no SAA code for \"" + v.status + "\"");
  j["resultat"] = *result;
  if (v.reasonCode) {
    if (auto motif = refusal_reasons().to_saa(*v.reasonCode)) {
      j["motif"] = *motif;
    } else {
      // SAA's list of motifs is closed; other canonical codes are kept verbatim beside "autre".
      j["motif"] = kOtherReason;
      j["motifAutre"] = *v.reasonCode;
    }
  }
  if (v.coverage) {
    Json c = {{"garanties", v.coverage->guarantees}};
    put_date_if(c, "dateDebut", v.coverage->validFrom);
    put_date_if(c, "dateFin", v.coverage->validTo);
    j["couverture"] = c;
  }
  put_if(j, "nomSouscripteur", v.policyholderName);
  if (v.agency) {
    Json a = Json::object();
    put_if(a, "code", v.agency->code);
    put_if(a, "nom", v.agency->name);
    j["agence"] = a;
  }
  j["dateHeureVerification"] = saa_datetime(v.verifiedAt, "data.verifiedAt", complement);
  put_if(j, "numeroConstat", v.constatId);
  return j;
}

Json canonical_verification_data(const Json& body, const std::string& saa_path, InboundState& state) {
  Json data = Json::object();
  FieldMapper m(body, saa_path, data, "data", state);
  if (!m.valid()) return data;
  m.text("idVerification", "verificationId", Need::required);
  m.text("referenceDemande", "requestRef");
  if (auto code = m.read_text("codeAssureur", Need::required))
    m.put("insurerId", canonical_insurer_id(*code, "data.insurerId", state.complement), "codeAssureur");
  m.text("numeroPolice", "policyNumber");
  map_object(m, "vehicule", "vehicle", Need::required, [](FieldMapper& v) {
    v.text("immatriculation", "registrationNumber", Need::required);
    v.text("paysImmatriculation", "registrationCountry", Need::required);
    v.text("numeroChassis", "vin");
    v.text("marque", "make");
    v.text("modele", "model");
    v.integer("annee", "year");
  });
  m.date("dateReference", "asOf", Need::required);
  m.code("resultat", "status", verification_results(), Need::required);
  const auto motif = m.read_text("motif", Need::optional);
  const auto other = m.read_text("motifAutre", Need::optional);
  if (motif && *motif == kOtherReason) {
    m.put("reasonCode", other.value_or(kOtherReason), other ? "motifAutre" : "motif");
  } else {
    if (other) m.problem("motifAutre", "seulement avec motif \"autre\" (only allowed with motif \"autre\")");
    // An SAA motif this adapter does not know yet is still a reason: canonical codes are open.
    if (motif) m.put("reasonCode", refusal_reasons().to_canonical(*motif).value_or(*motif), "motif");
  }
  map_object(m, "couverture", "coverage", Need::optional, [](FieldMapper& c) {
    c.date("dateDebut", "validFrom");
    c.date("dateFin", "validTo");
    c.texts("garanties", "guarantees");
  });
  m.text("nomSouscripteur", "policyholderName");
  map_object(m, "agence", "agency", Need::optional, [](FieldMapper& a) {
    a.text("code", "code");
    a.text("nom", "name");
  });
  m.datetime("dateHeureVerification", "verifiedAt", Need::required);
  m.text("numeroConstat", "constatId");
  return data;
}

}  // namespace passerelle::saa
