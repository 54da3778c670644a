// A small Kafka client for integration tests (librdkafka C API): create topics, produce,
// consume everything from the beginning, and write a host config whose topics are private to
// one test. Loopback brokers only; every wait is bounded.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace passerelle::testing {

using KafkaHeaders = std::vector<std::pair<std::string, std::string>>;

// KAFKA_TEST_BOOTSTRAP, or "127.0.0.1:9092".
std::string kafka_bootstrap();

// "t<pid>-<counter>-<name>-": topics and group ids private to one test (name sanitised to
// Kafka's topic alphabet).
std::string unique_prefix(const std::string& test_name);

// Empty when a broker answers a metadata request within `timeout`, otherwise why not.
std::string broker_problem(const std::string& bootstrap, std::chrono::milliseconds timeout = std::chrono::seconds(10));

// Creates the topics through the Admin API and waits until their metadata shows every
// partition with a leader. "Already exists" is fine. Throws std::runtime_error otherwise.
void create_topics(const std::string& bootstrap, const std::vector<std::string>& names, int partitions,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Deletes the topics (Admin API), waiting for the answer; unknown topics are fine. Returns
// what went wrong, empty on success (tests call it to clean up and do not fail on it).
std::string delete_topics(const std::string& bootstrap, const std::vector<std::string>& names,
                          std::chrono::milliseconds timeout = std::chrono::seconds(30));

// Waits until every topic is known with a leader for each partition (create_topics does it).
void wait_for_topics(const std::string& bootstrap, const std::vector<std::string>& names,
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

struct DeliveryReport {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  std::string error;  // empty when delivered
};

// acks=all, idempotent. Records are copied; produce() never blocks longer than its bounded
// wait on a full queue.
class TestProducer {
 public:
  explicit TestProducer(const std::string& bootstrap, const std::map<std::string, std::string>& extra_config = {});
  ~TestProducer();
  TestProducer(const TestProducer&) = delete;
  TestProducer& operator=(const TestProducer&) = delete;

  // Returns the index of this record in reports(). An empty key is sent as a null key unless
  // `empty_key_is_null` is false. Throws std::runtime_error when the record cannot be queued.
  std::size_t produce(const std::string& topic, const std::string& key, const std::string& value,
                      const KafkaHeaders& headers = {}, std::int32_t partition = -1, bool empty_key_is_null = true);
  // True when every queued record got its delivery report within `timeout`.
  bool flush(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  std::size_t delivered() const;
  std::size_t failures() const;
  std::string last_error() const;
  // One per produce() call, filled in by flush()/poll (partition/offset -1 until reported).
  std::vector<DeliveryReport> reports() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

struct ConsumedRecord {
  std::string topic;
  std::int32_t partition = -1;
  std::int64_t offset = -1;
  bool has_key = false;
  std::string key;
  std::string value;
  KafkaHeaders headers;  // in record order; names may repeat

  // The last value of header `name`, if any.
  std::optional<std::string> header(const std::string& name) const;
};

// A consumer that reads `topics` from their beginning (manual assignment of every partition,
// a fresh group id, auto.offset.reset=earliest, no commits) and keeps what it read.
class TopicCollector {
 public:
  TopicCollector(const std::string& bootstrap, const std::vector<std::string>& topics,
                 std::chrono::milliseconds metadata_timeout = std::chrono::seconds(30));
  ~TopicCollector();
  TopicCollector(const TopicCollector&) = delete;
  TopicCollector& operator=(const TopicCollector&) = delete;

  // Reads for at most `duration`; returns how many records arrived.
  std::size_t poll_for(std::chrono::milliseconds duration);
  // Reads until `total` records are held, or nothing arrived for `idle_timeout`, or `deadline`.
  std::size_t poll_until(std::size_t total, std::chrono::milliseconds deadline, std::chrono::milliseconds idle_timeout);

  const std::vector<ConsumedRecord>& records() const { return records_; }
  // Hands over the records held so far and forgets them (for tests that read many records
  // and keep only what they need); count() then starts again from zero, total_read() does not.
  std::vector<ConsumedRecord> take();
  std::size_t total_read() const { return total_read_; }
  std::size_t count() const { return records_.size(); }
  std::size_t count(const std::string& topic) const;
  std::vector<ConsumedRecord> records_of(const std::string& topic) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::vector<ConsumedRecord> records_;
  std::size_t total_read_ = 0;
};

// Everything on `topics` from the beginning: stops once expected_count records arrived, or
// when nothing came for idle_timeout, or at the deadline (measured from the call).
std::vector<ConsumedRecord> consume_all(const std::string& bootstrap, const std::vector<std::string>& topics,
                                        std::size_t expected_count, std::chrono::milliseconds deadline,
                                        std::chrono::milliseconds idle_timeout);

// ---- host configuration for one test ----

// The topic names a test's host uses: canonical, dead-letter and each insurer's.
struct TestTopics {
  std::string prefix;
  std::string constat_created, constat_updated, vehicle_verified, dead_letter;
  std::string saa_constat_created, saa_constat_updated, saa_vehicle_verified;
  std::string trust_constat_created, trust_constat_updated, trust_vehicle_verified;

  std::vector<std::string> canonical() const { return {constat_created, constat_updated, vehicle_verified}; }
  std::vector<std::string> saa() const { return {saa_constat_created, saa_constat_updated, saa_vehicle_verified}; }
  std::vector<std::string> trust() const {
    return {trust_constat_created, trust_constat_updated, trust_vehicle_verified};
  }
  std::vector<std::string> all() const;
};
TestTopics test_topics(const std::string& prefix);

struct RetrySettings {
  int initial_backoff_ms = 50;
  int max_backoff_ms = 500;
  int max_attempts = 3;
};

struct HostConfigOptions {
  std::string prefix;     // from unique_prefix()
  std::string bootstrap;  // broker list
  std::string plugin_dir; // empty: PLUGIN_DIR of this build
  std::string log_level = "info";
  std::string http_listen;  // empty: 127.0.0.1:<a free port>
  int workers = 4;
  int dedup_window = 100000;
  int shutdown_timeout_ms = 20000;
  RetrySettings retry;
  // librdkafka properties for the host (kafka.properties).
  std::map<std::string, std::string> kafka_properties;
  // Adapters: saa and trust, both Kafka-only for outbound. caar (generic-rest, HTTP) is left out:
  // these tests serve no HTTP.
  bool include_saa = true;
  bool include_trust = true;
};

// The YAML text of a host config (same shape as config/passerelle.yaml) whose topics all
// start with options.prefix: kafka.group_id = prefix+"host", kafka.topics.* = prefix+name,
// adapters' topic_* settings = prefix+"saa-…" / prefix+"trust-…", plus a routing: section.
std::string host_config_yaml(const HostConfigOptions& options);
// Writes host_config_yaml() to a file in a private temporary directory (removed when the
// process exits unless KAFKA_TEST_KEEP_CONFIG=1); returns its path.
std::string write_host_config(const HostConfigOptions& options);
// The group id the config above gives the host (its passerelle.origin header).
std::string host_group_id(const std::string& prefix);

// A TCP port on 127.0.0.1 nobody listens on right now.
int free_loopback_port();

}  // namespace passerelle::testing
