// What the Kafka integration tests share: the host as a child process (its stdout drained all
// the time, so a chatty host never blocks on a full pipe), its "route counters" log lines,
// canonical events built for a test, and where each insurer's record carries the event id.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "process_runner.hpp"
#include "kafka_test_client.hpp"
#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::testing {

// `passerelle run --config <file>` in the background.
class HostProcess {
 public:
  explicit HostProcess(const std::string& config_path);
  ~HostProcess();
  HostProcess(const HostProcess&) = delete;
  HostProcess& operator=(const HostProcess&) = delete;

  // SIGKILL and reap: a crash with nothing flushed or committed.
  ProcessResult kill9(std::chrono::milliseconds deadline = std::chrono::seconds(10));
  // SIGTERM and wait up to `deadline` (SIGKILL after it: result.timed_out).
  ProcessResult terminate(std::chrono::milliseconds deadline);
  // stdout so far.
  std::string out() const;
  std::chrono::steady_clock::time_point started_at() const { return started_; }

 private:
  void stop_drain();
  ProcessResult finish(int signo, std::chrono::milliseconds deadline);
  std::unique_ptr<BackgroundProcess> proc_;
  mutable std::mutex mu_;
  std::thread drain_;
  bool stop_ = false;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_;
};

// `passerelle check-config --config F`: empty when the host accepts the file, else its stderr.
// Tests call it before starting a host so that a refused config fails at once, not at a deadline.
std::string check_config(const std::string& config_path);

// One "route counters" line the host logs at shutdown.
struct RouteCounters {
  std::string adapter, direction;
  long long in = -1, delivered = -1, dead_lettered = -1, filtered = -1;
};
std::vector<nlohmann::json> json_log_lines(const std::string& out);
std::vector<RouteCounters> route_counters(const std::string& out);
std::string describe(const std::vector<RouteCounters>& counters);

// `passerelle map --config F --adapter A --to provider` on one canonical event: the deliveries,
// each {"kind","topic","key","headers","value"}. Throws with the CLI's stderr on failure.
nlohmann::json map_to_provider(const std::string& config_path, const std::string& adapter,
                               const nlohmann::json& event);
// `passerelle map --config F --adapter A --to canonical` on one delivery: the canonical events.
nlohmann::json map_to_canonical(const std::string& config_path, const std::string& adapter,
                                const nlohmann::json& delivery);
// The value of a `map` delivery as record bytes: a JSON value is serialised, a string kept.
std::string delivery_value(const nlohmann::json& delivery);
KafkaHeaders delivery_headers(const nlohmann::json& delivery);

// ---- canonical events for the tests ----

std::string random_uuid(std::mt19937_64& rng);
// A valid constat event (random content from the generator) with the given type, constat id,
// revision and one side per entry of `side_insurers`, a fresh event id.
sdk::CloudEvent make_constat_event(std::mt19937_64& rng, const std::string& type, const std::string& constat_id,
                                   int revision, const std::vector<std::string>& side_insurers);
// tests/data/canonical/<name>, with a fresh event id.
nlohmann::json corpus_event(const std::string& name, std::mt19937_64& rng);
// Distinct insurerIds of the sides (constat) or data.insurerId (verification).
std::set<std::string> concerned_insurers(const nlohmann::json& event);

// The canonical event id an insurer record carries. SAA: entete.idMessage (plugins/saa/src/
// saa_envelope.cpp, header saa-id-message as well); Trust: eventId (plugins/trust/src/
// trust_envelope.cpp). nullopt when neither is found.
std::optional<std::string> insurer_record_event_id(const ConsumedRecord& record);

// For each input event and each insurer it concerns, how many records on that insurer's topics
// carry its id. Fed incrementally (records are parsed once), so it can follow a run live.
struct DeliveryTally {
  std::size_t events = 0;
  std::size_t expected = 0;    // (event, insurer) pairs
  std::size_t found = 0;       // pairs with at least one record
  std::size_t records = 0;     // insurer records read
  std::size_t duplicates = 0;  // records beyond the first for a pair
  std::size_t unknown = 0;     // records with no id, or an id/insurer that is not expected
  std::size_t missing = 0;     // expected - found
  std::vector<std::string> missing_examples;  // "<event id> -> <insurer>", the first few
};

class DeliveryTracker {
 public:
  // `expected`: event id -> insurers; `insurer_of_topic`: insurer topic -> insurer id (records
  // on other topics are ignored).
  DeliveryTracker(std::map<std::string, std::set<std::string>> expected,
                  std::map<std::string, std::string> insurer_of_topic);
  void add(const ConsumedRecord& record);
  void add(const std::vector<ConsumedRecord>& records) {
    for (const auto& r : records) add(r);
  }
  std::size_t found() const { return found_; }
  std::size_t expected() const { return expected_pairs_; }
  std::size_t records() const { return records_; }
  bool complete() const { return found_ == expected_pairs_; }
  DeliveryTally tally() const;
  // Records seen for one (event id, insurer), in the order they were added.
  std::size_t seen(const std::string& event_id, const std::string& insurer) const;

 private:
  std::map<std::string, std::set<std::string>> expected_;
  std::map<std::string, std::string> insurer_of_topic_;
  std::map<std::pair<std::string, std::string>, std::size_t> seen_;
  std::size_t expected_pairs_ = 0, found_ = 0, records_ = 0, duplicates_ = 0, unknown_ = 0;
};

// A CloudEvent's JSON bytes as the platform produces them.
std::string event_bytes(const sdk::CloudEvent& e);

// Deletes a test's topics when it ends if it passed; a failed test keeps them for inspection
// and says so. Declare it right after create_topics(), before the host and the clients, so it
// runs after they are gone.
class TopicsCleanup {
 public:
  TopicsCleanup(std::string bootstrap, std::vector<std::string> topics)
      : bootstrap_(std::move(bootstrap)), topics_(std::move(topics)) {}
  ~TopicsCleanup();
  TopicsCleanup(const TopicsCleanup&) = delete;
  TopicsCleanup& operator=(const TopicsCleanup&) = delete;

 private:
  std::string bootstrap_;
  std::vector<std::string> topics_;
};

// Fails the current test (and returns false) when no broker answers at `bootstrap`.
bool require_broker(const std::string& bootstrap);

}  // namespace passerelle::testing
