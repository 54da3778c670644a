// Exponential backoff with full jitter inside a per-route budget of attempts.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace passerelle::host {

struct RetryPolicy {
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  int max_attempts = 5;  // attempts in all, the first included

  // Delay before attempt number `attempt` (2 = the first retry). Full jitter: uniform in
  // [base/2, base], base = min(max, initial * 2^(attempt-2)), so retries of many records spread.
  std::chrono::milliseconds backoff(int attempt, std::mt19937_64& rng) const;
  bool may_retry(int attempts_done) const { return attempts_done < max_attempts; }
};

}  // namespace passerelle::host
