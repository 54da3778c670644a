// Per adapter and direction: records in, delivered, dead-lettered, filtered. Once drained,
// in = delivered + dead_lettered + filtered. Kept in Metrics for /metrics and logged at shutdown.
#pragma once

#include <string>

#include "metrics.hpp"

namespace passerelle::host {

enum class Direction { outbound, inbound };
enum class Outcome { in, delivered, dead_lettered, filtered };

const char* to_string(Direction d);
const char* to_string(Outcome o);

class RouteCounters {
 public:
  explicit RouteCounters(Metrics& metrics) : metrics_(metrics) {}
  void add(const std::string& adapter, Direction d, Outcome o, double n = 1);
  double get(const std::string& adapter, Direction d, Outcome o) const;
  // One "route counters" log line per adapter and direction that saw anything.
  void log_all() const;

 private:
  static std::string labels(const std::string& adapter, Direction d);
  Metrics& metrics_;
};

}  // namespace passerelle::host
