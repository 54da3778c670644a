// Publishes canonical events outside the routing loop (the webhook of REST-only insurers) and
// waits until Kafka acknowledged every one, so the caller can answer 202 truthfully.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "kafka_producer.hpp"

namespace passerelle::host {

class EventPublisher {
 public:
  explicit EventPublisher(KafkaProducer& producer) : producer_(producer) {}
  // True when all records were acknowledged within `timeout`; otherwise `error` says why.
  bool publish(const std::vector<sdk::KafkaRecord>& records, std::chrono::milliseconds timeout, std::string& error);

 private:
  KafkaProducer& producer_;
};

}  // namespace passerelle::host
