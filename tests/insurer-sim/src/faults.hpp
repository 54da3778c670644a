// Fault knobs of one insurer: added latency, a rate of 500s, a window of 503 + Retry-After,
// and an outage (nothing listening, or connections accepted and closed unanswered).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim_util.hpp"

namespace passerelle::sim {

enum class OutageMode { none, refuse, drop };
const char* name_of(OutageMode m);

struct FaultDecision {
  enum class Kind { none, unavailable, error } kind = Kind::none;
  int retry_after_s = 0;
  bool http_date = false;
};

class Faults {
 public:
  using Clock = std::chrono::steady_clock;

  // Applies a patch of knobs (names in docs/insurer-simulator.md; null resets one knob). All
  // or nothing: on any problem nothing changes and the problems are returned.
  std::vector<std::string> apply(const Json& patch, Clock::time_point now);
  Json to_json(Clock::time_point now) const;
  void clear() { *this = Faults(); }

  int latency_ms() const { return latency_ms_; }
  // The fate of one API request (consumes one 503 of a counted window, one error-rate draw).
  FaultDecision next(Clock::time_point now);
  // The outage in force now; a timed outage that has run out is cleared here.
  OutageMode outage(Clock::time_point now);

 private:
  int latency_ms_ = 0;
  double error_rate_ = 0;
  std::uint64_t error_seed_ = 1;
  std::uint64_t draws_ = 0;
  int unavailable_requests_ = 0;
  std::optional<Clock::time_point> unavailable_until_;
  int retry_after_s_ = 1;
  bool retry_after_http_date_ = false;
  OutageMode outage_ = OutageMode::none;
  std::optional<Clock::time_point> outage_until_;
};

// "--fault saa:latency_ms=200,error_rate=0.1" -> (insurers, patch). "all:" names the three.
// Values are read as JSON when they parse (numbers, null), as text otherwise.
std::optional<std::pair<std::vector<Insurer>, Json>> parse_fault_flag(std::string_view text, std::string& error);

}  // namespace passerelle::sim
