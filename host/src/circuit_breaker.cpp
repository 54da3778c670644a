#include "circuit_breaker.hpp"

#include <algorithm>

namespace passerelle::host {

const char* to_string(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::closed: return "closed";
    case CircuitBreaker::State::open: return "open";
    case CircuitBreaker::State::half_open: return "half_open";
  }
  return "?";
}

void CircuitBreaker::refresh(Clock::time_point now) {
  if (state_ == State::open && now - opened_at_ >= s_.open_for) {
    state_ = State::half_open;
    probes_out_ = 0;
    probes_ok_ = 0;
  }
}

bool CircuitBreaker::allow(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  refresh(now);
  switch (state_) {
    case State::closed: return true;
    case State::open: return false;
    case State::half_open:
      if (probes_out_ >= s_.half_open_probes) return false;
      ++probes_out_;
      return true;
  }
  return false;
}

void CircuitBreaker::record(bool success, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  refresh(now);
  if (state_ == State::half_open) {
    if (!success) {
      state_ = State::open;
      opened_at_ = now;
      return;
    }
    if (++probes_ok_ >= s_.half_open_probes) {
      state_ = State::closed;
      outcomes_.clear();
    }
    return;
  }
  if (state_ == State::open) return;  // a call that started before the breaker opened
  outcomes_.push_back(!success);
  while (static_cast<int>(outcomes_.size()) > s_.window) outcomes_.pop_front();
  const auto failures = std::count(outcomes_.begin(), outcomes_.end(), true);
  if (static_cast<int>(outcomes_.size()) >= s_.min_calls &&
      static_cast<double>(failures) >= s_.failure_rate * static_cast<double>(outcomes_.size())) {
    state_ = State::open;
    opened_at_ = now;
    outcomes_.clear();
  }
}

CircuitBreaker::State CircuitBreaker::state(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  refresh(now);
  return state_;
}

std::chrono::milliseconds CircuitBreaker::retry_in(Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mu_);
  refresh(now);
  if (state_ != State::open) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(s_.open_for - (now - opened_at_));
}

}  // namespace passerelle::host
