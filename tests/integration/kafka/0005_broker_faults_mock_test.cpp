// 0005 — Broker faults (librdkafka's mock cluster, inside the test process).
//
// Scenario: a three-broker mock cluster runs in this process; the host is pointed at it. 120
// constats each go through revisions 1..6 as constat.updated events (keyed by constatId, so
// each constat's revisions share a partition and are in order). While they flow:
//   - Fetch requests fail with "not leader", OffsetCommit with "coordinator loading",
//   - broker 1 goes down for 3 s (connections cut, in-flight produce and fetch requests
//     lost, the group coordinator may be on it), then broker 2 for 3 s.
// Afterwards every (event, concerned insurer) pair is on the insurer's topic (no loss), and on
// every insurer key the revisions appear in increasing order (ignoring repeats of a revision
// already seen: at-least-once may repeat, it must not reorder).
#include <gtest/gtest.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Kafka protocol API keys (rdkafka_protocol.h is not installed with librdkafka-dev).
constexpr std::int16_t kApiFetch = 1;
constexpr std::int16_t kApiOffsetCommit = 8;

constexpr int kConstats = 120;
constexpr int kRevisions = 6;

// A mock cluster owned by a producer handle that does nothing else.
class MockCluster {
 public:
  explicit MockCluster(int brokers) {
    char errstr[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "2", errstr, sizeof errstr);
    rk_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk_) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error(std::string("mock cluster handle: ") + errstr);
    }
    mc_ = rd_kafka_mock_cluster_new(rk_, brokers);
    if (!mc_) throw std::runtime_error("rd_kafka_mock_cluster_new failed");
  }
  ~MockCluster() {
    if (mc_) rd_kafka_mock_cluster_destroy(mc_);
    if (rk_) rd_kafka_destroy(rk_);
  }
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  std::string bootstraps() const { return rd_kafka_mock_cluster_bootstraps(mc_); }
  void create_topic(const std::string& name, int partitions) {
    const auto err = rd_kafka_mock_topic_create(mc_, name.c_str(), partitions, 1);
    if (err) throw std::runtime_error("mock topic " + name + ": " + rd_kafka_err2str(err));
  }
  void push_errors(std::int16_t api, const std::vector<rd_kafka_resp_err_t>& errors) {
    rd_kafka_mock_push_request_errors_array(mc_, api, errors.size(), errors.data());
  }
  void set_down(std::int32_t broker) { rd_kafka_mock_broker_set_down(mc_, broker); }
  void set_up(std::int32_t broker) { rd_kafka_mock_broker_set_up(mc_, broker); }
  void clear_errors() {
    for (std::int16_t api : {kApiFetch, kApiOffsetCommit}) rd_kafka_mock_clear_request_errors(mc_, api);
  }

 private:
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_mock_cluster_t* mc_ = nullptr;
};

struct Revision {
  std::string constat_id;
  int revision = 0;
};

TEST(Kafka0005BrokerFaults, NoLossAndNoReorderingPerConstatThroughBrokerFaults) {
  MockCluster cluster(3);
  const std::string bootstrap = cluster.bootstraps();
  const std::string prefix = unique_prefix("0005-mock");
  const TestTopics topics = test_topics(prefix);
  for (const auto& t : topics.all()) cluster.create_topic(t, 3);
  wait_for_topics(bootstrap, topics.all(), 30s);

  HostConfigOptions options;
  options.prefix = prefix;
  options.bootstrap = bootstrap;
  options.retry = {50, 1000, 8};
  options.kafka_properties = {{"session.timeout.ms", "10000"}, {"heartbeat.interval.ms", "1000"}};
  const std::string config = write_host_config(options);
  ASSERT_EQ(check_config(config), "");

  // Each constat keeps its sides (saa, trust or both) through its revisions.
  std::mt19937_64 rng(0x0005);
  std::vector<std::vector<std::string>> sides(kConstats);
  for (auto& s : sides) {
    switch (rng() % 3) {
      case 0: s = {"saa"}; break;
      case 1: s = {"trust"}; break;
      default: s = {"saa", "trust"}; break;
    }
  }
  std::map<std::string, std::set<std::string>> expected;
  std::map<std::string, Revision> revision_of;  // event id -> (constat, revision)
  std::vector<std::vector<std::pair<std::string, std::string>>> batches(kRevisions);  // (key, value) per revision
  for (int rev = 1; rev <= kRevisions; ++rev)
    for (int c = 0; c < kConstats; ++c) {
      const std::string constat_id = "CST-0005-" + std::to_string(1000 + c);
      const auto e = make_constat_event(rng, sdk::kTypeConstatUpdated, constat_id, rev, sides[c]);
      expected[e.id] = std::set<std::string>(sides[c].begin(), sides[c].end());
      revision_of[e.id] = {constat_id, rev};
      batches[rev - 1].emplace_back(e.subject, event_bytes(e));
    }

  TestProducer producer(bootstrap);
  auto produce_revisions = [&](int from, int to) {
    for (int rev = from; rev <= to; ++rev)
      for (const auto& [key, value] : batches[rev - 1]) producer.produce(topics.constat_updated, key, value);
  };

  HostProcess host(config);
  DeliveryTracker tracker(expected, {{topics.saa_constat_updated, "saa"}, {topics.trust_constat_updated, "trust"}});
  TopicCollector out(bootstrap, {topics.saa_constat_updated, topics.trust_constat_updated, topics.dead_letter});
  struct Output {
    std::string topic, key, event_id;
    std::int32_t partition;
    std::int64_t offset;
  };
  std::vector<Output> outputs;  // in the order read: offset order within each partition
  std::size_t dead_letters = 0;
  auto pump = [&](std::chrono::milliseconds d) {
    out.poll_for(d);
    for (auto& r : out.take()) {
      if (r.topic == topics.dead_letter) {
        ++dead_letters;
        continue;
      }
      tracker.add(r);
      outputs.push_back({r.topic, r.key, insurer_record_event_id(r).value_or(""), r.partition, r.offset});
    }
  };

  const auto started = Clock::now();
  produce_revisions(1, 2);
  while (tracker.records() == 0 && Clock::now() - started < 60s) pump(100ms);
  ASSERT_GT(tracker.records(), 0u) << "nothing delivered through the mock cluster within 60 s";

  // Fault 1: request errors while revisions 3 and 4 are produced. Not on Produce: with an
  // idempotent producer, librdkafka 2.0.2's mock acknowledges without appending the batches
  // that follow an injected Produce error (it takes their sequence numbers for duplicates);
  // this test's own input producer lost acknowledged records that way, so such a fault would
  // blame the host for the mock's loss. Produce faults come from the brokers going down below.
  cluster.push_errors(kApiFetch, std::vector<rd_kafka_resp_err_t>(6, RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION));
  cluster.push_errors(kApiOffsetCommit,
                      std::vector<rd_kafka_resp_err_t>(3, RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS));
  produce_revisions(3, 4);
  pump(2s);

  // Fault 2: brokers down one after the other while revisions 5 and 6 are produced.
  cluster.set_down(1);
  produce_revisions(5, 6);
  pump(3s);
  cluster.set_up(1);
  pump(1s);
  cluster.set_down(2);
  pump(3s);
  cluster.set_up(2);
  cluster.clear_errors();
  const bool flushed = producer.flush(60s);

  while (!tracker.complete() && Clock::now() - started < 180s) pump(200ms);
  pump(3s);
  const ProcessResult stopped = host.terminate(40s);
  const DeliveryTally t = tracker.tally();
  if (t.missing > 0) {
    // Tell a record the host never produced from one this test's consumer did not see: read
    // the insurer topics again with a fresh consumer.
    TopicCollector fresh(bootstrap, {topics.saa_constat_updated, topics.trust_constat_updated});
    fresh.poll_until(t.records + t.missing, 30s, 5s);
    DeliveryTracker again(expected, {{topics.saa_constat_updated, "saa"}, {topics.trust_constat_updated, "trust"}});
    again.add(fresh.records());
    std::cout << "[0005] re-read with a fresh consumer: " << again.found() << "/" << again.expected()
              << " pairs, " << fresh.count() << " records\n";
    // And whether the missing events are on the input topic at all (the test's producer had
    // them acknowledged).
    TopicCollector input(bootstrap, {topics.constat_updated});
    input.poll_until(static_cast<std::size_t>(kConstats * kRevisions), 30s, 5s);
    std::set<std::string> input_ids;
    for (const auto& r : input.records()) {
      auto j = nlohmann::json::parse(r.value, nullptr, false);
      if (!j.is_discarded() && j.is_object() && j.contains("id")) input_ids.insert(j["id"].get<std::string>());
    }
    std::cout << "[0005] input topic holds " << input.count() << " records, " << input_ids.size() << " distinct ids\n";
    for (const auto& m : t.missing_examples) {
      const std::string id = m.substr(0, m.find(' '));
      const auto& rv = revision_of[id];
      std::cout << "[0005] missing " << m << " (" << rv.constat_id << " revision " << rv.revision
                << "): on the input topic: " << (input_ids.count(id) ? "yes" : "NO") << "\n";
    }
  }

  // Order per insurer key: map each record to its revision, drop repeats of a revision already
  // seen on that key, and what is left must increase. A key must live on one partition.
  std::map<std::pair<std::string, std::string>, std::vector<const Output*>> by_key;  // (topic, key)
  for (const auto& o : outputs) by_key[{o.topic, o.key}].push_back(&o);
  std::size_t reordered_keys = 0, split_keys = 0;
  std::string first_problem;
  for (auto& [tk, list] : by_key) {
    std::set<std::int32_t> partitions;
    for (const Output* o : list) partitions.insert(o->partition);
    if (partitions.size() > 1) {
      ++split_keys;
      if (first_problem.empty()) first_problem = tk.first + " key " + tk.second + " is on several partitions";
      continue;
    }
    std::stable_sort(list.begin(), list.end(), [](const Output* a, const Output* b) { return a->offset < b->offset; });
    std::set<int> seen;
    int last = 0;
    std::string sequence;
    bool reordered = false;
    for (const Output* o : list) {
      auto rv = revision_of.find(o->event_id);
      if (rv == revision_of.end()) continue;  // counted as unknown by the tracker
      const int rev = rv->second.revision;
      sequence += std::to_string(rev) + " ";
      if (!seen.insert(rev).second) continue;  // a repeat: allowed
      if (rev < last) reordered = true;
      last = rev;
    }
    if (reordered) {
      ++reordered_keys;
      if (first_problem.empty()) first_problem = tk.first + " key " + tk.second + ": revisions " + sequence;
    }
  }

  std::cout << "[0005] pairs " << t.found << "/" << t.expected << ", insurer records " << t.records
            << ", duplicates " << t.duplicates << ", keys " << by_key.size() << " (reordered " << reordered_keys
            << ", split " << split_keys << "), dead letters " << dead_letters << ", test producer flushed "
            << flushed << " (failures " << producer.failures() << ")\n"
            << describe(route_counters(stopped.out));
  // Evidence that the faults reached the host, not only the test's own clients.
  std::size_t host_warnings = 0;
  for (const auto& line : json_log_lines(stopped.out)) {
    const std::string level = line.value("level", "");
    if (level != "warn" && level != "warning" && level != "error") continue;
    if (line.value("facility", "") == "CONFWARN") continue;  // consumer properties on a producer
    if (++host_warnings <= 5) std::cout << "[0005] host: " << line.dump() << "\n";
  }
  std::cout << "[0005] host warnings/errors logged: " << host_warnings << "\n";
  RecordProperty("host_warnings", static_cast<int>(host_warnings));
  RecordProperty("duplicates", static_cast<int>(t.duplicates));

  EXPECT_TRUE(flushed);
  EXPECT_EQ(producer.failures(), 0u) << producer.last_error();
  EXPECT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_EQ(t.missing, 0u) << "lost, first few: " << ::testing::PrintToString(t.missing_examples);
  EXPECT_EQ(t.unknown, 0u);
  EXPECT_EQ(dead_letters, 0u) << "retriable broker errors must be retried, not dead-lettered";
  EXPECT_EQ(reordered_keys, 0u) << first_problem;
  EXPECT_EQ(split_keys, 0u) << first_problem;
  EXPECT_EQ(by_key.size(), static_cast<std::size_t>(tracker.expected() / kRevisions))
      << "one key per (insurer, constat)";
  for (const auto& c : route_counters(stopped.out))
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;
}

}  // namespace
}  // namespace passerelle::testing
