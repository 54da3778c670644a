// The host's metrics: counters (records per adapter and direction, HTTP requests, ...), gauges
// (consumer lag, breaker state) and histograms (HTTP request duration), in Prometheus text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>

namespace passerelle::host {

class Metrics {
 public:
  // `labels` in Prometheus form without braces: adapter="saa",direction="outbound"
  void add(const std::string& name, const std::string& labels, double delta);
  void set_gauge(const std::string& name, const std::string& labels, double value);
  void observe(const std::string& name, const std::string& labels, double seconds);
  double value(const std::string& name, const std::string& labels) const;
  std::string prometheus_text() const;
  // Every labelled value of one counter (a copy).
  std::map<std::string, double> series(const std::string& name) const;

  static constexpr std::array<double, 11> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Histogram {
    std::array<double, kBuckets.size()> counts{};
    double sum = 0;
    double count = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, std::map<std::string, double>> counters_;
  std::map<std::string, std::map<std::string, double>> gauges_;
  std::map<std::string, std::map<std::string, Histogram>> histograms_;
};

}  // namespace passerelle::host
