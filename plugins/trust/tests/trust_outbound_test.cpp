// canonical -> Trust: topics, keys, headers, the envelope, and what x-canonical does when Trust
// has changed a value since Passerelle sent it.
#include "trust_test_support.hpp"

namespace passerelle::trust::testing {
namespace {

Json created_json() { return sample("canonical_constat_created.json"); }

TEST_F(TrustTest, ConstatEventsGoToTheirTopicWithReportKey) {
  Json j = created_json();
  auto created = adapter->to_provider(canonical_event(j));
  ASSERT_TRUE(created.ok()) << created.status().message;
  const auto& rec = kafka(created.value().at(0));
  EXPECT_EQ(rec.topic, "trust-constat.created");
  EXPECT_EQ(rec.key, "report:CST-2026-004417");
  EXPECT_EQ(rec.headers.at("trust-event-type"), "ACCIDENT_REPORT_OPENED");
  EXPECT_EQ(rec.headers.at("content-type"), "application/json");
  EXPECT_EQ(rec.headers.at("trust-schema-version"), "2.1");

  j["type"] = "constat.updated";
  j["dataschema"] = "urn:passerelle:constat.updated:1.0";
  j["data"]["revision"] = 2;
  auto updated = adapter->to_provider(canonical_event(j));
  ASSERT_TRUE(updated.ok()) << updated.status().message;
  EXPECT_EQ(kafka(updated.value().at(0)).topic, "trust-constat.updated");
  EXPECT_EQ(kafka(updated.value().at(0)).headers.at("trust-event-type"), "ACCIDENT_REPORT_REVISED");
  EXPECT_EQ(Json::parse(kafka(updated.value().at(0)).value)["eventType"], "ACCIDENT_REPORT_REVISED");
}

TEST_F(TrustTest, VehicleVerifiedGoesToItsTopicWithVehicleKey) {
  auto out = adapter->to_provider(canonical_event(sample("canonical_vehicle_verified.json")));
  ASSERT_TRUE(out.ok()) << out.status().message;
  const auto& rec = kafka(out.value().at(0));
  EXPECT_EQ(rec.topic, "trust-vehicle.verified");
  EXPECT_EQ(rec.key, "vehicle:DZ:01234-114-16");
  EXPECT_EQ(rec.headers.at("trust-event-type"), "VEHICLE_COVERAGE_CHECKED");
}

TEST_F(TrustTest, TrustEnvelopeHoldsTheEventInTrustsTerms) {
  auto out = adapter->to_provider(canonical_event(created_json()));
  ASSERT_TRUE(out.ok()) << out.status().message;
  const Json env = Json::parse(kafka(out.value()[0]).value);
  EXPECT_EQ(env["eventId"], "5f0c2a8e-7b1d-4c3e-9a2f-1d8e6b4c2a10");
  EXPECT_EQ(env["occurredAt"], "2026-11-20T14:02:11.250Z");  // UTC, milliseconds
  EXPECT_EQ(env["traceId"], "corr-2026-11-20-8841");
  const Json& r = env["payload"]["accidentReport"];
  EXPECT_EQ(r["state"], "SGN");
  EXPECT_EQ(r["incident"]["timestamp"], "2026-11-20T13:35:00.000Z");
  EXPECT_EQ(r["incident"]["address"]["wilaya"], 16);
  EXPECT_EQ(r["parties"][0]["car"]["plate"]["number"], "01234 114 16");
  EXPECT_EQ(r["parties"][1]["policy"]["carrier"], "SAA");
  EXPECT_EQ(r["parties"][0]["impact"]["points"], Json({"F", "FR"}));
  EXPECT_EQ(r["parties"][0]["signature"]["type"], "DIGITAL");
  EXPECT_EQ(r["channel"], "MOBILE_APP");
  EXPECT_EQ(r["parties"][0]["car"]["fiscalPower"], 6);
  EXPECT_EQ(r["customFields"], Json({{"expertAssigned", false}}));
}

TEST_F(TrustTest, OtherEventTypesArePermanentAndNamed) {
  sdk::CloudEvent e = canonical_event(created_json());
  e.type = "constat.deleted";
  auto out = adapter->to_provider(e);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(out.status().message.find("constat.deleted"), std::string::npos) << out.status().message;
}

TEST_F(TrustTest, InvalidCanonicalEventIsPermanent) {
  sdk::CloudEvent e = canonical_event(created_json());
  e.data.erase("constatId");
  auto out = adapter->to_provider(e);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code, sdk::StatusCode::permanent);
  EXPECT_NE(out.status().message.find("data.constatId"), std::string::npos) << out.status().message;
}

// Trust corrected the accident time in a later revision and sent the report back with the
// x-canonical Passerelle wrote: Trust's correction wins, the untouched values are restored.
TEST_F(TrustTest, StaleXCanonicalNeverOverridesWhatTrustChanged) {
  auto out = adapter->to_provider(canonical_event(created_json()));
  ASSERT_TRUE(out.ok()) << out.status().message;
  sdk::KafkaRecord rec = kafka(out.value()[0]);
  Json env = Json::parse(rec.value);
  env["payload"]["accidentReport"]["incident"]["timestamp"] = "2026-11-20T13:20:00.000Z";
  env["payload"]["accidentReport"]["state"] = "REV";
  rec.value = env.dump();

  auto back = adapter->to_canonical(rec);
  ASSERT_TRUE(back.ok()) << back.status().message;
  const sdk::CloudEvent& e = back.value()[0];
  EXPECT_EQ(e.data["accident"]["occurredAt"], "2026-11-20T13:20:00.000Z");
  EXPECT_EQ(e.data["status"], "in_review");
  EXPECT_EQ(e.time, "2026-11-20T15:02:11.250+01:00");  // still restored
  EXPECT_EQ(e.data["sides"][0]["signature"]["signedAt"], "2026-11-20T14:58:40+01:00");
  EXPECT_EQ(e.data["extensions"]["saa"], Json({{"codeAgent", "1602"}}));
  EXPECT_EQ(ctx.counters["x_canonical_stale_skipped"], 1);
  bool warned = false;
  for (const auto& l : ctx.logs) warned |= l.level == sdk::LogLevel::warn && l.message.find("x-canonical") != std::string::npos;
  EXPECT_TRUE(warned);
}

// x-canonical can restore canonical values but never who the event is from or which it is.
TEST_F(TrustTest, XCanonicalCannotChangeIdSourceOrType) {
  auto out = adapter->to_provider(canonical_event(created_json()));
  ASSERT_TRUE(out.ok());
  sdk::KafkaRecord rec = kafka(out.value()[0]);
  Json env = Json::parse(rec.value);
  env["payload"]["x-canonical"].push_back({{"op", "replace"}, {"path", "/source"}, {"value", "/eassurance"}});
  env["payload"]["x-canonical"].push_back({{"op", "replace"}, {"path", "/id"}, {"value", "00000000-0000-4000-8000-000000000000"}});
  env["payload"]["x-canonical"].push_back({{"op", "replace"}, {"path", "/type"}, {"value", "constat.updated"}});
  rec.value = env.dump();
  auto back = adapter->to_canonical(rec);
  ASSERT_TRUE(back.ok()) << back.status().message;
  EXPECT_EQ(back.value()[0].source, "/providers/trust");
  EXPECT_EQ(back.value()[0].id, "5f0c2a8e-7b1d-4c3e-9a2f-1d8e6b4c2a10");
  EXPECT_EQ(back.value()[0].type, "constat.created");
}

// Personal data never appears in info-level (or higher) log lines, whatever the adapter did.
TEST_F(TrustTest, NoPersonalDataInInfoLogs) {
  ASSERT_TRUE(round_trips(*adapter, canonical_event(created_json())));
  ASSERT_TRUE(round_trips(*adapter, canonical_event(sample("canonical_vehicle_verified.json"))));
  Json stale = created_json();
  auto out = adapter->to_provider(canonical_event(stale));
  ASSERT_TRUE(out.ok());
  sdk::KafkaRecord rec = kafka(out.value()[0]);
  Json env = Json::parse(rec.value);
  env["payload"]["accidentReport"]["incident"]["timestamp"] = "2026-11-20T13:20:00.000Z";
  rec.value = env.dump();
  ASSERT_TRUE(adapter->to_canonical(rec).ok());
  ASSERT_FALSE(ctx.logs.empty());
  const std::vector<std::string> personal = {"Benaïssa", "بوزيد", "01234", "88888", "TR-16-2026", "POL-16", "16-0456789",
                                             "Haddad", "KMHCT41", kApiKey};
  for (const auto& l : ctx.logs) {
    if (l.level < sdk::LogLevel::info) continue;
    std::string line = l.message;
    for (const auto& [k, v] : l.fields) line += " " + k + "=" + v;
    for (const auto& p : personal) EXPECT_EQ(line.find(p), std::string::npos) << "info log leaks " << p << ": " << line;
  }
}

}  // namespace
}  // namespace passerelle::trust::testing
