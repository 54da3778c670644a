// 0002 — Inbound mapping and echo suppression.
//
// Scenario A: a record in SAA's own format (SAA's message id, SAA's correlation id) produced to
// <prefix>saa-constat.updated appears exactly once on <prefix>constat.updated as a valid
// canonical CloudEvent: source /providers/saa, the correlation id carried, key = subject, the
// same event `passerelle map --to canonical` gives. The host does not read that canonical
// record back as a new outbound event: nothing new lands on any insurer topic.
//
// Scenario B: after the host's outbound records land on the SAA and Trust topics (which it also
// reads, inbound), nothing new appears on the canonical topics: the host skips records that
// carry its own passerelle.origin.
#include <gtest/gtest.h>

#include <iostream>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

struct TestSetup {
  std::string bootstrap, prefix, config;
  TestTopics topics;
};

TestSetup prepare(const std::string& name) {
  TestSetup s;
  s.bootstrap = kafka_bootstrap();
  s.prefix = unique_prefix(name);
  s.topics = test_topics(s.prefix);
  create_topics(s.bootstrap, s.topics.all(), 1);
  HostConfigOptions options;
  options.prefix = s.prefix;
  options.bootstrap = s.bootstrap;
  s.config = write_host_config(options);
  return s;
}

void expect_counters_balance(const std::string& out) {
  for (const auto& c : route_counters(out))
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;
}

TEST(Kafka0002InboundAndEcho, SaaRecordBecomesExactlyOneCanonicalEventAndIsNotEchoed) {
  if (!require_broker(kafka_bootstrap())) return;
  const TestSetup s = prepare("0002-inbound");
  const TopicsCleanup cleanup(s.bootstrap, s.topics.all());
  ASSERT_EQ(check_config(s.config), "");

  // An SAA message as SAA would send it: the SAA form of a canonical constat.updated, with SAA's
  // own message id (not a UUID) and correlation id.
  std::mt19937_64 rng(0x0002);
  const nlohmann::json canonical = corpus_event("constat_updated_rev7_in_review.json", rng);
  nlohmann::json deliveries = map_to_provider(s.config, "saa", canonical);
  ASSERT_EQ(deliveries.size(), 1u) << deliveries.dump(2);
  nlohmann::json delivery = deliveries[0];
  ASSERT_EQ(delivery.value("topic", ""), s.topics.saa_constat_updated);
  const std::string saa_message_id = "SAA-MSG-" + random_uuid(rng).substr(0, 8);
  const std::string correlation = "corr-0002-" + random_uuid(rng).substr(0, 8);
  {
    auto value = nlohmann::json::parse(delivery_value(delivery), nullptr, false);
    ASSERT_TRUE(value.is_object() && value.contains("entete")) << "SAA's envelope changed? " << delivery.dump(2);
    value["entete"]["idMessage"] = saa_message_id;
    value["entete"]["idCorrelation"] = correlation;
    delivery["value"] = value;
    if (delivery.contains("headers") && delivery["headers"].contains("saa-id-message"))
      delivery["headers"]["saa-id-message"] = saa_message_id;
  }
  const nlohmann::json expected = map_to_canonical(s.config, "saa", delivery);
  ASSERT_EQ(expected.size(), 1u) << expected.dump(2);

  {
    TestProducer producer(s.bootstrap);
    producer.produce(s.topics.saa_constat_updated, delivery.value("key", ""), delivery_value(delivery),
                     delivery_headers(delivery));
    ASSERT_TRUE(producer.flush(30s));
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
  }

  HostProcess host(s.config);
  std::vector<std::string> watched = s.topics.all();
  TopicCollector out(s.bootstrap, watched);
  // Our SAA record is on the topics already: wait for it plus the canonical event.
  const auto until = std::chrono::steady_clock::now() + 90s;
  while (out.count(s.topics.constat_updated) < 1 && std::chrono::steady_clock::now() < until) out.poll_for(200ms);
  out.poll_until(out.count() + 1, 6s, 6s);  // an echo or a duplicate has time to show up
  const ProcessResult stopped = host.terminate(30s);
  std::cout << "[0002A] records on all topics: " << out.count() << "\n" << describe(route_counters(stopped.out));
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;

  const auto events = out.records_of(s.topics.constat_updated);
  ASSERT_EQ(events.size(), 1u) << "exactly once on " << s.topics.constat_updated;
  const ConsumedRecord& r = events[0];
  sdk::ValidationErrors errors;
  const auto parsed = sdk::parse_cloud_event(std::string_view(r.value), errors);
  ASSERT_TRUE(parsed.has_value()) << errors.summary() << "\n" << r.value;
  EXPECT_EQ(parsed->type, sdk::kTypeConstatUpdated);
  EXPECT_EQ(parsed->source, "/providers/saa");
  EXPECT_EQ(parsed->correlationid.value_or("<none>"), correlation);
  EXPECT_EQ(parsed->id, expected[0].value("id", "")) << "the id the adapter derives from SAA's message id";
  EXPECT_EQ(parsed->subject, canonical["subject"].get<std::string>());
  EXPECT_EQ(r.key, parsed->subject) << "key = subject";
  EXPECT_EQ(sdk::to_json(*parsed)["data"], expected[0]["data"]) << "data as passerelle map gives it";
  EXPECT_EQ(r.header("passerelle.origin").value_or("<none>"), host_group_id(s.prefix));

  // No echo: the canonical record is the host's own, so it is not delivered to SAA or Trust
  // (both sides of this constat) as a new outbound event.
  EXPECT_EQ(out.count(s.topics.saa_constat_updated), 1u) << "only the record the test produced";
  EXPECT_EQ(out.count(s.topics.trust_constat_updated), 0u);
  EXPECT_EQ(out.count(s.topics.constat_created), 0u);
  EXPECT_EQ(out.count(s.topics.dead_letter), 0u);
  expect_counters_balance(stopped.out);
}

TEST(Kafka0002InboundAndEcho, OwnRecordsOnInsurerTopicsAreNotReadBack) {
  if (!require_broker(kafka_bootstrap())) return;
  const TestSetup s = prepare("0002-echo");
  const TopicsCleanup cleanup(s.bootstrap, s.topics.all());
  ASSERT_EQ(check_config(s.config), "");

  std::mt19937_64 rng(0x00020b);
  const nlohmann::json event = corpus_event("constat_two_sides_saa_trust.json", rng);
  {
    TestProducer producer(s.bootstrap);
    producer.produce(s.topics.constat_created, event["subject"].get<std::string>(), event.dump());
    ASSERT_TRUE(producer.flush(30s));
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
  }

  HostProcess host(s.config);
  TopicCollector out(s.bootstrap, s.topics.all());
  const auto until = std::chrono::steady_clock::now() + 90s;
  while ((out.count(s.topics.saa_constat_created) < 1 || out.count(s.topics.trust_constat_created) < 1) &&
         std::chrono::steady_clock::now() < until)
    out.poll_for(200ms);
  ASSERT_EQ(out.count(s.topics.saa_constat_created), 1u);
  ASSERT_EQ(out.count(s.topics.trust_constat_created), 1u);
  // The host also consumes saa-constat.created and trust-constat.created: give it time to
  // (wrongly) read its own records back and produce canonical events from them.
  out.poll_until(out.count() + 1, 8s, 8s);
  const ProcessResult stopped = host.terminate(30s);
  std::cout << "[0002B] records on all topics: " << out.count() << "\n" << describe(route_counters(stopped.out));
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;

  EXPECT_EQ(out.count(s.topics.constat_created), 1u) << "only the event the test produced";
  EXPECT_EQ(out.count(s.topics.constat_updated), 0u);
  EXPECT_EQ(out.count(s.topics.vehicle_verified), 0u);
  EXPECT_EQ(out.count(s.topics.dead_letter), 0u) << "own records are skipped, not dead-lettered";
  EXPECT_EQ(out.count(), 3u);
  expect_counters_balance(stopped.out);
}

}  // namespace
}  // namespace passerelle::testing
