#include "saa_rest_mapping.hpp"

#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/registration_number.hpp"
#include "saa_constat_mapping.hpp"
#include "saa_extra_fields.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {
namespace {

sdk::Status rejected_answer(const char* what, const Problems& problems) {
  return sdk::Status::permanent(std::string("saa: réponse SAA inexploitable (unusable SAA answer to ") + what +
                                "): " + problems.summary());
}

void add_extensions(Json& data, const Json& answer, const FieldSchema& schema, const Config& config) {
  if (auto ext = read_extensions(answer, config.adapter_id, schema, nullptr)) data["extensions"] = *ext;
}

void translate(const sdk::ValidationErrors& errors, InboundState& state) {
  for (const auto& issue : errors.issues()) state.problems.add(state.origins.saa_path_for(issue.path), issue.message);
}

// SAA's policy state and the requested day -> canonical verdict.
void verdict(Json& data, const std::string& state, const std::string& as_of) {
  const std::string from = data.contains("coverage") ? data["coverage"].value("validFrom", "") : "";
  const std::string to = data.contains("coverage") ? data["coverage"].value("validTo", "") : "";
  std::string reason;
  if (state == "expired") reason = "policy_expired";
  else if (state == "suspended") reason = "policy_suspended";
  else if (state == "cancelled") reason = "policy_cancelled";
  else if (!to.empty() && as_of > to) reason = "policy_expired";  // canonical dates compare as text
  else if (!from.empty() && as_of < from) reason = "policy_not_yet_valid";
  data["status"] = reason.empty() ? "confirmed" : "unconfirmed";
  if (!reason.empty()) data["reasonCode"] = reason;
}

}  // namespace

sdk::Result<Json> verification_from_attestation(const Json& attestation, const VehicleRequest& request,
                                                const Config& config) {
  InboundState state;
  Json data = Json::object();
  FieldMapper m(attestation, "attestation", data, "data", state);
  if (!m.valid()) return rejected_answer("attestation", state.problems);
  if (!m.find("idAttestation", Need::optional)) m.put("verificationId", request.verification_id, "idAttestation");
  m.text("idAttestation", "verificationId");
  if (request.request_ref) data["requestRef"] = *request.request_ref;
  data["insurerId"] = config.adapter_id;
  m.text("numeroPolice", "policyNumber");
  Json vehicle = {{"registrationNumber", request.registration_number}, {"registrationCountry", "DZ"}};
  {
    FieldMapper v(attestation, "attestation", vehicle, "data.vehicle", state);
    v.text("immatriculation", "registrationNumber");
    v.text("paysImmatriculation", "registrationCountry");
    v.text("numeroChassis", "vin");
    v.text("marque", "make");
    v.text("modele", "model");
    v.integer("annee", "year");
  }
  data["vehicle"] = std::move(vehicle);
  data["asOf"] = request.as_of;
  Json coverage = Json::object();
  {
    FieldMapper c(attestation, "attestation", coverage, "data.coverage", state);
    c.date("dateDebut", "validFrom");
    c.date("dateFin", "validTo");
    c.texts("garanties", "guarantees");
  }
  if (!coverage.empty()) data["coverage"] = std::move(coverage);
  Json policy_state = Json::object();
  {
    FieldMapper p(attestation, "attestation", policy_state, "data", state);
    p.code("etatPolice", "state", policy_states(), Need::required);
  }
  m.text("nomSouscripteur", "policyholderName");
  map_object(m, "agence", "agency", Need::optional, [](FieldMapper& a) {
    a.text("code", "code");
    a.text("nom", "name");
  });
  if (!m.find("dateHeureVerification", Need::optional)) data["verifiedAt"] = request.now;
  m.datetime("dateHeureVerification", "verifiedAt");
  if (request.constat_id) data["constatId"] = *request.constat_id;
  add_extensions(data, attestation, attestation_schema(), config);
  if (!state.problems.empty()) return rejected_answer("attestation", state.problems);
  verdict(data, policy_state.value("state", ""), request.as_of);

  sdk::ValidationErrors errors;
  auto parsed = sdk::parse_vehicle_verification(data, errors, "data", config.validation());
  if (!parsed) {
    translate(errors, state);
    return rejected_answer("attestation", state.problems);
  }
  return sdk::to_json(*parsed);
}

Json verification_vehicle_not_found(const VehicleRequest& request, const Config& config) {
  sdk::VehicleVerification v;
  v.verificationId = request.verification_id;
  v.requestRef = request.request_ref;
  v.insurerId = config.adapter_id;
  v.vehicle.registrationNumber = request.registration_number;
  v.vehicle.registrationCountry = "DZ";
  v.asOf = request.as_of;
  v.status = "unconfirmed";
  v.reasonCode = "vehicle_not_found";
  v.verifiedAt = request.now;
  v.constatId = request.constat_id;
  return sdk::to_json(v);
}

sdk::Result<Json> policy_from_saa(const Json& police, const Config& config) {
  InboundState state;
  Json data = Json::object();
  FieldMapper m(police, "police", data, "policy", state);
  if (!m.valid()) return rejected_answer("police", state.problems);
  data["insurerId"] = config.adapter_id;
  m.text("numeroPolice", "policyNumber", Need::required);
  m.code("etat", "status", policy_states(), Need::required);
  m.date("dateDebut", "validFrom");
  m.date("dateFin", "validTo");
  m.texts("garanties", "guarantees");
  map_object(m, "souscripteur", "policyholder", Need::optional, [](FieldMapper& p) {
    p.text("nom", "lastName", Need::required);
    p.text("prenom", "firstName");
    p.text("raisonSociale", "companyName");
    map_object(p, "adresse", "address", Need::optional, [](FieldMapper& a) {
      a.text("ligne", "line");
      a.text("commune", "city");
      a.text("codeWilaya", "wilayaCode");
      a.text("codePostal", "postalCode");
      a.text("pays", "countryCode", Need::required);
    });
    p.text("telephone", "phone");
    p.text("courriel", "email");
  });
  map_list(m, "vehicules", "vehicles", Need::optional, [&config](FieldMapper& v) {
    v.text("immatriculation", "registrationNumber", Need::required);
    v.text("paysImmatriculation", "registrationCountry", Need::required);
    v.text("numeroChassis", "vin");
    v.text("marque", "make");
    v.text("modele", "model");
    v.integer("annee", "year");
    // The same plate rule as canonical events, so the gateway never answers an un-normalised plate.
    auto country = v.read_text("paysImmatriculation", Need::optional);
    auto number = v.read_text("immatriculation", Need::optional);
    if (country && number && *country == "DZ") {
      auto normalised = sdk::normalize_algerian_registration(*number, 1, config.wilaya_max);
      if (normalised) v.put("registrationNumber", *normalised, "immatriculation");
      else v.problem("immatriculation", "immatriculation algérienne invalide (not an Algerian registration number "
                                        "serial-Cyy-WW)");
    }
  });
  map_object(m, "agence", "agency", Need::optional, [](FieldMapper& a) {
    a.text("code", "code");
    a.text("nom", "name");
    map_object(a, "adresse", "address", Need::optional, [](FieldMapper& ad) {
      ad.text("ligne", "line");
      ad.text("commune", "city");
      ad.text("codeWilaya", "wilayaCode");
      ad.text("codePostal", "postalCode");
      ad.text("pays", "countryCode", Need::required);
    });
    a.text("telephone", "phone");
  });
  add_extensions(data, police, policy_schema(), config);
  if (!state.problems.empty()) return rejected_answer("police", state.problems);
  return data;
}

sdk::Result<Json> constat_from_saa(const Json& constat, const Config& config) {
  InboundState state;
  Json data = canonical_constat_data(constat, "constat", state);
  add_extensions(data, constat, constat_body_schema(), config);
  if (!state.problems.empty()) return rejected_answer("constat", state.problems);
  sdk::ValidationErrors errors;
  auto parsed = sdk::parse_constat(data, errors, "data", config.validation());
  if (!parsed) {
    translate(errors, state);
    return rejected_answer("constat", state.problems);
  }
  return sdk::to_json(*parsed);
}

}  // namespace passerelle::saa
