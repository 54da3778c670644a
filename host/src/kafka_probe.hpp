// Answers "is Kafka reachable?" for /ready, from a small client of its own, with the answer
// cached briefly so a probe storm does not become a metadata storm.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "kafka_conf.hpp"

namespace passerelle::host {

class KafkaProbe {
 public:
  KafkaProbe(const std::string& bootstrap, const std::map<std::string, std::string>& properties);
  // "" when a metadata request succeeded, else why not.
  std::string check();

 private:
  KafkaHandle rk_;
  std::mutex mu_;
  std::chrono::steady_clock::time_point checked_{};
  std::string last_;
};

}  // namespace passerelle::host
