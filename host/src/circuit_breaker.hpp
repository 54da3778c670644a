// One circuit breaker per insurer endpoint: closed -> open when the failure rate over the last
// `window` calls (with at least `min_calls`) reaches `failure_rate`; open -> half-open after
// `open_for`; half-open lets `half_open_probes` calls through and closes when they all succeed,
// reopens on the first failure.
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <string>

namespace passerelle::host {

struct BreakerSettings {
  int window = 20;
  int min_calls = 10;
  double failure_rate = 0.5;
  std::chrono::milliseconds open_for{5000};
  int half_open_probes = 2;
};

class CircuitBreaker {
 public:
  enum class State { closed, open, half_open };
  using Clock = std::chrono::steady_clock;

  explicit CircuitBreaker(BreakerSettings s) : s_(s) {}
  // Whether a call may go out now. In half-open, only the probes are allowed.
  bool allow(Clock::time_point now = Clock::now());
  void record(bool success, Clock::time_point now = Clock::now());
  State state(Clock::time_point now = Clock::now());
  // How long until an open breaker lets a probe through (zero when not open).
  std::chrono::milliseconds retry_in(Clock::time_point now = Clock::now());

 private:
  void refresh(Clock::time_point now);  // open -> half-open when its time is up
  BreakerSettings s_;
  std::mutex mu_;
  State state_ = State::closed;
  std::deque<bool> outcomes_;  // last `window` calls in closed state, true = failure
  Clock::time_point opened_at_{};
  int probes_out_ = 0;
  int probes_ok_ = 0;
};

const char* to_string(CircuitBreaker::State s);

}  // namespace passerelle::host
