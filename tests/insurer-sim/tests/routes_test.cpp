// Every insurer route, with a real HTTP client, as the adapters call them: status and body.
#include "sim_fixture.hpp"

namespace passerelle::sim::testing {
namespace {

Json world_section(const std::string& insurer) { return Json::parse(read_file(SIM_WORLD_JSON))[insurer]; }

using Routes = SimTest;

// ------------------------------------------------------------------------------------ SAA

TEST_F(Routes, SaaAttestationOfAnInsuredVehicle) {
  auto a = call("saa", "/api/v1/vehicules/12345-116-16/attestation?date=20/11/2026");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.header("Content-Type").rfind("application/json", 0), 0u);
  const Json& b = a.body;
  EXPECT_EQ(b["immatriculation"], "12345-116-16");
  EXPECT_EQ(b["paysImmatriculation"], "DZ");
  EXPECT_EQ(b["numeroPolice"], "16/2026/0045871");
  EXPECT_EQ(b["etatPolice"], "en_vigueur");
  EXPECT_EQ(b["dateDebut"], "01/01/2026");
  EXPECT_EQ(b["dateFin"], "31/12/2027");
  EXPECT_EQ(b["garanties"], Json::array({"RC", "DR"}));
  EXPECT_EQ(b["marque"], "Renault");
  EXPECT_EQ(b["annee"], 2016);
  EXPECT_EQ(b["nomSouscripteur"], "Amine Benaïssa");
  EXPECT_EQ(b["agence"], (Json{{"code", "1601"}, {"nom", "Agence Alger Centre"}}));
  EXPECT_TRUE(b["idAttestation"].is_string());
  // dd/MM/yyyy HH:mm, Algeria time
  const std::string at = b.value("dateHeureVerification", "");
  ASSERT_EQ(at.size(), 16u) << at;
  EXPECT_EQ(at[2], '/');
  EXPECT_EQ(at[10], ' ');
  EXPECT_EQ(at[13], ':');
}

TEST_F(Routes, SaaAttestationTakesThePlateWithSpacesAndWithoutDate) {
  auto a = call("saa", "/api/v1/vehicules/12345%20116%2016/attestation");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body["immatriculation"], "12345-116-16");
}

TEST_F(Routes, SaaAttestationOfASuspendedPolicy) {
  auto a = call("saa", "/api/v1/vehicules/00777-121-31/attestation?date=20/11/2026");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body["etatPolice"], "suspendue");
}

TEST_F(Routes, SaaAttestationUnknownVehicleIs404) {
  auto a = call("saa", "/api/v1/vehicules/99999-199-19/attestation?date=20/11/2026");
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body["code"], "NON_TROUVE");
}

TEST_F(Routes, SaaAttestationBadDateIs400) {
  EXPECT_EQ(call("saa", "/api/v1/vehicules/12345-116-16/attestation?date=2026-11-20").status, 400);
  EXPECT_EQ(call("saa", "/api/v1/vehicules/12345-116-16/attestation?date=31/02/2026").status, 400);
}

TEST_F(Routes, SaaPoliceWithEncodedSlashes) {
  auto a = call("saa", "/api/v1/polices/16%2F2026%2F0045871");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body, world_section("saa")["polices"][0]);
  EXPECT_EQ(call("saa", "/api/v1/polices/16%2F2026%2F9999999").status, 404);
}

TEST_F(Routes, SaaConstat) {
  auto a = call("saa", "/api/v1/constats/SAA-CST-16-2026-000318");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body, world_section("saa")["constats"][0]);
  auto missing = call("saa", "/api/v1/constats/SAA-CST-NOPE");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["code"], "NON_TROUVE");
}

// ---------------------------------------------------------------------------------- Trust

TEST_F(Routes, TrustCoverageOfAnActivePolicy) {
  auto a = call("trust", "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-20&country=DZ");
  ASSERT_EQ(a.status, 200) << a.body;
  const Json& b = a.body;
  EXPECT_EQ(b["result"], "COVERED");
  EXPECT_FALSE(b.contains("reason"));
  EXPECT_EQ(b["carrier"], "TRUST");
  EXPECT_EQ(b["policyNumber"], "TR-16-2026-0042117");
  EXPECT_EQ(b["car"]["plate"], (Json{{"number", "01234 114 16"}, {"country", "DZ"}}));
  EXPECT_EQ(b["referenceDate"], "2026-11-20");
  EXPECT_EQ(b["cover"],
            (Json{{"startDate", "2026-03-01"}, {"endDate", "2027-02-28"}, {"guarantees", {"RC", "DR", "DASC"}}}));
  EXPECT_EQ(b["holderName"], "Amine Benaïssa");
  EXPECT_EQ(b["branch"], (Json{{"code", "T-16-03"}, {"name", "Agence Hydra"}}));
  EXPECT_EQ(b["productCode"], "AUTO-CONFORT");
  const std::string at = b.value("checkedAt", "");
  ASSERT_EQ(at.size(), 24u) << at;  // 2026-11-20T13:40:01.870Z
  EXPECT_EQ(at.back(), 'Z');
}

TEST_F(Routes, TrustCoverageOfAnExpiredPolicy) {
  auto a = call("trust", "/v2/vehicles/05678%20113%2016/coverage?asOf=2026-11-20&country=DZ");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body["result"], "NOT_COVERED");
  EXPECT_EQ(a.body["reason"], "EXPIRED");
  EXPECT_EQ(a.body["cover"]["endDate"], "2025-01-14");
}

TEST_F(Routes, TrustCoverageDashedPlateAndBeforeTheStart) {
  auto a = call("trust", "/v2/vehicles/01234-114-16/coverage?asOf=2026-01-10&country=DZ");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.body["result"], "NOT_COVERED");
  EXPECT_EQ(a.body["reason"], "NOT_YET_EFFECTIVE");
}

TEST_F(Routes, TrustCoverageUnknownAndBadParameters) {
  auto a = call("trust", "/v2/vehicles/99999%20199%2019/coverage?asOf=2026-11-20&country=DZ");
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body["error"]["code"], "NOT_FOUND");
  // The same plate registered in another country is another vehicle.
  EXPECT_EQ(call("trust", "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-20&country=FR").status, 404);
  EXPECT_EQ(call("trust", "/v2/vehicles/01234%20114%2016/coverage?asOf=20/11/2026&country=DZ").status, 400);
  EXPECT_EQ(call("trust", "/v2/vehicles/01234%20114%2016/coverage?asOf=2026-11-20&country=dz").status, 400);
}

TEST_F(Routes, TrustPolicyAndReport) {
  auto p = call("trust", "/v2/policies/TR-16-2026-0042117");
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.body, world_section("trust")["policies"][0]);
  EXPECT_EQ(call("trust", "/v2/policies/TR-NOPE").status, 404);
  auto r = call("trust", "/v2/accident-reports/CST-2026-004417");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, world_section("trust")["accidentReports"][0]);
  EXPECT_EQ(call("trust", "/v2/accident-reports/CST-NOPE").status, 404);
}

// ----------------------------------------------------------------------------------- CAAR

TEST_F(Routes, CaarCoverageValid) {
  auto a = call("caar", "/api/v1/vehicles/774-311-09/coverage?date=2026-11-20");
  ASSERT_EQ(a.status, 200) << a.body;
  const Json& b = a.body;
  EXPECT_EQ(b["result"], "VALID");
  EXPECT_FALSE(b.contains("reason"));
  EXPECT_EQ(b["insurer_code"], "caar");
  EXPECT_EQ(b["policy"], (Json{{"number", "CAAR/09/2026/000777"}}));
  EXPECT_EQ(b["vehicle"]["plate"], "774-311-09");
  EXPECT_EQ(b["vehicle"]["plate_country"], "DZ");
  EXPECT_EQ(b["vehicle"]["year"], 2019);
  EXPECT_EQ(b["check_date"], "20/11/2026");
  EXPECT_EQ(b["coverage"],
            (Json{{"start_date", "01/03/2026"}, {"end_date", "28/02/2027"}, {"guarantees", {"RC", "DR", "DASC"}}}));
  EXPECT_EQ(b["policyholder"], "Hélène Mébarki");
  EXPECT_EQ(b["agency"], (Json{{"code", "0917"}, {"name", "Agence Blida Centre"}}));
  const std::string at = b.value("checked_at", "");
  ASSERT_EQ(at.size(), 25u) << at;  // 2026-11-20T11:15:00+01:00
  EXPECT_EQ(at.substr(19), "+01:00");
}

TEST_F(Routes, CaarCoverageOfACancelledAndAnExpiredPolicy) {
  auto c = call("caar", "/api/v1/vehicles/33333-219-16/coverage?date=2026-01-20");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.body["result"], "INVALID");
  EXPECT_EQ(c.body["reason"], "CANCELLED");
  auto e = call("caar", "/api/v1/vehicles/774-311-09/coverage?date=2027-03-01");
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_EQ(e.body["result"], "INVALID");
  EXPECT_EQ(e.body["reason"], "EXPIRED");
}

TEST_F(Routes, CaarCoverageUnknownAndBadDate) {
  auto a = call("caar", "/api/v1/vehicles/99999-199-19/coverage?date=2026-11-20");
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body["error"], "not_found");
  EXPECT_EQ(call("caar", "/api/v1/vehicles/774-311-09/coverage?date=20/11/2026").status, 400);
}

TEST_F(Routes, CaarPolicyAndClaim) {
  auto p = call("caar", "/api/v1/policies/CAAR%2F09%2F2026%2F000777");
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.body, world_section("caar")["policies"][0]);
  EXPECT_EQ(call("caar", "/api/v1/policies/CAAR%2F00%2F0000%2F000000").status, 404);
  auto c = call("caar", "/api/v1/claims/CST-2026-004217");
  ASSERT_EQ(c.status, 200) << c.body;
  EXPECT_EQ(c.body, world_section("caar")["claims"][0]);
  EXPECT_EQ(call("caar", "/api/v1/claims/CST-NOPE").status, 404);
}

// -------------------------------------------------------------------------------- common

TEST_F(Routes, UnknownRouteIs404AndCountedAsUnmatched) {
  auto a = call("saa", "/api/v2/whatever");
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body["code"], "NON_TROUVE");
  EXPECT_EQ(count(stats("saa"), "GET (unmatched)", 404), 1u);
  // A route of another insurer does not exist on this port.
  EXPECT_EQ(call("trust", "/api/v1/polices/16%2F2026%2F0045871", auth("trust")).status, 404);
}

TEST_F(Routes, StatsCountRequestsPerRouteAndStatus) {
  call("saa", "/api/v1/polices/16%2F2026%2F0045871");
  call("saa", "/api/v1/polices/16%2F2026%2F0045871");
  call("saa", "/api/v1/polices/nope");
  const Json s = stats("saa");
  EXPECT_EQ(count(s, "GET /api/v1/polices/{numeroPolice}", 200), 2u);
  EXPECT_EQ(count(s, "GET /api/v1/polices/{numeroPolice}", 404), 1u);
  EXPECT_EQ(s["requests_total"], 3);
}

}  // namespace
}  // namespace passerelle::sim::testing
