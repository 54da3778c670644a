// The CloudEvents envelope: attributes, schema versioning (any minor of our major), the subject
// rule that makes it a correct Kafka key, and event ids.
#include <gtest/gtest.h>

#include <set>

#include "validation_matchers.hpp"

namespace passerelle::sdk {
namespace {

using test::corpus_event;
using test::HasIssue;

TEST(CloudEventEnvelope, ParsesAllAttributes) {
  const Json event = corpus_event("constat_maximal.json");
  ValidationErrors errors;
  auto e = parse_cloud_event(event, errors);
  ASSERT_TRUE(e) << errors.summary();
  EXPECT_EQ(e->specversion, "1.0");
  EXPECT_EQ(e->id, "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
  EXPECT_EQ(e->type, kTypeConstatCreated);
  EXPECT_EQ(e->source, "/eassurance");
  EXPECT_EQ(e->time, "2026-11-20T15:10:00.123456+01:00");
  EXPECT_EQ(e->subject, "CST-2026-000999");
  EXPECT_EQ(e->datacontenttype, "application/json");
  EXPECT_EQ(e->dataschema, "urn:passerelle:constat.created:1.0");
  EXPECT_EQ(e->correlationid, "corr-max-0001");
  EXPECT_EQ(e->causationid, "7c6b5a49-3827-4160-8f5e-4d3c2b1a0f9e");
  EXPECT_FALSE(e->provider);
  EXPECT_EQ(to_json(*e), event);
}

TEST(CloudEventEnvelope, ProviderIsCarried) {
  Json event = corpus_event("vehicle_verified_unconfirmed_not_found.json");
  event["source"] = "/providers/trust";
  event["provider"] = "trust";
  ValidationErrors errors;
  auto e = parse_cloud_event(event, errors);
  ASSERT_TRUE(e) << errors.summary();
  EXPECT_EQ(e->provider, "trust");
  EXPECT_EQ(to_json(*e)["provider"], "trust");
}

TEST(CloudEventEnvelope, TextParsing) {
  const Json event = corpus_event("constat_one_side.json");
  ValidationErrors ok;
  auto e = parse_cloud_event(std::string_view(event.dump()), ok);
  ASSERT_TRUE(e) << ok.summary();
  EXPECT_EQ(to_json(*e), event);

  ValidationErrors bad;
  EXPECT_FALSE(parse_cloud_event(std::string_view("{\"specversion\": "), bad));
  EXPECT_TRUE(HasIssue(bad, "$", "not valid JSON"));

  ValidationErrors not_object;
  EXPECT_FALSE(parse_cloud_event(std::string_view("[1, 2]"), not_object));
  EXPECT_TRUE(HasIssue(not_object, "$", "must be a JSON object"));
}

TEST(CloudEventEnvelope, SpecVersionContentTypeAndIdAreChecked) {
  Json event = corpus_event("constat_minimal.json");
  event["specversion"] = "0.3";
  event["datacontenttype"] = "application/xml";
  event["id"] = "evt-42";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "specversion", "must be \"1.0\""));
  EXPECT_TRUE(HasIssue(errors, "datacontenttype", "application/json"));
  EXPECT_TRUE(HasIssue(errors, "id", "must be a UUID"));
}

TEST(CloudEventEnvelope, TimeIsRfc3339) {
  Json event = corpus_event("constat_minimal.json");
  event["time"] = "2026-01-02 00:00:00";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "time", "RFC 3339"));
}

TEST(CloudEventEnvelope, DataMustBeAnObject) {
  Json event = corpus_event("constat_minimal.json");
  event["data"] = "{}";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "data", "must be an object"));
}

TEST(CloudEventSchema, NewerMinorOfOurMajorIsAccepted) {
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["dataschema"] = "urn:passerelle:constat.created:1.3";
  ValidationErrors errors;
  auto e = parse_cloud_event(event, errors);
  ASSERT_TRUE(e) << errors.summary();
  EXPECT_EQ(e->dataschema, "urn:passerelle:constat.created:1.3");  // kept: it says what the sender wrote
  event["dataschema"] = "urn:passerelle:constat.created:1.12";
  ValidationErrors two_digits;
  EXPECT_TRUE(parse_cloud_event(event, two_digits)) << two_digits.summary();
}

TEST(CloudEventSchema, OtherMajorOrMalformedIsRejected) {
  for (const char* bad : {"urn:passerelle:constat.created:2.0", "urn:passerelle:constat.created:0.9",
                          "urn:passerelle:constat.created:1.", "urn:passerelle:constat.created:1.x",
                          "urn:passerelle:constat.created:11.0", "urn:passerelle:constat.updated:1.0",
                          "urn:other:constat.created:1.0", "constat.created"}) {
    Json event = corpus_event("constat_two_sides_saa_trust.json");
    event["dataschema"] = bad;
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(event, errors)) << bad;
    EXPECT_TRUE(HasIssue(errors, "dataschema", "this reader accepts major 1")) << bad;
  }
}

TEST(CloudEventSchema, DataschemaForEveryType) {
  EXPECT_EQ(dataschema_for(kTypeConstatCreated), "urn:passerelle:constat.created:1.0");
  EXPECT_EQ(dataschema_for(kTypeConstatUpdated), "urn:passerelle:constat.updated:1.0");
  EXPECT_EQ(dataschema_for(kTypeVehicleVerified), "urn:passerelle:vehicle.verified:1.0");
  EXPECT_TRUE(is_known_event_type("constat.updated"));
  EXPECT_FALSE(is_known_event_type("constat.deleted"));
  EXPECT_FALSE(is_known_event_type(""));
}

TEST(CloudEventSubject, MustEqualConstatId) {
  Json event = corpus_event("constat_two_sides_saa_trust.json");
  event["subject"] = "CST-2026-000124";
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(event, errors));
  EXPECT_TRUE(HasIssue(errors, "subject", "must equal data.constatId (\"CST-2026-000123\")"));
}

TEST(CloudEventSubject, MustBeCountryAndPlateForVerifications) {
  for (const char* bad : {"12345-116-16", "DZ:12345-116-17", "FR:12345-116-16", "VRF-0000012345"}) {
    Json event = corpus_event("vehicle_verified_confirmed_coverage.json");
    event["subject"] = bad;
    ValidationErrors errors;
    EXPECT_FALSE(parse_cloud_event(event, errors)) << bad;
    EXPECT_TRUE(HasIssue(errors, "subject", "<registrationCountry>:<registrationNumber>")) << bad;
  }
  EXPECT_EQ(vehicle_subject("DZ", "12345-116-16"), "DZ:12345-116-16");
}

TEST(CloudEventBuild, MakeEventsAreValidAndTyped) {
  ValidationErrors errors;
  const Constat c = parse_constat(corpus_event("constat_three_sides_saa_trust_caar.json")["data"], errors).value();
  const CloudEvent e = make_constat_event(kTypeConstatUpdated, c, deterministic_event_id("saa/0/42"),
                                          "2026-07-15T18:20:31Z", "/providers/saa");
  ValidationErrors e_errors;
  auto parsed = parse_cloud_event(to_json(e), e_errors);
  ASSERT_TRUE(parsed) << e_errors.summary();
  EXPECT_EQ(*parsed, e);
  EXPECT_EQ(e.subject, c.constatId);
  EXPECT_EQ(e.dataschema, "urn:passerelle:constat.updated:1.0");
  EXPECT_EQ(constat_of(*parsed), c);

  const VehicleVerification v =
      parse_vehicle_verification(corpus_event("vehicle_verified_foreign_fr.json")["data"], errors).value();
  const CloudEvent ve = make_verification_event(v, deterministic_event_id("trust/x"), "2026-08-10T18:30:00Z", "/providers/trust");
  EXPECT_EQ(ve.subject, "FR:AB-123-CD");
  EXPECT_EQ(ve.type, kTypeVehicleVerified);
  ValidationErrors v_errors;
  auto vparsed = parse_cloud_event(to_json(ve), v_errors);
  ASSERT_TRUE(vparsed) << v_errors.summary();
  EXPECT_EQ(verification_of(*vparsed), v);
}

TEST(CloudEventBuild, TypedViewOfInvalidDataThrows) {
  CloudEvent e;
  e.id = "x";
  e.data = Json::object();
  EXPECT_THROW(constat_of(e), std::invalid_argument);
  EXPECT_THROW(verification_of(e), std::invalid_argument);
}

TEST(EventId, DeterministicIdIsStableAndAValidUuid) {
  const std::string a = deterministic_event_id("saa-constat.updated/3/1207");
  EXPECT_EQ(a, deterministic_event_id("saa-constat.updated/3/1207"));
  EXPECT_TRUE(is_uuid(a)) << a;
  EXPECT_EQ(a[14], '8') << "version 8 (RFC 9562): " << a;
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << "RFC 9562 variant: " << a;
  // Pinned: the id must not change between releases, or a record replayed after an upgrade
  // would no longer deduplicate against the one produced before it.
  EXPECT_EQ(a, "c7a39d8f-0914-8967-a1c0-47cfd0f79328");
  EXPECT_TRUE(is_uuid(deterministic_event_id("")));
}

TEST(EventId, DifferentNamesGiveDifferentIds) {
  std::set<std::string> ids;
  for (int partition = 0; partition < 8; ++partition)
    for (int offset = 0; offset < 250; ++offset)
      ids.insert(deterministic_event_id("saa-constat.updated/" + std::to_string(partition) + "/" + std::to_string(offset)));
  EXPECT_EQ(ids.size(), 2000u);
  // Names that differ only by where the separator falls are different records.
  EXPECT_NE(deterministic_event_id("ab/c"), deterministic_event_id("a/bc"));
}

TEST(EventId, IsUuidShape) {
  EXPECT_TRUE(is_uuid("3f6c2a1e-8b4d-4c1a-9e2f-5a7b8c9d0e11"));
  EXPECT_TRUE(is_uuid("3F6C2A1E-8B4D-4C1A-9E2F-5A7B8C9D0E11"));
  EXPECT_FALSE(is_uuid("3f6c2a1e8b4d4c1a9e2f5a7b8c9d0e11"));
  EXPECT_FALSE(is_uuid("3f6c2a1e-8b4d-4c1a-9e2f-5a7b8c9d0e1"));
  EXPECT_FALSE(is_uuid("3f6c2a1e-8b4d-4c1a-9e2f-5a7b8c9d0e1g"));
  EXPECT_FALSE(is_uuid("3f6c2a1e-8b4d-4c1a-9e2f_5a7b8c9d0e11"));
  EXPECT_FALSE(is_uuid(""));
}

}  // namespace
}  // namespace passerelle::sdk
