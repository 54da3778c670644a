// 0006 — SIGTERM drains.
//
// Scenario: 10 000 canonical events wait on <prefix>constat.created (3 partitions); the host is
// sent SIGTERM while it is delivering them. It finishes what is in flight, commits, logs its
// route counters (in = delivered + dead_lettered + filtered) and exits 0 within
// routing.shutdown_timeout_ms plus a margin. A second host in the same group then delivers the
// rest: nothing is lost, and nothing the first host delivered is delivered again (a drained
// stop commits everything it finished).
#include <gtest/gtest.h>

#include <iostream>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kEvents = 10000;
constexpr int kShutdownTimeoutMs = 10000;

TEST(Kafka0006SigtermDrains, HostExitsZeroInTimeAndARestartDeliversTheRestWithoutLoss) {
  const std::string bootstrap = kafka_bootstrap();
  if (!require_broker(bootstrap)) return;
  const std::string prefix = unique_prefix("0006-sigterm");
  const TestTopics topics = test_topics(prefix);
  create_topics(bootstrap, topics.all(), 3);
  const TopicsCleanup cleanup(bootstrap, topics.all());

  HostConfigOptions options;
  options.prefix = prefix;
  options.bootstrap = bootstrap;
  options.shutdown_timeout_ms = kShutdownTimeoutMs;
  options.kafka_properties = {{"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "1000"}};
  const std::string config = write_host_config(options);
  ASSERT_EQ(check_config(config), "");

  std::mt19937_64 rng(0x0006);
  std::map<std::string, std::set<std::string>> expected;
  {
    TestProducer producer(bootstrap, {{"linger.ms", "20"}});
    for (int i = 0; i < kEvents; ++i) {
      std::vector<std::string> sides = {rng() % 2 ? "saa" : "trust"};
      if (rng() % 2) sides.push_back(rng() % 2 ? "saa" : "trust");
      const auto e = make_constat_event(rng, sdk::kTypeConstatCreated, "CST-0006-" + std::to_string(100000 + i), 1,
                                        sides);
      expected[e.id] = std::set<std::string>(sides.begin(), sides.end());
      producer.produce(topics.constat_created, e.subject, event_bytes(e));
    }
    ASSERT_TRUE(producer.flush(120s));
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
  }

  DeliveryTracker tracker(expected, {{topics.saa_constat_created, "saa"}, {topics.trust_constat_created, "trust"}});
  TopicCollector out(bootstrap, {topics.saa_constat_created, topics.trust_constat_created, topics.dead_letter});
  std::size_t dead_letters = 0;
  auto pump = [&](std::chrono::milliseconds d) {
    out.poll_for(d);
    for (auto& r : out.take()) {
      if (r.topic == topics.dead_letter) ++dead_letters;
      else tracker.add(r);
    }
  };

  // First host: stop it once it is visibly working (a tenth delivered, or 1 s after its first record).
  auto first = std::make_unique<HostProcess>(config);
  const auto deadline = Clock::now() + 120s;
  while (tracker.records() == 0 && Clock::now() < deadline) pump(100ms);
  ASSERT_GT(tracker.records(), 0u) << "the host delivered nothing within 120 s";
  const auto first_output = Clock::now();
  while (tracker.found() < tracker.expected() / 10 && Clock::now() - first_output < 1s) pump(50ms);
  const bool complete_at_sigterm = tracker.complete();
  const auto term_sent = Clock::now();
  const ProcessResult first_run = first->terminate(std::chrono::milliseconds(kShutdownTimeoutMs) + 15s);
  const double exit_seconds = std::chrono::duration<double>(Clock::now() - term_sent).count();
  pump(2s);
  const std::size_t delivered_by_first = tracker.found();
  const std::size_t records_by_first = tracker.records();

  std::cout << "[0006] SIGTERM after " << delivered_by_first << "/" << tracker.expected()
            << " pairs; exit code " << first_run.exit_code << " after " << exit_seconds << " s"
            << (complete_at_sigterm ? " (the host had already finished: nothing was in flight)" : "") << "\n"
            << describe(route_counters(first_run.out));
  EXPECT_EQ(first_run.exit_code, 0) << "SIGTERM exits 0\n" << first_run.err;
  EXPECT_FALSE(first_run.timed_out) << "the host did not exit within shutdown_timeout_ms + 15 s";
  EXPECT_LT(exit_seconds, kShutdownTimeoutMs / 1000.0 + 5.0);
  const auto counters = route_counters(first_run.out);
  EXPECT_FALSE(counters.empty()) << "no \"route counters\" lines at shutdown";
  for (const auto& c : counters)
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;

  // Second host: the rest.
  auto second = std::make_unique<HostProcess>(config);
  const auto second_deadline = Clock::now() + 180s;
  while (!tracker.complete() && Clock::now() < second_deadline) pump(200ms);
  pump(3s);
  const ProcessResult second_run = second->terminate(std::chrono::milliseconds(kShutdownTimeoutMs) + 15s);
  const DeliveryTally t = tracker.tally();

  std::cout << "[0006] after restart: " << t.found << "/" << t.expected << " pairs, insurer records " << t.records
            << " (" << records_by_first << " by the first host), duplicates " << t.duplicates << ", dead letters "
            << dead_letters << "\n"
            << describe(route_counters(second_run.out));
  RecordProperty("pairs_expected", static_cast<int>(t.expected));
  RecordProperty("pairs_by_first_host", static_cast<int>(delivered_by_first));
  RecordProperty("duplicates", static_cast<int>(t.duplicates));
  RecordProperty("exit_seconds", std::to_string(exit_seconds));

  EXPECT_EQ(second_run.exit_code, 0) << second_run.err;
  EXPECT_EQ(t.missing, 0u) << "lost, first few: " << ::testing::PrintToString(t.missing_examples);
  EXPECT_EQ(t.duplicates, 0u) << "a drained stop commits everything it delivered, so a restart redelivers nothing";
  EXPECT_EQ(t.unknown, 0u);
  EXPECT_EQ(dead_letters, 0u);
}

}  // namespace
}  // namespace passerelle::testing
