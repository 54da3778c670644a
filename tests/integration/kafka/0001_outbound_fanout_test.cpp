// 0001 — Outbound fan-out.
//
// Scenario: a canonical constat.created whose side A is insured by SAA and side B by Trust is
// produced to <prefix>constat.created. The host delivers it once to each concerned insurer, in
// that insurer's format and keyed by its convention: SAA's message on <prefix>saa-constat.created,
// Trust's envelope on <prefix>trust-constat.created — byte for byte what `passerelle map` gives
// for the same event — each record marked with the host's passerelle.origin header. No other
// insurer topic receives anything, and the shutdown counters balance.
#include <gtest/gtest.h>

#include <iostream>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

// The record matches the delivery `passerelle map` printed: topic, key, value (as JSON) and
// every header the adapter asked for.
void expect_record_is_delivery(const ConsumedRecord& record, const nlohmann::json& delivery) {
  EXPECT_EQ(record.topic, delivery.value("topic", ""));
  EXPECT_EQ(record.key, delivery.value("key", "")) << "the insurer's key convention";
  const auto got = nlohmann::json::parse(record.value, nullptr, false);
  ASSERT_FALSE(got.is_discarded()) << record.value;
  const auto want = nlohmann::json::parse(delivery_value(delivery), nullptr, false);
  EXPECT_EQ(got, want) << "mapped value differs from passerelle map's";
  if (delivery.contains("headers"))
    for (const auto& [name, value] : delivery["headers"].items()) {
      const auto h = record.header(name);
      ASSERT_TRUE(h.has_value()) << "header " << name << " the adapter asked for is missing";
      EXPECT_EQ(*h, value.get<std::string>()) << "header " << name;
    }
}

TEST(Kafka0001OutboundFanout, ConstatReachesEachConcernedInsurerInItsFormat) {
  const std::string bootstrap = kafka_bootstrap();
  if (!require_broker(bootstrap)) return;
  const std::string prefix = unique_prefix("0001-fanout");
  const TestTopics topics = test_topics(prefix);
  create_topics(bootstrap, topics.all(), 1);
  const TopicsCleanup cleanup(bootstrap, topics.all());

  HostConfigOptions options;
  options.prefix = prefix;
  options.bootstrap = bootstrap;
  const std::string config = write_host_config(options);
  ASSERT_EQ(check_config(config), "");

  std::mt19937_64 rng(0x0001);
  const nlohmann::json event = corpus_event("constat_two_sides_saa_trust.json", rng);
  ASSERT_EQ(concerned_insurers(event), (std::set<std::string>{"saa", "trust"}));
  const nlohmann::json saa_expected = map_to_provider(config, "saa", event);
  const nlohmann::json trust_expected = map_to_provider(config, "trust", event);
  ASSERT_EQ(saa_expected.size(), 1u) << saa_expected.dump(2);
  ASSERT_EQ(trust_expected.size(), 1u) << trust_expected.dump(2);
  ASSERT_EQ(saa_expected[0].value("topic", ""), topics.saa_constat_created);
  ASSERT_EQ(trust_expected[0].value("topic", ""), topics.trust_constat_created);

  {
    TestProducer producer(bootstrap);
    producer.produce(topics.constat_created, event["subject"].get<std::string>(), event.dump());
    ASSERT_TRUE(producer.flush(30s));
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
  }

  HostProcess host(config);
  std::vector<std::string> insurer_topics = topics.saa();
  for (const auto& t : topics.trust()) insurer_topics.push_back(t);
  TopicCollector out(bootstrap, insurer_topics);
  out.poll_until(2, 90s, 90s);
  out.poll_for(3s);  // anything extra (a duplicate, a wrong topic) has time to show up
  const ProcessResult stopped = host.terminate(30s);

  std::cout << "[0001] insurer records: " << out.count() << "\n" << describe(route_counters(stopped.out));
  EXPECT_EQ(stopped.exit_code, 0) << "SIGTERM must drain and exit 0\n" << stopped.err;
  EXPECT_FALSE(stopped.timed_out);

  ASSERT_EQ(out.count(topics.saa_constat_created), 1u);
  ASSERT_EQ(out.count(topics.trust_constat_created), 1u);
  EXPECT_EQ(out.count(), 2u) << "nothing on the other insurer topics";

  for (const auto& r : out.records()) {
    SCOPED_TRACE(r.topic);
    expect_record_is_delivery(r, r.topic == topics.saa_constat_created ? saa_expected[0] : trust_expected[0]);
    EXPECT_EQ(r.header("passerelle.origin").value_or("<none>"), host_group_id(prefix));
    EXPECT_EQ(insurer_record_event_id(r).value_or("<none>"), event["id"].get<std::string>());
  }

  const auto counters = route_counters(stopped.out);
  for (const auto& c : counters)
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;
  for (const std::string adapter : {"saa", "trust"}) {
    bool seen = false;
    for (const auto& c : counters)
      if (c.adapter == adapter && c.direction == "outbound") {
        seen = true;
        EXPECT_EQ(c.in, 1) << adapter;
        EXPECT_EQ(c.delivered, 1) << adapter;
      }
    EXPECT_TRUE(seen) << "no outbound route counters for " << adapter << " in the host's log";
  }
}

}  // namespace
}  // namespace passerelle::testing
