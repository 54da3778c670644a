#include "insurer_apis.hpp"

#include <algorithm>
#include <cstdio>

#include "world.hpp"

namespace passerelle::sim {
namespace {

std::string code_word(Insurer insurer, int status) {
  struct Words {
    int status;
    const char *saa, *trust, *caar;
  };
  static constexpr Words kWords[] = {
      {400, "REQUETE_INVALIDE", "BAD_REQUEST", "invalid_request"},
      {401, "NON_AUTORISE", "UNAUTHORIZED", "unauthorized"},
      {404, "NON_TROUVE", "NOT_FOUND", "not_found"},
      {409, "CONFLIT", "CONFLICT", "conflict"},
      {422, "REQUETE_INCOHERENTE", "UNPROCESSABLE", "unprocessable"},
      {500, "ERREUR_INTERNE", "INTERNAL_ERROR", "internal_error"},
      {503, "SERVICE_INDISPONIBLE", "SERVICE_UNAVAILABLE", "service_unavailable"},
  };
  for (const auto& w : kWords) {
    if (w.status != status) continue;
    return insurer == Insurer::saa ? w.saa : insurer == Insurer::trust ? w.trust : w.caar;
  }
  return "HTTP_" + std::to_string(status);
}

std::string sequence_id(const char* prefix, std::uint64_t seq) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%06llu", prefix, static_cast<unsigned long long>(seq));
  return buf;
}

void copy_if(Json& to, const char* to_key, const Json& from, const char* from_key) {
  if (!from.is_object()) return;
  auto it = from.find(from_key);
  if (it != from.end() && !it->is_null()) to[to_key] = *it;
}

// One vehicle on one policy: the record and where in it the vehicle is.
struct Candidate {
  const Json* policy;
  const Json* vehicle;
};

// Among the policies covering a vehicle, the one to answer with: the first that is in force on
// the day asked about, else the one that ended last (the most telling refusal).
template <typename InForce, typename EndOf>
const Candidate* choose(const std::vector<Candidate>& candidates, InForce in_force, EndOf end_of) {
  if (candidates.empty()) return nullptr;
  for (const auto& c : candidates)
    if (in_force(c)) return &c;
  const Candidate* best = &candidates.front();
  for (const auto& c : candidates)
    if (end_of(c) >= end_of(*best)) best = &c;
  return best;
}

bool within(const CivilDate& day, const std::optional<CivilDate>& from, const std::optional<CivilDate>& to) {
  return (!from || *from <= day) && (!to || day <= *to);
}

std::optional<CivilDate> fr_date_of(const Json& j, const char* key) { return parse_fr_date(str_of(j, key)); }
std::optional<CivilDate> iso_date_of(const Json& j, const char* key) { return parse_iso_date(str_of(j, key)); }

std::string joined_name(const std::string& first, const std::string& last) {
  if (first.empty()) return last;
  if (last.empty()) return first;
  return first + " " + last;
}

// The reason a policy does not cover `day`, in the insurer's vocabulary; "" when it covers.
struct Vocabulary {
  const char *active, *expired, *suspended, *cancelled, *not_yet;
};
std::string refusal(const std::string& state, const CivilDate& day, const std::optional<CivilDate>& from,
                    const std::optional<CivilDate>& to, const Vocabulary& v, const char* reason_expired,
                    const char* reason_suspended, const char* reason_cancelled) {
  if (state == v.expired) return reason_expired;
  if (state == v.suspended) return reason_suspended;
  if (state == v.cancelled) return reason_cancelled;
  if (to && day > *to) return reason_expired;
  if (from && day < *from) return v.not_yet;
  if (state != v.active) return state.empty() ? "UNKNOWN_STATE" : state;
  return "";
}

// A list member by reference (never a copy: candidates point into it), [] when absent.
const Json& list_of(const Json& obj, const char* key) {
  static const Json kEmpty = Json::array();
  if (!obj.is_object()) return kEmpty;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kEmpty;
}

Json parse_object(const std::string& text) {
  Json j = Json::parse(text, nullptr, false);
  return j.is_object() ? j : Json();
}

}  // namespace

Json error_body(Insurer insurer, int status, const std::string& message) {
  const std::string code = code_word(insurer, status);
  switch (insurer) {
    case Insurer::saa:
      return {{"code", code}, {"message", message}};
    case Insurer::trust:
      return {{"error", {{"code", code}, {"message", message}}}};
    case Insurer::caar:
      return {{"error", code}, {"message", message}};
  }
  return {{"message", message}};
}

Reply error_reply(Insurer insurer, int status, const std::string& message) {
  Reply r;
  r.status = status;
  r.body = error_body(insurer, status, message);
  return r;
}

// ---------------------------------------------------------------------------------------- SAA

Reply saa_attestation(const Json& saa, const std::string& plate, const std::optional<std::string>& date, const Now& now,
                      std::uint64_t seq) {
  CivilDate day = algeria_today(now.wall());
  if (date) {
    auto d = parse_fr_date(*date);
    if (!d) return error_reply(Insurer::saa, 400, "date: attendu jj/mm/aaaa (expected dd/MM/yyyy)");
    day = *d;
  }
  const std::string wanted = plate_key(plate, "DZ");
  std::vector<Candidate> candidates;
  for (const auto& p : list_of(saa, "polices")) {
    for (const auto& v : list_of(p, "vehicules")) {
      const std::string country = str_of(v, "paysImmatriculation");
      if (plate_key(str_of(v, "immatriculation"), country.empty() ? "DZ" : country) == wanted)
        candidates.push_back({&p, &v});
    }
  }
  const Candidate* c = choose(
      candidates,
      [&](const Candidate& k) {
        return str_of(*k.policy, "etat") == "en_vigueur" &&
               within(day, fr_date_of(*k.policy, "dateDebut"), fr_date_of(*k.policy, "dateFin"));
      },
      [](const Candidate& k) { return fr_date_of(*k.policy, "dateFin").value_or(CivilDate{}); });
  if (!c) return error_reply(Insurer::saa, 404, "véhicule inconnu (unknown vehicle)");

  const Json& p = *c->policy;
  const Json& v = *c->vehicle;
  Json a = Json::object();
  a["idAttestation"] = sequence_id("ATT-SIM-", seq);
  const std::string country = str_of(v, "paysImmatriculation");
  a["immatriculation"] = normalize_dz_plate(str_of(v, "immatriculation")).value_or(str_of(v, "immatriculation"));
  a["paysImmatriculation"] = country.empty() ? "DZ" : country;
  copy_if(a, "numeroChassis", v, "numeroChassis");
  copy_if(a, "marque", v, "marque");
  copy_if(a, "modele", v, "modele");
  copy_if(a, "annee", v, "annee");
  a["numeroPolice"] = str_of(p, "numeroPolice");
  if (p.contains("souscripteur")) {
    const Json& s = p["souscripteur"];
    const std::string company = str_of(s, "raisonSociale");
    const std::string name = joined_name(str_of(s, "prenom"), str_of(s, "nom"));
    if (!name.empty() || !company.empty()) a["nomSouscripteur"] = name.empty() ? company : name;
  }
  a["etatPolice"] = str_of(p, "etat");
  copy_if(a, "dateDebut", p, "dateDebut");
  copy_if(a, "dateFin", p, "dateFin");
  copy_if(a, "garanties", p, "garanties");
  if (p.contains("agence") && p["agence"].is_object()) {
    Json ag = Json::object();
    copy_if(ag, "code", p["agence"], "code");
    copy_if(ag, "nom", p["agence"], "nom");
    if (!ag.empty()) a["agence"] = ag;
  }
  a["dateHeureVerification"] = algeria_minute_fr(now.wall());
  Reply r;
  r.body = std::move(a);
  return r;
}

Reply saa_police(const Json& saa, const std::string& number) {
  const Json* p = find_record(saa, "polices", "numeroPolice", number);
  if (!p) return error_reply(Insurer::saa, 404, "police inconnue (unknown policy)");
  Reply r;
  r.body = *p;
  return r;
}

Reply saa_constat(const Json& saa, const std::string& number) {
  const Json* c = find_record(saa, "constats", "numeroConstat", number);
  if (!c) return error_reply(Insurer::saa, 404, "constat inconnu (unknown constat)");
  Reply r;
  r.body = *c;
  return r;
}

// -------------------------------------------------------------------------------------- Trust

Reply trust_coverage(const Json& trust, const std::string& plate, const std::optional<std::string>& as_of,
                     const std::optional<std::string>& country_param, const Now& now, std::uint64_t seq) {
  CivilDate day = algeria_today(now.wall());
  if (as_of) {
    auto d = parse_iso_date(*as_of);
    if (!d) return error_reply(Insurer::trust, 400, "asOf: expected YYYY-MM-DD");
    day = *d;
  }
  const std::string country = country_param.value_or("DZ");
  if (country.size() != 2 ||
      !std::all_of(country.begin(), country.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
    return error_reply(Insurer::trust, 400, "country: expected an ISO 3166 alpha-2 code such as DZ");
  const std::string wanted = plate_key(plate, country);
  std::vector<Candidate> candidates;
  for (const auto& p : list_of(trust, "policies")) {
    if (!p.contains("car") || !p["car"].is_object() || !p["car"].contains("plate")) continue;
    const Json& pl = p["car"]["plate"];
    const std::string c = str_of(pl, "country");
    if (plate_key(str_of(pl, "number"), c.empty() ? "DZ" : c) == wanted) candidates.push_back({&p, &p["car"]});
  }
  const Candidate* c = choose(
      candidates,
      [&](const Candidate& k) {
        return str_of(*k.policy, "status") == "ACTIVE" &&
               within(day, iso_date_of(*k.policy, "effectiveDate"), iso_date_of(*k.policy, "expiryDate"));
      },
      [](const Candidate& k) { return iso_date_of(*k.policy, "expiryDate").value_or(CivilDate{}); });
  if (!c) return error_reply(Insurer::trust, 404, "vehicle unknown to Trust");

  const Json& p = *c->policy;
  const Json& car = *c->vehicle;
  const auto from = iso_date_of(p, "effectiveDate");
  const auto to = iso_date_of(p, "expiryDate");
  const std::string reason =
      refusal(str_of(p, "status"), day, from, to, {"ACTIVE", "EXPIRED", "SUSPENDED", "CANCELLED", "NOT_YET_EFFECTIVE"},
              "EXPIRED", "SUSPENDED", "CANCELLED");
  Json j = Json::object();
  j["checkId"] = sequence_id("TRU-CHK-SIM-", seq);
  j["carrier"] = str_of(p, "carrier").empty() ? "TRUST" : str_of(p, "carrier");
  j["policyNumber"] = str_of(p, "number");
  // Trust prints Algerian plates with spaces; the adapter checks the answer is about its plate.
  std::string printed = str_of(car["plate"], "number");
  if (country == "DZ") {
    printed = normalize_dz_plate(printed).value_or(printed);
    std::replace(printed.begin(), printed.end(), '-', ' ');
  }
  Json out_car = {{"plate", {{"number", printed}, {"country", country}}}};
  copy_if(out_car, "chassisNumber", car, "chassisNumber");
  copy_if(out_car, "brand", car, "brand");
  copy_if(out_car, "modelName", car, "modelName");
  copy_if(out_car, "modelYear", car, "modelYear");
  j["car"] = out_car;
  j["referenceDate"] = format_iso_date(day);
  j["result"] = reason.empty() ? "COVERED" : "NOT_COVERED";
  if (!reason.empty()) j["reason"] = reason;
  Json cover = {{"guarantees", p.value("guarantees", Json::array())}};
  copy_if(cover, "startDate", p, "effectiveDate");
  copy_if(cover, "endDate", p, "expiryDate");
  j["cover"] = cover;
  if (p.contains("holder")) {
    const Json& h = p["holder"];
    const std::string name = joined_name(str_of(h, "givenName"), str_of(h, "surname"));
    if (!name.empty())
      j["holderName"] = name;
    else if (!str_of(h, "organisation").empty())
      j["holderName"] = str_of(h, "organisation");
  }
  if (p.contains("branch") && p["branch"].is_object()) {
    Json b = Json::object();
    copy_if(b, "code", p["branch"], "code");
    copy_if(b, "name", p["branch"], "name");
    if (!b.empty()) j["branch"] = b;
  }
  j["checkedAt"] = utc_rfc3339_millis(now.at);
  copy_if(j, "productCode", p, "productCode");
  Reply r;
  r.body = std::move(j);
  return r;
}

Reply trust_policy(const Json& trust, const std::string& number) {
  const Json* p = find_record(trust, "policies", "number", number);
  if (!p) return error_reply(Insurer::trust, 404, "policy not found");
  Reply r;
  r.body = *p;
  return r;
}

Reply trust_report(const Json& trust, const std::string& ref) {
  const Json* a = find_record(trust, "accidentReports", "reportRef", ref);
  if (!a) return error_reply(Insurer::trust, 404, "accident report not found");
  Reply r;
  r.body = *a;
  return r;
}

// --------------------------------------------------------------------------------------- CAAR

namespace {
// CAAR's vehicle query carries no country: plates compare normalised when Algerian, as text otherwise.
std::string caar_plate(const std::string& plate) {
  if (auto n = normalize_dz_plate(plate)) return *n;
  std::string out;
  for (char c : plate) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

long long version_of(const Json& claim) {
  auto it = claim.find("version");
  return it != claim.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

std::string reference_for(CaarBook& book, const std::string& claim_number) {
  auto it = book.references.find(claim_number);
  if (it != book.references.end()) return it->second;
  std::string ref = sequence_id("CAAR-SIN-SIM-", book.next_reference++);
  book.references[claim_number] = ref;
  return ref;
}

Json claim_receipt(const Json& claim, const std::string& status, const std::string& reference, const Now& now) {
  Json r = {{"claim_number", str_of(claim, "claim_number")},
            {"status", status},
            {"caar_reference", reference},
            {"received_at", algeria_rfc3339_seconds(now.wall())}};
  if (claim.contains("version")) r["version"] = claim["version"];
  return r;
}
}  // namespace

Reply caar_coverage(const Json& caar, const std::string& plate, const std::optional<std::string>& date, const Now& now,
                    std::uint64_t seq) {
  CivilDate day = algeria_today(now.wall());
  if (date) {
    auto d = parse_iso_date(*date);
    if (!d) return error_reply(Insurer::caar, 400, "date: expected YYYY-MM-DD");
    day = *d;
  }
  const std::string wanted = caar_plate(plate);
  std::vector<Candidate> candidates;
  for (const auto& p : list_of(caar, "policies"))
    if (p.contains("vehicle") && caar_plate(str_of(p["vehicle"], "plate")) == wanted)
      candidates.push_back({&p, &p["vehicle"]});
  const Candidate* c = choose(
      candidates,
      [&](const Candidate& k) {
        return str_of(*k.policy, "status") == "ACTIVE" &&
               within(day, fr_date_of(*k.policy, "start_date"), fr_date_of(*k.policy, "end_date"));
      },
      [](const Candidate& k) { return fr_date_of(*k.policy, "end_date").value_or(CivilDate{}); });
  if (!c) return error_reply(Insurer::caar, 404, "vehicle not found");

  const Json& p = *c->policy;
  const Json& v = *c->vehicle;
  const std::string reason =
      refusal(str_of(p, "status"), day, fr_date_of(p, "start_date"), fr_date_of(p, "end_date"),
              {"ACTIVE", "EXPIRED", "SUSPENDED", "CANCELLED", "NOT_YET_VALID"}, "EXPIRED", "SUSPENDED", "CANCELLED");
  Json j = Json::object();
  j["check_id"] = sequence_id("CAAR-CHK-SIM-", seq);
  j["insurer_code"] = "caar";
  j["policy"] = {{"number", str_of(p, "number")}};
  const std::string country = str_of(v, "plate_country").empty() ? "DZ" : str_of(v, "plate_country");
  Json veh = {{"plate", country == "DZ" ? caar_plate(str_of(v, "plate")) : str_of(v, "plate")},
              {"plate_country", country}};
  for (const char* k : {"vin", "make", "model", "year"}) copy_if(veh, k, v, k);
  j["vehicle"] = veh;
  j["check_date"] = format_fr_date(day);
  j["result"] = reason.empty() ? "VALID" : "INVALID";
  if (!reason.empty()) j["reason"] = reason;
  Json cov = {{"guarantees", p.value("guarantees", Json::array())}};
  copy_if(cov, "start_date", p, "start_date");
  copy_if(cov, "end_date", p, "end_date");
  j["coverage"] = cov;
  if (p.contains("holder") && !str_of(p["holder"], "name").empty()) j["policyholder"] = str_of(p["holder"], "name");
  if (p.contains("agency") && p["agency"].is_object()) {
    Json a = Json::object();
    copy_if(a, "code", p["agency"], "code");
    copy_if(a, "name", p["agency"], "name");
    if (!a.empty()) j["agency"] = a;
  }
  j["checked_at"] = algeria_rfc3339_seconds(now.wall());
  Reply r;
  r.body = std::move(j);
  return r;
}

Reply caar_policy(const Json& caar, const std::string& number) {
  const Json* p = find_record(caar, "policies", "number", number);
  if (!p) return error_reply(Insurer::caar, 404, "policy not found");
  Reply r;
  r.body = *p;
  return r;
}

Reply caar_claim(const Json& caar, const std::string& id) {
  const Json* c = find_record(caar, "claims", "claim_number", id);
  if (!c) return error_reply(Insurer::caar, 404, "claim not found");
  Reply r;
  r.body = *c;
  return r;
}

Reply caar_create_claim(Json& caar, const std::string& body, const Now& now, CaarBook& book) {
  Json claim = parse_object(body);
  if (claim.is_null()) return error_reply(Insurer::caar, 400, "body: must be a JSON object");
  const std::string number = str_of(claim, "claim_number");
  if (number.empty()) return error_reply(Insurer::caar, 400, "claim_number: required");
  if (find_record(caar, "claims", "claim_number", number))
    return error_reply(Insurer::caar, 409, "claim " + number + " already exists (update it with PUT)");
  const std::string ref = reference_for(book, number);
  Reply r;
  r.status = 201;
  r.body = claim_receipt(claim, "RECEIVED", ref, now);
  r.headers.push_back({"Location", "/api/v1/claims/" + number});
  caar["claims"].push_back(std::move(claim));
  ++book.claims_created;
  return r;
}

Reply caar_update_claim(Json& caar, const std::string& id, const std::string& body, const Now& now, CaarBook& book) {
  Json claim = parse_object(body);
  if (claim.is_null()) return error_reply(Insurer::caar, 400, "body: must be a JSON object");
  const std::string number = str_of(claim, "claim_number");
  if (number.empty()) return error_reply(Insurer::caar, 400, "claim_number: required");
  if (number != id) return error_reply(Insurer::caar, 400, "claim_number: does not match the claim of the path");
  Json* existing = find_record(caar, "claims", "claim_number", number);
  const std::string ref = reference_for(book, number);
  Reply r;
  if (!existing) {
    r.status = 201;
    r.body = claim_receipt(claim, "RECEIVED", ref, now);
    caar["claims"].push_back(std::move(claim));
    ++book.claims_created;
    return r;
  }
  if (version_of(claim) < version_of(*existing))
    return error_reply(Insurer::caar, 409,
                       "claim " + number + ": version " + std::to_string(version_of(claim)) +
                           " is older than the stored " + std::to_string(version_of(*existing)));
  r.body = claim_receipt(claim, "UPDATED", ref, now);
  *existing = std::move(claim);
  ++book.claims_updated;
  return r;
}

Reply caar_record_check(Json& caar, const std::string& body, const Now& now, CaarBook& book) {
  Json check = parse_object(body);
  if (check.is_null()) return error_reply(Insurer::caar, 400, "body: must be a JSON object");
  const std::string id = str_of(check, "check_id");
  if (id.empty()) return error_reply(Insurer::caar, 400, "check_id: required");
  if (find_record(caar, "vehicleChecks", "check_id", id))
    return error_reply(Insurer::caar, 409, "vehicle check " + id + " already recorded");
  Reply r;
  r.status = 201;
  r.body = {{"check_id", id}, {"status", "RECORDED"}, {"recorded_at", algeria_rfc3339_seconds(now.wall())}};
  caar["vehicleChecks"].push_back(std::move(check));
  ++book.vehicle_checks_recorded;
  return r;
}

}  // namespace passerelle::sim
