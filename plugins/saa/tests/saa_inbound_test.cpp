// SAA -> canonical: golden events, event ids, SAA-only fields, and records that must be refused.
#include <gtest/gtest.h>

#include "saa_test_support.hpp"

using namespace saa_test;

namespace {

sdk::KafkaRecord sample_record(const std::string& name) {
  return std::get<sdk::KafkaRecord>(sdk::delivery_from_json(sample(name)));
}

Json sample_message(const std::string& name) { return sample(name)["value"]; }

// The permanent failure of one altered CONSTAT_MODIFIE message; fails the test on anything else.
std::string rejection(Saa& saa, const Json& message, const std::string& topic = "saa-constat.updated") {
  const auto st = inbound_status(*saa.adapter, topic, message.dump());
  EXPECT_EQ(st.code, sdk::StatusCode::permanent) << "expected a permanent failure, got: " << st.message;
  return st.message;
}

#define EXPECT_MENTIONS(haystack, needle) \
  EXPECT_NE((haystack).find(needle), std::string::npos) << "message does not name " << (needle) << ": " << (haystack)

}  // namespace

// 1. SAA's CONSTAT_MODIFIE becomes exactly the golden constat.updated: French codes and dates
//    mapped, plate normalised, SAA-only fields under extensions.saa, source/provider saa.
TEST(SaaInbound, ConstatModifieMatchesGoldenEvent) {
  Saa saa;
  auto event = single_event(*saa.adapter, sample_record("saa_constat_modifie.json"));
  expect_golden(sdk::to_json(event), "canonical_constat_updated.expected.json");

  EXPECT_EQ(event.type, "constat.updated");
  EXPECT_EQ(event.source, "/providers/saa");
  EXPECT_EQ(event.provider, "saa");
  EXPECT_EQ(event.subject, "SAA-CST-16-2026-000318");
  EXPECT_EQ(event.time, "2026-11-21T09:15:00+01:00");
  EXPECT_EQ(event.correlationid, "saa-corr-000318");
  EXPECT_EQ(event.data["accident"]["occurredAt"], "2026-11-19T18:40:00+01:00");
  EXPECT_EQ(event.data["status"], "in_review");
  EXPECT_EQ(event.data["sides"][0]["vehicle"]["registrationNumber"], "04521-115-16");
  EXPECT_EQ(event.data["sides"][0]["insurance"]["insurerId"], "saa");
  EXPECT_EQ(event.data["sides"][0]["initialImpact"]["zones"], Json::array({"rear", "rear_left"}));
  Json ext = event.data["extensions"]["saa"];
  EXPECT_EQ(ext["referenceSinistre"], "SIN-16-2026-000318");
  EXPECT_EQ(ext["codeUniteSaisie"], "DR-ALGER-EST");
  EXPECT_EQ(ext["parties"]["B"]["vehicule"]["usage"], "particulier");
  EXPECT_EQ(ext["temoins"]["0"]["numeroPiece"], "CNI 109876543");
  EXPECT_EQ(ext["lieu"]["pointKilometrique"], "PK 12+300");
}

// 2. VEHICULE_VERIFIE becomes the golden vehicle.verified; SAA's motif maps to the canonical
//    reason code, and the plate in the subject is normalised.
TEST(SaaInbound, VehiculeVerifieMatchesGoldenEvent) {
  Saa saa;
  auto event = single_event(*saa.adapter, sample_record("saa_vehicule_verifie.json"));
  expect_golden(sdk::to_json(event), "canonical_vehicle_verified_from_saa.expected.json");
  EXPECT_EQ(event.type, "vehicle.verified");
  EXPECT_EQ(event.subject, "DZ:04521-115-16");
  EXPECT_EQ(event.data["status"], "unconfirmed");
  EXPECT_EQ(event.data["reasonCode"], "policy_suspended");
  EXPECT_EQ(event.data["extensions"]["saa"]["dateSuspension"], "01/11/2026");
}

// 3. A non-UUID idMessage gives a deterministic UUID: the same record read twice deduplicates
//    downstream, another message gets another id; a UUID idMessage is kept as the event id.
TEST(SaaInbound, EventIdIsStableAcrossReReads) {
  Saa saa;
  const auto record = sample_record("saa_constat_modifie.json");
  const auto first = single_event(*saa.adapter, record);
  const auto again = single_event(*saa.adapter, record);
  EXPECT_TRUE(sdk::is_uuid(first.id));
  EXPECT_EQ(first.id, again.id);
  EXPECT_EQ(first.id, sdk::deterministic_event_id("saa:SAA-MSG-20261121-000931"));

  Json other = sample_message("saa_constat_modifie.json");
  other["entete"]["idMessage"] = "SAA-MSG-20261121-000932";
  auto r2 = record;
  r2.value = other.dump();
  EXPECT_NE(single_event(*saa.adapter, r2).id, first.id);

  other["entete"]["idMessage"] = "0f1e2d3c-4b5a-4968-8776-655443322110";
  r2.value = other.dump();
  EXPECT_EQ(single_event(*saa.adapter, r2).id, "0f1e2d3c-4b5a-4968-8776-655443322110");
}

// 4. The same envelope pushed over HTTP (no topic) maps to the same event.
TEST(SaaInbound, HttpBodyCarriesTheSameEnvelope) {
  Saa saa;
  const auto kafka = sample_record("saa_constat_modifie.json");
  sdk::HttpCall call;
  call.method = "POST";
  call.path = "/webhooks/saa";
  call.body = kafka.value;
  EXPECT_EQ(sdk::to_json(single_event(*saa.adapter, call)), sdk::to_json(single_event(*saa.adapter, kafka)));
}

// 5. Spellings SAA's agencies also use (accents, capitals) are accepted.
TEST(SaaInbound, AccentedCodesAndCapitalisedBooleansAreAccepted) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["statut"] = "réglé";
  m["corps"]["blesses"] = "OUI";
  m["corps"]["parties"][0]["pointChocInitial"]["zones"] = Json::array({"arrière_droit", "côté_droit"});
  auto r = sample_record("saa_constat_modifie.json");
  r.value = m.dump();
  auto e = single_event(*saa.adapter, r);
  EXPECT_EQ(e.data["status"], "settled");
  EXPECT_EQ(e.data["accident"]["injuries"], true);
  EXPECT_EQ(e.data["sides"][0]["initialImpact"]["zones"], Json::array({"rear_right", "right"}));
}

// 6. Malformed JSON.
TEST(SaaInbound, MalformedJsonIsRejected) {
  Saa saa;
  const auto st = inbound_status(*saa.adapter, "saa-constat.created", "{\"entete\": {\"idMessage\": ");
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_MENTIONS(st.message, "JSON");
  const auto st2 = inbound_status(*saa.adapter, "saa-constat.created", "[1, 2]");
  EXPECT_EQ(st2.code, sdk::StatusCode::permanent);
  EXPECT_MENTIONS(st2.message, "message");
}

// 7. Missing numeroConstat.
TEST(SaaInbound, MissingNumeroConstatIsNamed) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"].erase("numeroConstat");
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.numeroConstat: obligatoire (required)");
}

// 8. A required field deep in a party is named with its full SAA path.
TEST(SaaInbound, MissingPolicyNumberOfSecondPartyIsNamed) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["parties"][1]["assurance"].erase("numeroPolice");
  EXPECT_MENTIONS(rejection(saa, m), "corps.parties[1].assurance.numeroPolice: obligatoire");
}

// 9. A date-time that does not exist.
TEST(SaaInbound, ImpossibleDateIsNamed) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["dateHeureAccident"] = "31/02/2026 10:00";
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.dateHeureAccident");
  EXPECT_MENTIONS(text, "jj/mm/aaaa hh:mm");
}

// 10. Other date shapes are refused too, and a personal date is never echoed.
TEST(SaaInbound, BadPlainDateIsNamedWithoutEchoingIt) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["parties"][0]["conducteur"]["dateNaissance"] = "1991-09-02";
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.parties[0].conducteur.dateNaissance");
  EXPECT_EQ(text.find("1991-09-02"), std::string::npos) << text;
}

// 11. An unknown statut.
TEST(SaaInbound, UnknownStatutIsNamed) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["statut"] = "en_cours";
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.statut");
  EXPECT_MENTIONS(text, "en_cours");
}

// 12. A boolean that is neither oui nor non.
TEST(SaaInbound, PeutEtreIsNotABoolean) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["blesses"] = "peut-être";
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.blesses");
  EXPECT_MENTIONS(text, "peut-être");

  m = sample_message("saa_constat_modifie.json");
  m["corps"]["degatsAutresBiens"] = true;  // JSON booleans are not SAA's format either
  EXPECT_MENTIONS(rejection(saa, m), "corps.degatsAutresBiens");
}

// 13. Rules of the canonical model are reported under the SAA field the value came from.
TEST(SaaInbound, CanonicalRuleViolationsNameTheSaaField) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["parties"][0]["vehicule"]["immatriculation"] = "12345-116-99";
  m["corps"]["lieu"]["pays"] = "Algérie";
  m["corps"]["parties"][1]["circonstances"] = Json::array({2, 18});
  const auto text = rejection(saa, m);
  EXPECT_MENTIONS(text, "corps.parties[0].vehicule.immatriculation");
  EXPECT_EQ(text.find("12345-116-99"), std::string::npos) << "plates are personal data: " << text;
  EXPECT_MENTIONS(text, "corps.lieu.pays");
  EXPECT_MENTIONS(text, "corps.parties[1].circonstances[1]");
}

// 14. Unknown zone, unknown envelope member, unsupported schema version, unknown message type.
TEST(SaaInbound, EnvelopeAndCodeProblemsAreNamed) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["parties"][0]["pointChocInitial"]["zones"][1] = "plafond";
  EXPECT_MENTIONS(rejection(saa, m), "corps.parties[0].pointChocInitial.zones[1]");

  m = sample_message("saa_constat_modifie.json");
  m["entete"]["priorite"] = "haute";
  EXPECT_MENTIONS(rejection(saa, m), "entete.priorite: champ inconnu");

  m = sample_message("saa_constat_modifie.json");
  m["entete"]["versionSchema"] = "3.0";
  EXPECT_MENTIONS(rejection(saa, m), "entete.versionSchema");

  m = sample_message("saa_constat_modifie.json");
  m["entete"]["typeMessage"] = "CONSTAT_SUPPRIME";
  EXPECT_MENTIONS(rejection(saa, m), "entete.typeMessage");

  m = sample_message("saa_constat_modifie.json");
  m.erase("corps");
  EXPECT_MENTIONS(rejection(saa, m), "corps: obligatoire");
}

// 15. A message type on another type's topic, and a topic this adapter does not read.
TEST(SaaInbound, MessageTypeMustMatchTheTopic) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  EXPECT_MENTIONS(rejection(saa, m, "saa-constat.created"), "entete.typeMessage");
  const auto st = inbound_status(*saa.adapter, "saa-sinistres", m.dump());
  EXPECT_EQ(st.code, sdk::StatusCode::permanent);
  EXPECT_MENTIONS(st.message, "saa-sinistres");
}

// 16. motifAutre only goes with motif "autre"; motif "autre" brings the code back verbatim.
TEST(SaaInbound, OtherReasonTravelsVerbatim) {
  Saa saa;
  Json m = sample_message("saa_vehicule_verifie.json");
  m["corps"]["motif"] = "autre";
  m["corps"]["motifAutre"] = "blocage_contentieux";
  auto r = sample_record("saa_vehicule_verifie.json");
  r.value = m.dump();
  EXPECT_EQ(single_event(*saa.adapter, r).data["reasonCode"], "blocage_contentieux");

  m["corps"]["motif"] = "police_expiree";
  EXPECT_MENTIONS(rejection(saa, m, "saa-vehicle.verified"), "corps.motifAutre");
}

// 17. A rejection is logged for ops without personal values, and counted.
TEST(SaaInbound, RejectionsAreLoggedWithoutPersonalData) {
  Saa saa;
  Json m = sample_message("saa_constat_modifie.json");
  m["corps"]["parties"][0]["vehicule"]["immatriculation"] = "99999-999-99";
  m["corps"]["parties"][0]["conducteur"]["dateNaissance"] = "31/02/1991";
  rejection(saa, m);
  (void)single_event(*saa.adapter, sample_record("saa_constat_modifie.json"));
  EXPECT_EQ(saa.context.counters["saa_records_rejected"], 1);
  bool saw_rejection = false;
  for (const auto& line : saa.context.logs) {
    if (line.level < sdk::LogLevel::info) continue;
    std::string text = line.message;
    for (const auto& [k, v] : line.fields) text += " " + k + "=" + v;
    saw_rejection |= text.find("rejected") != std::string::npos;
    for (const char* p : {"99999-999-99", "31/02/1991", "بن علي", "Kaci-Ouali", "16/2026/0031877", "16-0912345",
                          "04521", "0555 98 76 54"})
      EXPECT_EQ(text.find(p), std::string::npos) << "log line leaks " << p << ": " << text;
  }
  EXPECT_TRUE(saw_rejection);
}
