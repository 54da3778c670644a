// Recent gateway answers, so that while an insurer is down (breaker open, timeouts) the
// platform still gets an answer that is fresh enough (seed 003: circuit breaker + cache).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace passerelle::host {

class GatewayCache {
 public:
  using Clock = std::chrono::steady_clock;
  GatewayCache(std::chrono::milliseconds ttl, std::size_t capacity) : ttl_(ttl), capacity_(capacity) {}

  void put(const std::string& key, const nlohmann::json& answer, Clock::time_point now = Clock::now());
  struct Hit {
    nlohmann::json answer;
    std::chrono::milliseconds age;
  };
  // An answer not older than the TTL, or nothing.
  std::optional<Hit> get(const std::string& key, Clock::time_point now = Clock::now()) const;

 private:
  std::chrono::milliseconds ttl_;
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::map<std::string, std::pair<nlohmann::json, Clock::time_point>> entries_;
  std::deque<std::string> order_;
};

}  // namespace passerelle::host
