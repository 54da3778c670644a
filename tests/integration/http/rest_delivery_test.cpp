// REST deliveries to a REST-only insurer (CAAR through generic-rest) through the real broker and
// the insurer simulator: outage and breaker, Retry-After, replay from the dead-letter topic.
#include <gtest/gtest.h>

#include <random>
#include <regex>

#include "canonical_generator.hpp"
#include "http_fixture.hpp"
#include "kafka_test_client.hpp"

using namespace passerelle::testing;
namespace sdk = passerelle::sdk;

namespace {

struct Env {
  std::string prefix;
  std::unique_ptr<SimAndHost> env;
};

Env start(const std::string& name, const std::string& breaker =
                                       "{window: 10, min_calls: 4, failure_rate_percent: 50, open_ms: 1500, half_open_probes: 1}") {
  Env e;
  e.prefix = unique_prefix(name);
  const std::string bootstrap = kafka_bootstrap();
  std::vector<std::string> topics;
  for (const char* t : {"constat.created", "constat.updated", "vehicle.verified", "passerelle.dlq",
                        "saa-constat.created", "saa-constat.updated", "saa-vehicle.verified", "trust-constat.created",
                        "trust-constat.updated", "trust-vehicle.verified"})
    topics.push_back(e.prefix + t);
  create_topics(bootstrap, topics, 3);
  e.env = std::make_unique<SimAndHost>("", bootstrap, e.prefix, breaker);
  // A fresh broker creates its group coordinator on the first join: slow on a loaded machine.
  if (!e.env->host_process().wait_for_output("partitions assigned", std::chrono::seconds(120)))
    throw std::runtime_error("the host got no partitions: " + e.env->host_process().out());
  return e;
}

// Constats that concern CAAR only, as the platform would publish them.
std::vector<sdk::CloudEvent> caar_constats(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  GeneratorOptions opts;
  opts.insurers = {"caar"};
  opts.min_sides = 1;
  opts.max_sides = 2;
  std::vector<sdk::CloudEvent> out;
  while (out.size() < n) {
    auto e = random_constat_event(rng, opts);
    if (e.type == sdk::kTypeConstatCreated) out.push_back(std::move(e));
  }
  return out;
}

void publish(const std::string& topic, const std::vector<sdk::CloudEvent>& events) {
  TestProducer p(kafka_bootstrap());
  for (const auto& e : events) p.produce(topic, e.subject, sdk::to_json(e).dump());
  ASSERT_TRUE(p.flush()) << p.last_error();
}

// Waits until the simulator applied `n` distinct idempotency keys for CAAR, bounded.
nlohmann::json wait_applied(const SimAndHost& env, std::size_t n, std::chrono::seconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  nlohmann::json stats;
  while (std::chrono::steady_clock::now() < until) {
    stats = env.sim_stats("caar");
    if (stats["idempotency"]["applied_keys"].get<std::size_t>() >= n) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return stats;
}

}  // namespace

TEST(RestDelivery, OutageOpensTheBreakerNothingIsDroppedEachEventAppliedOnce) {
  auto e = start("rest-outage");
  e.env->fault("caar", {{"outage", "refuse"}});
  const auto events = caar_constats(25, 11);
  publish(e.prefix + "constat.created", events);

  // While CAAR is down the breaker opens and deliveries wait.
  auto c = e.env->host();
  bool opened = false;
  for (int i = 0; i < 100 && !opened; ++i) {
    auto m = c.Get("/metrics");
    opened = m && m->body.find("passerelle_circuit_state{adapter=\"caar\",state=\"open\"} 1") != std::string::npos;
    if (!opened) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(opened) << "the CAAR breaker never opened";
  std::this_thread::sleep_for(std::chrono::seconds(3));  // well past the retry budget's worth of time
  e.env->fault("caar", {{"outage", "none"}});

  const auto stats = wait_applied(*e.env, events.size(), std::chrono::seconds(90));
  EXPECT_EQ(stats["idempotency"]["applied_keys"], events.size()) << stats.dump(2);
  EXPECT_EQ(stats["side_effects"]["claims_created"], events.size());
  for (const auto& ev : events)
    EXPECT_TRUE(stats["idempotency"]["keys"].contains(ev.id)) << ev.id << " never reached CAAR";
  EXPECT_EQ(stats["idempotency"]["applied_without_key"], 0);
  // Nothing went to the dead-letter topic.
  auto dlq = consume_all(kafka_bootstrap(), {e.prefix + "passerelle.dlq"}, 1, std::chrono::seconds(5),
                         std::chrono::seconds(3));
  EXPECT_TRUE(dlq.empty()) << dlq.size() << " dead letters";
  std::cout << "[rest-outage] events=" << events.size() << " applied=" << stats["idempotency"]["applied_keys"]
            << " repeated_requests=" << stats["idempotency"]["repeated_requests"]
            << " refused_while_down=" << stats["requests_total"] << "\n";
}

TEST(RestDelivery, RetryAfterIsHonouredInBothForms) {
  auto e = start("rest-retry-after");
  for (const std::string format : {"seconds", "http-date"}) {
    SCOPED_TRACE(format);
    e.env->fault("caar", {{"unavailable_requests", 1}, {"retry_after", 2}, {"retry_after_format", format}});
    const auto events = caar_constats(1, format == "seconds" ? 21 : 22);
    const std::size_t before = e.env->sim_stats("caar")["idempotency"]["applied_keys"].get<std::size_t>();
    publish(e.prefix + "constat.created", events);
    const auto stats = wait_applied(*e.env, before + 1, std::chrono::seconds(60));
    EXPECT_TRUE(stats["idempotency"]["keys"].contains(events[0].id)) << stats.dump(2);
    // The host logged the wait it chose before its second attempt.
    auto& host = e.env->host_process();
    host.wait_for_output("never-appears", std::chrono::milliseconds(300));
    const std::string log = host.out();
    const std::regex wait_re(R"re("retry_in_ms":"([0-9]+)")re");
    std::string last_wait;
    for (auto it = std::sregex_iterator(log.begin(), log.end(), wait_re);
         it != std::sregex_iterator(); ++it)
      last_wait = (*it)[1];
    ASSERT_FALSE(last_wait.empty()) << "no retry logged";
    // Seconds: exactly 2 s at least. HTTP-date: a whole second, now + 2 s, so more than 1 s.
    EXPECT_GE(std::stoi(last_wait), format == "seconds" ? 2000 : 1000) << last_wait;
  }
}

TEST(RestDelivery, ReplayFromTheDeadLetterTopicDeliversOnce) {
  // A breaker that never opens, so that four 503s exhaust the retry budget (4 attempts) and
  // dead-letter the record instead of making it wait for the insurer.
  auto e = start("rest-replay", "{window: 100, min_calls: 100, failure_rate_percent: 100, open_ms: 1000, half_open_probes: 1}");
  e.env->fault("caar", {{"unavailable_requests", 4}, {"retry_after", 0}});
  const auto events = caar_constats(1, 31);
  publish(e.prefix + "constat.created", events);
  auto dlq = consume_all(kafka_bootstrap(), {e.prefix + "passerelle.dlq"}, 1, std::chrono::seconds(60),
                         std::chrono::seconds(30));
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(dlq[0].header("passerelle.error.stage").value_or(""), "deliver");
  EXPECT_EQ(dlq[0].header("passerelle.error.adapter").value_or(""), "caar");
  EXPECT_EQ(e.env->sim_stats("caar")["idempotency"]["applied_keys"], 0);

  auto c = e.env->host();
  auto r = c.Post("/v1/dlq/replay", {{"X-API-Key", SimAndHost::kPlatformKey}},
                  nlohmann::json{{"event_ids", {events[0].id}}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(nlohmann::json::parse(r->body)["replayed"].size(), 1u) << r->body;
  const auto stats = wait_applied(*e.env, 1, std::chrono::seconds(60));
  EXPECT_EQ(stats["idempotency"]["applied_keys"], 1) << stats.dump(2);
  EXPECT_EQ(stats["side_effects"]["claims_created"], 1);
  EXPECT_TRUE(stats["idempotency"]["keys"].contains(events[0].id));
  // And only once: a few seconds later nothing more was applied.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  EXPECT_EQ(e.env->sim_stats("caar")["side_effects"]["claims_created"], 1);
}
