// The routing engine: consumes the canonical topics (outbound) and the topics the adapters
// declare (inbound), hands each record to the adapters it concerns, carries out what they
// return, and stores an input offset only once everything it caused is durably delivered.
//
// Order: records of one partition are processed one after the other (a "lane"); deliveries
// are issued in that order, and the idempotent producer keeps it. A record that waits for a
// retry holds its lane (the blocking per-partition first step of DESIGN.md), not the others.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "adapter_set.hpp"
#include "config.hpp"
#include "dead_letter.hpp"
#include "dedup_window.hpp"
#include "kafka_producer.hpp"
#include "offset_tracker.hpp"
#include "retry_policy.hpp"
#include "route_counters.hpp"

namespace passerelle::host {

class RecordJob;

class Router {
 public:
  Router(const HostConfig& config, AdapterSet& adapters, Metrics& metrics, std::string bootstrap);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // Consumes and routes until `stop` is true, then drains: in-flight records finish, or are
  // handed back (their offsets not stored) when the shutdown timeout runs out; stored offsets
  // are committed; the consumer leaves its group. Throws KafkaError if Kafka cannot be set up.
  void run(const std::atomic<bool>& stop);

  RouteCounters& counters() { return counters_; }

 private:
  friend class RecordJob;
  struct Lane {
    std::mutex mu;
    std::deque<InputRecord> queue;
    bool busy = false;
    OffsetTracker tracker;
  };

  void dispatch(InputRecord record);
  void run_lane(const std::shared_ptr<Lane>& lane);
  void lane_done(const std::shared_ptr<Lane>& lane);
  // Called once per record when every effect is durable (stored) or it was handed back.
  void record_finished(const std::shared_ptr<Lane>& lane, const InputRecord& r, bool handed_back);
  void store_offset(const std::string& topic, std::int32_t partition, std::int64_t next_offset);
  // Runs `fn(aborted)` on the pool after `delay`; aborted is true when the host is stopping.
  void schedule(std::chrono::milliseconds delay, std::function<void(bool aborted)> fn);
  void abort_pending();
  bool wait_idle(std::chrono::steady_clock::time_point until);
  void on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);
  static void rebalance_cb(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                           void* opaque);
  std::chrono::milliseconds backoff(int attempt);
  void subscribe();
  void report_lag();  // gauge passerelle_consumer_lag per assigned partition

  const HostConfig& config_;
  AdapterSet& adapters_;
  RouteCounters counters_;
  Metrics& metrics_;
  std::string bootstrap_;
  std::string origin_;  // value of the passerelle.origin header: this deployment's group id
  RetryPolicy retry_;
  DedupWindow dedup_;
  std::map<std::string, AdapterInstance*> inbound_topics_;
  std::set<std::string> outbound_topics_;

  std::unique_ptr<KafkaProducer> producer_;
  KafkaHandle consumer_;
  boost::asio::thread_pool pool_;

  std::mutex lanes_mu_;
  std::map<std::pair<std::string, std::int32_t>, std::shared_ptr<Lane>> lanes_;

  std::mutex idle_mu_;
  std::condition_variable idle_cv_;
  std::size_t in_flight_ = 0;
  std::size_t max_in_flight_ = 10000;

  std::atomic<bool> aborting_{false};
  std::mutex timers_mu_;
  std::set<std::shared_ptr<boost::asio::steady_timer>> timers_;
  std::mutex rng_mu_;
  std::mt19937_64 rng_{std::random_device{}()};
};

}  // namespace passerelle::host
