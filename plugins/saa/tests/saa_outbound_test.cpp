// Canonical -> SAA: golden records, topics, keys, headers, and what SAA does not take.
#include <gtest/gtest.h>

#include "passerelle/sdk/personal_data.hpp"
#include "saa_test_support.hpp"

using namespace saa_test;

namespace {

Json record_json(const sdk::KafkaRecord& r) { return sdk::to_json(sdk::Delivery{r}); }

}  // namespace

// 1. A clean constat.created becomes exactly the golden CONSTAT_CREE record, with SAA's own
//    extension fields back in their SAA places and no canonical complement needed.
TEST(SaaOutbound, ConstatCreatedMatchesGoldenRecord) {
  Saa saa;
  auto event = parse_event(sample("canonical_constat_created.json"));
  const auto record = single_record(*saa.adapter, event);
  expect_golden(record_json(record), "saa_constat_cree.expected.json");

  Json m = saa_message(record);
  EXPECT_FALSE(m.contains("extensionsCanoniques")) << "every value of this sample has an exact SAA form";
  EXPECT_EQ(m["corps"]["referenceSinistre"], "SIN-16-2026-000871");
  EXPECT_EQ(m["corps"]["parties"][0]["vehicule"]["usage"], "taxi");
}

// 2. Values SAA cannot hold exactly (seconds, fractions, other offsets, another minor schema,
//    a CloudEvents extension attribute, other insurers' extensions, SAA extensions naming a
//    party that does not exist) travel in extensionsCanoniques; the SAA fields still show the
//    nearest Algeria-time value.
TEST(SaaOutbound, LossyValuesTravelInTheComplement) {
  Saa saa;
  auto event = parse_event(sample("canonical_constat_lossy.json"));
  const auto record = single_record(*saa.adapter, event);
  expect_golden(record_json(record), "saa_constat_lossy.expected.json");

  Json m = saa_message(record);
  EXPECT_EQ(m["entete"]["dateEmission"], "20/11/2026 14:02");  // 13:02:41.250Z in Algeria
  EXPECT_EQ(m["corps"]["dateHeureAccident"], "20/11/2026 13:35");  // 14:35:27.5+02:00
  Json c = m["extensionsCanoniques"];
  EXPECT_EQ(c["valeursExactes"]["data.accident.occurredAt"], "2026-11-20T14:35:27.5+02:00");
  EXPECT_EQ(c["valeursExactes"]["time"], "2026-11-20T13:02:41.250Z");
  EXPECT_EQ(c["dataschema"], "urn:passerelle:constat.updated:1.3");
  EXPECT_EQ(c["attributsCloudEvents"]["traceparent"], "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  EXPECT_EQ(c["extensions"]["trust"]["dossierInterne"], "TR-2026-55");
  EXPECT_TRUE(c["extensions"].contains("saa")) << "party C does not exist: SAA's extension cannot be placed";
}

// 3. vehicle.verified becomes the golden VEHICULE_VERIFIE record; a reason code SAA has no
//    motif for is sent as motif "autre" with the code verbatim.
TEST(SaaOutbound, VehicleVerifiedMatchesGoldenRecord) {
  Saa saa;
  const auto record = single_record(*saa.adapter, parse_event(sample("canonical_vehicle_verified.json")));
  expect_golden(record_json(record), "saa_vehicule_verifie.expected.json");
  Json m = saa_message(record);
  EXPECT_EQ(m["corps"]["motif"], "autre");
  EXPECT_EQ(m["corps"]["motifAutre"], "insurer_specific_block");
}

// 4. Each event type goes to its own topic, keyed by the constat number or the normalised plate,
//    with the saa-type header naming SAA's message type.
TEST(SaaOutbound, TopicKeyAndHeadersPerType) {
  Saa saa;
  auto created = parse_event(sample("canonical_constat_created.json"));
  auto r1 = single_record(*saa.adapter, created);
  EXPECT_EQ(r1.topic, "saa-constat.created");
  EXPECT_EQ(r1.key, "CST-2026-004512");
  EXPECT_EQ(r1.headers.at("saa-type"), "CONSTAT_CREE");
  EXPECT_EQ(r1.headers.at("saa-id-message"), created.id);

  auto updated = created;
  updated.type = "constat.updated";
  updated.dataschema = sdk::dataschema_for("constat.updated");
  auto r2 = single_record(*saa.adapter, updated);
  EXPECT_EQ(r2.topic, "saa-constat.updated");
  EXPECT_EQ(r2.headers.at("saa-type"), "CONSTAT_MODIFIE");
  EXPECT_EQ(saa_message(r2)["entete"]["typeMessage"], "CONSTAT_MODIFIE");

  Json v = sample("canonical_vehicle_verified.json");
  v["data"]["vehicle"]["registrationNumber"] = "12345 116 16";  // spaces are normalised
  v["subject"] = "DZ:12345 116 16";
  auto r3 = single_record(*saa.adapter, parse_event(v));
  EXPECT_EQ(r3.topic, "saa-vehicle.verified");
  EXPECT_EQ(r3.key, "12345-116-16");
  EXPECT_EQ(r3.headers.at("saa-type"), "VEHICULE_VERIFIE");
}

// 5. Topic names come from the settings.
TEST(SaaOutbound, TopicsCanBeOverridden) {
  Json s = settings();
  s["topic_constat_created"] = "saa.prod.constat-cree";
  s["topic_vehicle_verified"] = "saa.prod.vehicule-verifie";
  Saa saa(s);
  EXPECT_EQ(single_record(*saa.adapter, parse_event(sample("canonical_constat_created.json"))).topic,
            "saa.prod.constat-cree");
  EXPECT_EQ(single_record(*saa.adapter, parse_event(sample("canonical_vehicle_verified.json"))).topic,
            "saa.prod.vehicule-verifie");
  const auto subs = saa.adapter->subscriptions();
  EXPECT_EQ(subs, (std::vector<std::string>{"saa.prod.constat-cree", "saa-constat.updated", "saa.prod.vehicule-verifie"}));
}

// 6. Any other event type is refused, permanently, by name.
TEST(SaaOutbound, OtherEventTypesArePermanentFailures) {
  Saa saa;
  auto event = parse_event(sample("canonical_constat_created.json"));
  event.type = "constat.deleted";
  auto r = saa.adapter->to_provider(event);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(r.status().message.find("constat.deleted"), std::string::npos) << r.status().message;
}

// 7. An event whose data is not a valid constat is refused rather than half-mapped, and nothing
//    escapes as an exception.
TEST(SaaOutbound, InvalidDataIsAPermanentFailureNotAnException) {
  Saa saa;
  auto event = parse_event(sample("canonical_constat_created.json"));
  event.data.erase("sides");
  auto r = saa.adapter->to_provider(event);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(r.status().message.find("data.sides"), std::string::npos) << r.status().message;

  event = parse_event(sample("canonical_constat_created.json"));
  event.data = "not an object";
  r = saa.adapter->to_provider(event);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code, sdk::StatusCode::permanent);
}

// 8. Nothing personal reaches a log line at info level or above while mapping out.
TEST(SaaOutbound, NoPersonalDataInInfoLogs) {
  Saa saa;
  const Json j = sample("canonical_constat_created.json");
  single_record(*saa.adapter, parse_event(j));
  auto bad = parse_event(j);
  bad.type = "constat.deleted";
  (void)saa.adapter->to_provider(bad);
  const std::vector<std::string> personal = {"Benaïssa", "Mébarki", "12345-116-16", "987654-219-09",
                                             "16/2026/0045871", "160123456", "VF1LB240X12345678", "0661 23 45 67"};
  ASSERT_FALSE(saa.context.logs.empty()) << "the test must see the adapter's log lines";
  for (const auto& line : saa.context.logs) {
    if (line.level < sdk::LogLevel::info) continue;
    std::string text = line.message;
    for (const auto& [k, v] : line.fields) text += " " + k + "=" + v;
    for (const auto& p : personal) EXPECT_EQ(text.find(p), std::string::npos) << "log line leaks " << p << ": " << text;
  }
}
