// The simulator's pure parts, without HTTP: formats, plates, fault knobs, flags, world, answers.
#include <gtest/gtest.h>

#include "faults.hpp"
#include "insurer_apis.hpp"
#include "options.hpp"
#include "world.hpp"

namespace passerelle::sim {
namespace {

Json default_world() { return Json::parse(default_world_text()); }
Now at(const char* iso_utc) {
  std::tm tm{};
  strptime(iso_utc, "%Y-%m-%dT%H:%M:%S", &tm);
  return Now{std::chrono::system_clock::from_time_t(timegm(&tm))};
}

TEST(Unit, Dates) {
  EXPECT_EQ(parse_fr_date("20/11/2026"), (CivilDate{2026, 11, 20}));
  EXPECT_EQ(parse_fr_date("29/02/2028"), (CivilDate{2028, 2, 29}));
  EXPECT_FALSE(parse_fr_date("29/02/2026"));
  EXPECT_FALSE(parse_fr_date("31/04/2026"));
  EXPECT_FALSE(parse_fr_date("2026-11-20"));
  EXPECT_FALSE(parse_fr_date("1/11/2026"));
  EXPECT_EQ(parse_iso_date("2026-11-20"), (CivilDate{2026, 11, 20}));
  EXPECT_FALSE(parse_iso_date("2026-13-01"));
  EXPECT_FALSE(parse_iso_date("20/11/2026"));
  EXPECT_EQ(format_fr_date({2026, 3, 1}), "01/03/2026");
  EXPECT_EQ(format_iso_date({2026, 3, 1}), "2026-03-01");
  EXPECT_LT((CivilDate{2025, 12, 31}), (CivilDate{2026, 1, 1}));
}

TEST(Unit, Stamps) {
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");  // RFC 9110's example
  const Now n = at("2026-12-31T23:30:05");
  EXPECT_EQ(algeria_minute_fr(n.wall()), "01/01/2027 00:30");
  EXPECT_EQ(algeria_rfc3339_seconds(n.wall()), "2027-01-01T00:30:05+01:00");
  EXPECT_EQ(algeria_today(n.wall()), (CivilDate{2027, 1, 1}));
  EXPECT_EQ(utc_rfc3339_millis(n.at + std::chrono::milliseconds(42)), "2026-12-31T23:30:05.042Z");
}

TEST(Unit, Plates) {
  EXPECT_EQ(normalize_dz_plate("12345 116 16"), "12345-116-16");
  EXPECT_EQ(normalize_dz_plate("12345-116-16"), "12345-116-16");
  EXPECT_EQ(normalize_dz_plate(" 1  120 - 01 "), "1-120-01");
  EXPECT_FALSE(normalize_dz_plate("1234567-116-16"));
  EXPECT_FALSE(normalize_dz_plate("12345-016-16"));
  EXPECT_FALSE(normalize_dz_plate("12345-116-00"));
  EXPECT_FALSE(normalize_dz_plate("AB-123-CD"));
  EXPECT_EQ(plate_key("12345 116 16", "DZ"), plate_key("12345-116-16", ""));
  EXPECT_NE(plate_key("12345 116 16", "DZ"), plate_key("12345 116 16", "FR"));
  EXPECT_EQ(plate_key("ab-123-cd", "FR"), "FR:AB-123-CD");
}

TEST(Unit, DrawIsDeterministicAndUniformEnough) {
  int hits = 0;
  for (std::uint64_t n = 0; n < 10000; ++n) {
    const double d = draw(42, n);
    ASSERT_GE(d, 0.0);
    ASSERT_LT(d, 1.0);
    EXPECT_EQ(d, draw(42, n));
    hits += d < 0.3;
  }
  EXPECT_GT(hits, 2700);
  EXPECT_LT(hits, 3300);
  EXPECT_NE(draw(1, 0), draw(2, 0));
}

TEST(Unit, FaultKnobs) {
  const auto t0 = Faults::Clock::now();
  Faults f;
  EXPECT_TRUE(f.apply({{"unavailable_requests", 2}, {"retry_after", 9}}, t0).empty());
  EXPECT_EQ(f.next(t0).kind, FaultDecision::Kind::unavailable);
  const auto d = f.next(t0);
  EXPECT_EQ(d.kind, FaultDecision::Kind::unavailable);
  EXPECT_EQ(d.retry_after_s, 9);
  EXPECT_FALSE(d.http_date);
  EXPECT_EQ(f.next(t0).kind, FaultDecision::Kind::none);

  EXPECT_TRUE(f.apply({{"unavailable_seconds", 2}}, t0).empty());
  EXPECT_EQ(f.next(t0 + std::chrono::seconds(1)).kind, FaultDecision::Kind::unavailable);
  EXPECT_EQ(f.next(t0 + std::chrono::seconds(3)).kind, FaultDecision::Kind::none);

  EXPECT_TRUE(f.apply({{"outage", "drop"}, {"outage_seconds", 5}}, t0).empty());
  EXPECT_EQ(f.outage(t0 + std::chrono::seconds(4)), OutageMode::drop);
  EXPECT_EQ(f.outage(t0 + std::chrono::seconds(6)), OutageMode::none);
  EXPECT_TRUE(f.apply({{"outage", "refuse"}}, t0).empty());
  EXPECT_EQ(f.outage(t0 + std::chrono::hours(100)), OutageMode::refuse);

  EXPECT_TRUE(f.apply({{"error_rate", 1}}, t0).empty());
  EXPECT_EQ(f.next(t0).kind, FaultDecision::Kind::error);
  EXPECT_TRUE(f.apply({{"error_rate", nullptr}, {"latency_ms", 250}}, t0).empty());
  EXPECT_EQ(f.next(t0).kind, FaultDecision::Kind::none);
  EXPECT_EQ(f.latency_ms(), 250);
  f.clear();
  EXPECT_EQ(f.latency_ms(), 0);
  EXPECT_EQ(f.outage(t0), OutageMode::none);
}

TEST(Unit, FaultKnobProblemsChangeNothing) {
  const auto t0 = Faults::Clock::now();
  Faults f;
  EXPECT_EQ(f.apply({{"latency_ms", 100}, {"error_rate", 1.5}}, t0).size(), 1u);
  EXPECT_EQ(f.latency_ms(), 0);
  EXPECT_FALSE(f.apply({{"outage_seconds", 2}}, t0).empty());
  EXPECT_FALSE(f.apply({{"nope", 1}}, t0).empty());
  EXPECT_FALSE(f.apply(Json::array(), t0).empty());
  EXPECT_FALSE(f.apply({{"latency_ms", "fast"}}, t0).empty());
}

TEST(Unit, FaultFlag) {
  std::string error;
  auto f = parse_fault_flag("saa:latency_ms=200,retry_after_format=http-date,outage=none", error);
  ASSERT_TRUE(f) << error;
  EXPECT_EQ(f->first, std::vector<Insurer>{Insurer::saa});
  EXPECT_EQ(f->second, (Json{{"latency_ms", 200}, {"retry_after_format", "http-date"}, {"outage", "none"}}));
  auto all = parse_fault_flag("all:error_rate=0.25", error);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->first.size(), 3u);
  EXPECT_EQ(all->second["error_rate"], 0.25);
  EXPECT_FALSE(parse_fault_flag("latency_ms=1", error));
  EXPECT_FALSE(parse_fault_flag("axa:latency_ms=1", error));
  EXPECT_FALSE(parse_fault_flag("saa:", error));
  EXPECT_FALSE(parse_fault_flag("saa:latency_ms", error));
}

TEST(Unit, OptionsDefaultsMatchTheHostsDevelopmentConfig) {
  auto p = parse_options({});
  ASSERT_TRUE(p.options) << p.error;
  EXPECT_EQ(p.options->listen, "127.0.0.1");
  EXPECT_EQ(p.options->ports.at(Insurer::saa), 9101);
  EXPECT_EQ(p.options->ports.at(Insurer::trust), 9102);
  EXPECT_EQ(p.options->ports.at(Insurer::caar), 9103);
  EXPECT_EQ(p.options->api_keys.at(Insurer::saa), "dev-saa-key");
  EXPECT_EQ(p.options->api_keys.at(Insurer::trust), "dev-trust-key");
  EXPECT_EQ(p.options->api_keys.at(Insurer::caar), "dev-caar-key");
  EXPECT_EQ(p.options->caar_auth_header, "X-CAAR-Key");
}

TEST(Unit, Options) {
  auto p = parse_options({"--saa-port=0", "--trust-port", "9202", "--listen", "::1", "--duration-s", "2.5", "--fault",
                          "caar:outage=drop", "--seed", "w.json"});
  ASSERT_TRUE(p.options) << p.error;
  EXPECT_EQ(p.options->ports.at(Insurer::saa), 0);
  EXPECT_EQ(p.options->ports.at(Insurer::trust), 9202);
  EXPECT_EQ(p.options->listen, "::1");
  EXPECT_EQ(p.options->duration_s, 2.5);
  ASSERT_EQ(p.options->faults.size(), 1u);
  EXPECT_EQ(p.options->seed_file, "w.json");
  EXPECT_EQ(parse_options({"--listen", "localhost"}).options->listen, "127.0.0.1");
  EXPECT_TRUE(parse_options({"--listen", "127.0.0.2"}).options);
  for (const char* addr : {"0.0.0.0", "10.0.0.1", "::", "::ffff:127.0.0.1x", "host"}) {
    auto bad = parse_options({"--listen", addr});
    EXPECT_FALSE(bad.options) << addr;
    EXPECT_NE(bad.error.find("loopback"), std::string::npos);
  }
  EXPECT_FALSE(parse_options({"--saa-port", "9103"}).options);  // the default CAAR port
  EXPECT_FALSE(parse_options({"--admin-port", "9101"}).options);
  EXPECT_FALSE(parse_options({"--fault", "saa:outage_seconds=3"}).options);
  EXPECT_FALSE(parse_options({"--caar-auth-header", "X-Bad:"}).options);
  EXPECT_FALSE(parse_options({"--duration-s", "0"}).options);
}

TEST(Unit, DefaultWorldIsValid) {
  const Json w = default_world();
  EXPECT_EQ(validate_world(w), std::vector<std::string>{});
  EXPECT_EQ(w, Json::parse(default_world_text()));
  for (const char* insurer : {"saa", "trust", "caar"}) EXPECT_TRUE(w.contains(insurer)) << insurer;
}

TEST(Unit, WorldProblemsNameTheirPath) {
  const Json bad = {
      {"_note", "comments are fine"},
      {"saa",
       {{"polices", {{{"numeroPolice", "P"}, {"vehicules", {{{"marque", "X"}}}}}}}, {"contracts", Json::array()}}},
      {"trust", {{"policies", {{{"number", "T"}, {"car", {{"plate", "12345 116 16"}}}}}}}},
      {"caar", {{"claims", {{{"claim_number", "A"}}, {{"claim_number", "A"}}, 3}}}},
      {"axa", Json::object()}};
  const auto problems = validate_world(bad);
  auto has = [&](const std::string& s) {
    for (const auto& p : problems)
      if (p.find(s) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("saa.polices[0].vehicules[0].immatriculation: required"));
  EXPECT_TRUE(has("saa.contracts: unknown collection"));
  EXPECT_TRUE(has("trust.policies[0].car.plate: must be an object"));
  EXPECT_TRUE(has("caar.claims[1].claim_number: duplicate"));
  EXPECT_TRUE(has("caar.claims[2]: must be an object"));
  EXPECT_TRUE(has("axa: unknown insurer"));
  EXPECT_FALSE(validate_world(Json::array()).empty());
  EXPECT_TRUE(validate_world(Json::object()).empty());
}

TEST(Unit, SaaAttestationVerdictIsLeftToTheAdapter) {
  const Json saa = complete_section(Insurer::saa, default_world()["saa"]);
  const Now now = at("2026-11-20T13:39:00");
  auto r = saa_attestation(saa, "12345-116-16", "20/11/2026", now, 12);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body["idAttestation"], "ATT-SIM-000012");
  EXPECT_EQ(r.body["dateHeureVerification"], "20/11/2026 14:39");
  // Outside the dates, SAA still answers the attestation; the adapter says policy_expired.
  auto later = saa_attestation(saa, "12345 116 16", "01/01/2030", now, 13);
  EXPECT_EQ(later.status, 200);
  EXPECT_EQ(later.body["etatPolice"], "en_vigueur");
  EXPECT_EQ(saa_attestation(saa, "AB-123-CD", std::nullopt, now, 1).status, 404);
}

TEST(Unit, SaaPicksThePolicyInForce) {
  Json saa = complete_section(Insurer::saa, Json::object());
  auto police = [](const char* n, const char* etat, const char* from, const char* to) {
    return Json{{"numeroPolice", n},
                {"etat", etat},
                {"dateDebut", from},
                {"dateFin", to},
                {"vehicules", {{{"immatriculation", "1-120-01"}}}}};
  };
  saa["polices"] = {police("OLD", "expiree", "01/01/2020", "31/12/2020"),
                    police("NOW", "en_vigueur", "01/01/2026", "31/12/2026"),
                    police("NEXT", "en_vigueur", "01/01/2027", "31/12/2027")};
  EXPECT_EQ(saa_attestation(saa, "1-120-01", "01/06/2026", Now{}, 1).body["numeroPolice"], "NOW");
  EXPECT_EQ(saa_attestation(saa, "1-120-01", "01/06/2027", Now{}, 1).body["numeroPolice"], "NEXT");
  EXPECT_EQ(saa_attestation(saa, "1-120-01", "01/06/2021", Now{}, 1).body["numeroPolice"], "NEXT");  // ended last
}

TEST(Unit, TrustAndCaarVerdicts) {
  const Json w = default_world();
  const Json trust = complete_section(Insurer::trust, w["trust"]);
  const Now now = at("2026-11-20T13:40:01");
  auto covered = trust_coverage(trust, "01234-114-16", "2026-11-20", "DZ", now, 1);
  EXPECT_EQ(covered.body["result"], "COVERED");
  EXPECT_EQ(covered.body["checkedAt"], "2026-11-20T13:40:01.000Z");
  auto late = trust_coverage(trust, "01234 114 16", "2027-03-01", "DZ", now, 2);
  EXPECT_EQ(late.body["reason"], "EXPIRED");
  EXPECT_EQ(trust_coverage(trust, "01234 114 16", std::nullopt, std::nullopt, now, 3).body["referenceDate"],
            "2026-11-20");

  const Json caar = complete_section(Insurer::caar, w["caar"]);
  auto valid = caar_coverage(caar, "774 311 09", "2026-11-20", now, 4);
  EXPECT_EQ(valid.body["result"], "VALID");
  EXPECT_EQ(valid.body["check_id"], "CAAR-CHK-SIM-000004");
  EXPECT_EQ(valid.body["checked_at"], "2026-11-20T14:40:01+01:00");
  auto early = caar_coverage(caar, "774-311-09", "2026-02-01", now, 5);
  EXPECT_EQ(early.body["reason"], "NOT_YET_VALID");
}

TEST(Unit, CaarDeliveries) {
  Json caar = complete_section(Insurer::caar, Json::object());
  CaarBook book;
  const Now now;
  auto c = caar_create_claim(caar, R"({"claim_number":"C1","version":1})", now, book);
  EXPECT_EQ(c.status, 201);
  EXPECT_EQ(c.body["caar_reference"], "CAAR-SIN-SIM-000001");
  EXPECT_EQ(caar_create_claim(caar, R"({"claim_number":"C1","version":1})", now, book).status, 409);
  auto u = caar_update_claim(caar, "C1", R"({"claim_number":"C1","version":2})", now, book);
  EXPECT_EQ(u.status, 200);
  EXPECT_EQ(u.body["caar_reference"], "CAAR-SIN-SIM-000001");
  EXPECT_EQ(caar_update_claim(caar, "C1", R"({"claim_number":"C1","version":1})", now, book).status, 409);
  EXPECT_EQ(caar_update_claim(caar, "C1", R"({"claim_number":"C2","version":3})", now, book).status, 400);
  EXPECT_EQ(caar_record_check(caar, R"({"check_id":"K"})", now, book).status, 201);
  EXPECT_EQ(caar_record_check(caar, R"({"check_id":"K"})", now, book).status, 409);
  EXPECT_EQ(caar_record_check(caar, R"([])", now, book).status, 400);
  EXPECT_EQ(book.claims_created, 1u);
  EXPECT_EQ(book.claims_updated, 1u);
  EXPECT_EQ(book.vehicle_checks_recorded, 1u);
  EXPECT_EQ(caar_claim(caar, "C1").body["version"], 2);
}

TEST(Unit, ErrorBodiesFollowEachInsurersStyle) {
  EXPECT_EQ(error_body(Insurer::saa, 404, "m"), (Json{{"code", "NON_TROUVE"}, {"message", "m"}}));
  EXPECT_EQ(error_body(Insurer::trust, 503, "m"),
            (Json{{"error", {{"code", "SERVICE_UNAVAILABLE"}, {"message", "m"}}}}));
  EXPECT_EQ(error_body(Insurer::caar, 401, "m"), (Json{{"error", "unauthorized"}, {"message", "m"}}));
}

}  // namespace
}  // namespace passerelle::sim
