// 0004 — No loss under kill -9.
//
// Scenario: 20 000 canonical constat.created events (random content from the generator, sides
// insured by SAA and/or Trust, unique ids) wait on <prefix>constat.created (3 partitions). The
// host starts, is SIGKILLed while it works (1.5 s after its first output, then 3 s after the
// restarted host's first output), restarted each time, then left to finish. Afterwards every
// (event, concerned insurer) pair has at least one record on that insurer's topic: nothing is
// lost, because an input offset is committed only after what it caused is acknowledged.
// Duplicates are allowed (at-least-once) and counted. The figures are printed and recorded
// (RecordProperty) for the lead to quote.
#include <gtest/gtest.h>

#include <csignal>
#include <iostream>

#include "kafka_host.hpp"

namespace passerelle::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

constexpr int kEvents = 20000;
constexpr auto kRunBudget = 240s;  // from the first host start to the end of delivery

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

TEST(Kafka0004NoLossUnderKill, TwentyThousandEventsSurviveTwoSigkills) {
  const std::string bootstrap = kafka_bootstrap();
  if (!require_broker(bootstrap)) return;
  const std::string prefix = unique_prefix("0004-kill9");
  const TestTopics topics = test_topics(prefix);
  create_topics(bootstrap, topics.all(), 3);
  const TopicsCleanup cleanup(bootstrap, topics.all());

  HostConfigOptions options;
  options.prefix = prefix;
  options.bootstrap = bootstrap;
  options.workers = 4;
  options.retry = {50, 1000, 5};
  options.shutdown_timeout_ms = 20000;
  // A killed member leaves the group after the session timeout: keep it short so restarts
  // take partitions over in seconds, not 45 s.
  options.kafka_properties = {{"session.timeout.ms", "6000"}, {"heartbeat.interval.ms", "1000"}};
  const std::string config = write_host_config(options);
  ASSERT_EQ(check_config(config), "");

  // The input: one event per constat, sides at saa and/or trust only (caar would need HTTP).
  std::mt19937_64 rng(0x0004);
  std::map<std::string, std::set<std::string>> expected;
  const auto produce_started = Clock::now();
  {
    TestProducer producer(bootstrap, {{"linger.ms", "20"}, {"batch.num.messages", "2000"}});
    for (int i = 0; i < kEvents; ++i) {
      std::vector<std::string> sides;
      const int n = 1 + static_cast<int>(rng() % 3);
      for (int s = 0; s < n; ++s) sides.push_back(rng() % 2 ? "saa" : "trust");
      const auto e = make_constat_event(rng, sdk::kTypeConstatCreated, "CST-0004-" + std::to_string(100000 + i), 1,
                                        sides);
      expected[e.id] = std::set<std::string>(sides.begin(), sides.end());
      producer.produce(topics.constat_created, e.subject, event_bytes(e));
    }
    ASSERT_TRUE(producer.flush(120s)) << "the input did not reach the broker";
    ASSERT_EQ(producer.failures(), 0u) << producer.last_error();
    ASSERT_EQ(expected.size(), static_cast<std::size_t>(kEvents)) << "event ids must be unique";
  }
  std::cout << "[0004] produced " << kEvents << " events in " << seconds_since(produce_started) << " s\n";

  DeliveryTracker tracker(expected, {{topics.saa_constat_created, "saa"}, {topics.trust_constat_created, "trust"}});
  TopicCollector out(bootstrap, {topics.saa_constat_created, topics.trust_constat_created, topics.saa_constat_updated,
                                 topics.trust_constat_updated, topics.dead_letter});
  std::size_t misrouted = 0, dead_letters = 0;
  std::set<std::string> dead_lettered_ids;
  auto pump = [&](std::chrono::milliseconds d) {
    out.poll_for(d);
    for (auto& r : out.take()) {
      if (r.topic == topics.dead_letter) {
        ++dead_letters;
        auto j = nlohmann::json::parse(r.value, nullptr, false);
        if (!j.is_discarded() && j.is_object() && j.contains("id") && j["id"].is_string())
          dead_lettered_ids.insert(j["id"].get<std::string>());
        if (dead_letters <= 3)
          std::cout << "[0004] dead letter: stage=" << r.header("passerelle.error.stage").value_or("?")
                    << " message=" << r.header("passerelle.error.message").value_or("?") << "\n";
      } else if (r.topic == topics.saa_constat_updated || r.topic == topics.trust_constat_updated) {
        ++misrouted;
      } else {
        tracker.add(r);
      }
    }
  };

  const auto run_started = Clock::now();
  const auto run_deadline = run_started + kRunBudget;
  auto host = std::make_unique<HostProcess>(config);
  std::vector<std::string> kill_notes;
  const std::chrono::milliseconds kill_after[] = {1500ms, 3000ms};
  int kills = 0;
  for (const auto delay : kill_after) {
    // Wait until this host is visibly working (100 records beyond what had arrived half a
    // second after it started, so records of the previous run still in transit do not count),
    // then let it work for `delay` before killing it.
    pump(500ms);
    const std::size_t records_before = tracker.records();
    while (tracker.records() < records_before + 100 && !tracker.complete() && Clock::now() < run_deadline)
      pump(100ms);
    const auto first_output = Clock::now();
    while (Clock::now() - first_output < delay && Clock::now() < run_deadline) pump(100ms);
    if (Clock::now() >= run_deadline) break;
    const bool was_complete = tracker.complete();
    const ProcessResult killed = host->kill9();
    ++kills;
    EXPECT_EQ(killed.signal, SIGKILL);
    const std::string note = "kill #" + std::to_string(kills) + " at " + std::to_string(seconds_since(run_started)) +
                             " s: " + std::to_string(tracker.found()) + "/" + std::to_string(tracker.expected()) +
                             " pairs delivered" + (was_complete ? " (already complete: nothing was in flight)" : "");
    kill_notes.push_back(note);
    std::cout << "[0004] " << note << "\n";
    host = std::make_unique<HostProcess>(config);
  }

  // The last host finishes the work.
  while (!tracker.complete() && Clock::now() < run_deadline) pump(200ms);
  pump(3s);  // late duplicates, records on wrong topics
  const double run_seconds = seconds_since(run_started);
  const ProcessResult stopped = host->terminate(40s);
  const DeliveryTally t = tracker.tally();

  std::cout << "[0004] events in: " << kEvents << ", (event, insurer) pairs expected: " << t.expected
            << ", delivered: " << t.found << ", missing: " << t.missing << ", insurer records: " << t.records
            << ", duplicates: " << t.duplicates << ", unknown: " << t.unknown << ", on wrong topics: " << misrouted
            << ", dead letters: " << dead_letters << ", kills: " << kills << ", seconds: " << run_seconds << "\n"
            << "[0004] last run's counters:\n"
            << describe(route_counters(stopped.out));
  RecordProperty("events_in", kEvents);
  RecordProperty("pairs_expected", static_cast<int>(t.expected));
  RecordProperty("pairs_delivered", static_cast<int>(t.found));
  RecordProperty("insurer_records", static_cast<int>(t.records));
  RecordProperty("duplicates", static_cast<int>(t.duplicates));
  RecordProperty("dead_letters", static_cast<int>(dead_letters));
  RecordProperty("kills", kills);
  RecordProperty("seconds", static_cast<int>(run_seconds));
  for (std::size_t i = 0; i < kill_notes.size(); ++i) RecordProperty("kill_" + std::to_string(i + 1), kill_notes[i]);

  EXPECT_EQ(kills, 2) << "the host must have been killed twice while working";
  EXPECT_EQ(stopped.exit_code, 0) << "the last run ends on SIGTERM\n" << stopped.err;
  EXPECT_EQ(t.missing, 0u) << "lost (event -> insurer), first few: " << ::testing::PrintToString(t.missing_examples);
  EXPECT_EQ(dead_letters, 0u) << "generated events are valid and mappable; " << dead_lettered_ids.size()
                              << " distinct ids dead-lettered";
  EXPECT_EQ(t.unknown, 0u) << "insurer records without a known event id";
  EXPECT_EQ(misrouted, 0u) << "constat.created events went to a constat.updated topic";
  for (const auto& c : route_counters(stopped.out))
    EXPECT_EQ(c.in, c.delivered + c.dead_lettered + c.filtered) << c.adapter << "/" << c.direction;
}

}  // namespace
}  // namespace passerelle::testing
