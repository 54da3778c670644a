// 0003 — Dead letters.
//
// Scenario: three bad records, each behind the next good one on a one-partition topic:
//   - bytes that are not JSON on <prefix>constat.created          -> stage deserialize, adapter "-"
//   - a CloudEvent missing data.sides[0].insurance.policyNumber    -> stage validate,    adapter "-"
//   - an SAA message SAA's adapter cannot map, on saa-constat.created -> stage map,      adapter saa
// Each lands once on <prefix>passerelle.dlq with the original key, value bytes and headers, plus
// passerelle.error.{class,message,stage,adapter,topic,partition,offset,attempts} naming where it
// came from (Kafka Connect's DLQ form). The good records behind them still flow, so a bad record
// never stops its partition.
#include <gtest/gtest.h>

#include <iostream>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;

struct Input {
  std::string name, topic, key, value, stage, adapter;
  std::int64_t offset = -1;
};

bool has_origin(const ConsumedRecord& r, const std::string& origin) {
  return r.header("passerelle.origin").value_or("") == origin;
}

std::size_t count_with_origin(const std::vector<ConsumedRecord>& records, const std::string& origin) {
  std::size_t n = 0;
  for (const auto& r : records) n += has_origin(r, origin);
  return n;
}

TEST(Kafka0003DeadLetters, BadRecordsGoToTheDlqWithWhyAndThePartitionKeepsMoving) {
  const std::string bootstrap = kafka_bootstrap();
  if (!require_broker(bootstrap)) return;
  const std::string prefix = unique_prefix("0003-dlq");
  const TestTopics topics = test_topics(prefix);
  create_topics(bootstrap, topics.all(), 1);  // one partition: the good records are behind the bad ones
  const TopicsCleanup cleanup(bootstrap, topics.all());
  HostConfigOptions options;
  options.prefix = prefix;
  options.bootstrap = bootstrap;
  options.retry = {20, 100, 3};
  const std::string config = write_host_config(options);
  ASSERT_EQ(check_config(config), "");
  const std::string origin = host_group_id(prefix);

  std::mt19937_64 rng(0x0003);
  nlohmann::json invalid = corpus_event("constat_two_sides_saa_trust.json", rng);
  invalid["data"]["sides"][0]["insurance"].erase("policyNumber");
  nlohmann::json good = corpus_event("constat_two_sides_saa_trust.json", rng);
  good["subject"] = good["data"]["constatId"] = "CST-2026-000777";

  // A good SAA message: the SAA form of a canonical event, with SAA's own message id.
  nlohmann::json saa_good = map_to_provider(config, "saa", corpus_event("constat_two_sides_saa_trust.json", rng)).at(0);
  {
    auto v = nlohmann::json::parse(delivery_value(saa_good));
    v["entete"]["idMessage"] = "SAA-0003-GOOD";
    saa_good["value"] = v;
    if (saa_good.contains("headers") && saa_good["headers"].contains("saa-id-message"))
      saa_good["headers"]["saa-id-message"] = "SAA-0003-GOOD";
  }
  const std::string saa_good_id = map_to_canonical(config, "saa", saa_good).at(0).value("id", "");

  std::vector<Input> bad = {
      {"malformed", topics.constat_created, "CST-BAD-JSON", R"({"specversion":"1.0","id":"3f6c2a1e-8b4d-4c1a)",
       "deserialize", "-"},
      {"invalid", topics.constat_created, invalid["subject"].get<std::string>(), invalid.dump(), "validate", "-"},
      {"unmappable", topics.saa_constat_created, "SAA-0003-BROKEN",
       R"({"entete":{"idMessage":"SAA-0003-BROKEN","typeMessage":"CONSTAT_CREE"},"corps":{}})", "map", "saa"},
  };
  {
    TestProducer producer(bootstrap);
    std::vector<std::size_t> index;
    for (const auto& b : bad)
      index.push_back(producer.produce(b.topic, b.key, b.value, {{"x-test-case", b.name}, {"x-trace", "t-0003"}}));
    producer.produce(topics.constat_created, good["subject"].get<std::string>(), good.dump());
    producer.produce(topics.saa_constat_created, saa_good.value("key", ""), delivery_value(saa_good),
                     delivery_headers(saa_good));
    ASSERT_TRUE(producer.flush(30s));
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
    const auto reports = producer.reports();
    for (std::size_t i = 0; i < bad.size(); ++i) bad[i].offset = reports[index[i]].offset;
  }

  HostProcess host(config);
  TopicCollector out(bootstrap, topics.all());
  const auto until = std::chrono::steady_clock::now() + 90s;
  auto done = [&] {
    return out.count(topics.dead_letter) >= bad.size() && out.count(topics.trust_constat_created) >= 1 &&
           count_with_origin(out.records_of(topics.saa_constat_created), origin) >= 1 &&
           count_with_origin(out.records_of(topics.constat_created), origin) >= 1;
  };
  while (!done() && std::chrono::steady_clock::now() < until) out.poll_for(200ms);
  out.poll_until(out.count() + 1, 4s, 4s);
  const ProcessResult stopped = host.terminate(30s);
  const auto counters = route_counters(stopped.out);
  std::cout << "[0003] dead letters: " << out.count(topics.dead_letter) << "\n" << describe(counters);
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;

  // Each bad record once on the DLQ, with the reason and its coordinates.
  const auto dlq = out.records_of(topics.dead_letter);
  EXPECT_EQ(dlq.size(), bad.size());
  for (const auto& b : bad) {
    SCOPED_TRACE(b.name);
    const ConsumedRecord* found = nullptr;
    for (const auto& r : dlq)
      if (r.header("x-test-case").value_or("") == b.name) found = &r;
    ASSERT_NE(found, nullptr) << "not on " << topics.dead_letter;
    const ConsumedRecord& r = *found;
    EXPECT_EQ(r.value, b.value) << "the original bytes";
    EXPECT_EQ(r.key, b.key) << "the original key";
    EXPECT_EQ(r.header("x-trace").value_or("<none>"), "t-0003") << "original headers are kept";
    EXPECT_EQ(r.header("passerelle.error.stage").value_or("<none>"), b.stage);
    EXPECT_EQ(r.header("passerelle.error.adapter").value_or("<none>"), b.adapter);
    EXPECT_EQ(r.header("passerelle.error.topic").value_or("<none>"), b.topic);
    EXPECT_EQ(r.header("passerelle.error.partition").value_or("<none>"), "0");
    EXPECT_EQ(r.header("passerelle.error.offset").value_or("<none>"), std::to_string(b.offset));
    EXPECT_FALSE(r.header("passerelle.error.class").value_or("").empty());
    EXPECT_FALSE(r.header("passerelle.error.message").value_or("").empty());
    const std::string attempts = r.header("passerelle.error.attempts").value_or("");
    EXPECT_FALSE(attempts.empty());
    if (!attempts.empty()) {
      EXPECT_GE(std::atoll(attempts.c_str()), 1) << attempts;
    }
    std::cout << "[0003] " << b.name << ": class=" << r.header("passerelle.error.class").value_or("")
              << " message=" << r.header("passerelle.error.message").value_or("") << " attempts=" << attempts << "\n";
  }

  // The good canonical event behind the two bad ones reached both insurers.
  std::size_t good_to_saa = 0, good_to_trust = 0;
  for (const auto& r : out.records())
    if (has_origin(r, origin) && insurer_record_event_id(r).value_or("") == good["id"].get<std::string>()) {
      good_to_saa += r.topic == topics.saa_constat_created;
      good_to_trust += r.topic == topics.trust_constat_created;
    }
  EXPECT_EQ(good_to_saa, 1u) << "the canonical partition kept moving after the bad records";
  EXPECT_EQ(good_to_trust, 1u);

  // The good SAA message behind the unmappable one became a canonical event.
  std::size_t saa_good_events = 0;
  for (const auto& r : out.records_of(topics.constat_created))
    if (has_origin(r, origin)) {
      sdk::ValidationErrors errors;
      const auto e = sdk::parse_cloud_event(std::string_view(r.value), errors);
      ASSERT_TRUE(e.has_value()) << errors.summary();
      saa_good_events += e->id == saa_good_id;
    }
  EXPECT_EQ(saa_good_events, 1u) << "the SAA partition kept moving after the unmappable record";

  for (const auto& c : counters)
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;
  for (const auto& c : counters)
    if (c.adapter == "saa" && c.direction == "inbound") {
      EXPECT_GE(c.dead_lettered, 1) << "the unmappable SAA record";
    }
}

}  // namespace
}  // namespace passerelle::testing
