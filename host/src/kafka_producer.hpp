// The host's one producer: idempotent, acks=all, asynchronous. Each produce() gets its
// delivery report through a callback, called on the producer's poll thread: keep it short.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include "kafka_conf.hpp"
#include "passerelle/sdk/delivery.hpp"

namespace passerelle::host {

class KafkaProducer {
 public:
  using Done = std::function<void(rd_kafka_resp_err_t err)>;

  KafkaProducer(const std::string& bootstrap, const std::map<std::string, std::string>& properties);
  ~KafkaProducer();
  KafkaProducer(const KafkaProducer&) = delete;
  KafkaProducer& operator=(const KafkaProducer&) = delete;

  // Never blocks for long: a full local queue waits for room (bounded by the queue's drain).
  // An immediate error (unknown topic in a strict cluster, message too large) goes to `done`.
  void produce(const std::string& topic, const std::string& key, const sdk::Headers& headers,
               const std::string& value, Done done);
  // Waits for outstanding deliveries; returns how many are still outstanding.
  int flush(int timeout_ms);
  rd_kafka_t* handle() { return rk_.get(); }

 private:
  KafkaHandle rk_;
  std::atomic<bool> stop_{false};
  std::thread poller_;
};

}  // namespace passerelle::host
