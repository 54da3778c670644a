// Counters the host keeps per adapter (and that adapters add to through their context).
// Exposed on /metrics in Prometheus text format once the HTTP surface lands.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace passerelle::host {

class Metrics {
 public:
  // `labels` in Prometheus form without braces: adapter="saa",direction="outbound"
  void add(const std::string& name, const std::string& labels, double delta);
  double value(const std::string& name, const std::string& labels) const;
  std::string prometheus_text() const;
  // Every labelled value of one counter (a copy).
  std::map<std::string, double> series(const std::string& name) const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, double>> counters_;
};

}  // namespace passerelle::host
