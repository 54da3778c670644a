#include "metrics.hpp"

#include <sstream>

namespace passerelle::host {

void Metrics::add(const std::string& name, const std::string& labels, double delta) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][labels] += delta;
}

void Metrics::set_gauge(const std::string& name, const std::string& labels, double value) {
  std::lock_guard<std::mutex> lock(mu_);
  gauges_[name][labels] = value;
}

void Metrics::observe(const std::string& name, const std::string& labels, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& h = histograms_[name][labels];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) h.counts[i] += 1;
  h.sum += seconds;
  h.count += 1;
}

double Metrics::value(const std::string& name, const std::string& labels) const {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto* family : {&counters_, &gauges_}) {
    auto it = family->find(name);
    if (it == family->end()) continue;
    auto jt = it->second.find(labels);
    if (jt != it->second.end()) return jt->second;
  }
  return 0;
}

std::map<std::string, double> Metrics::series(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counters_.find(name);
  return it == counters_.end() ? std::map<std::string, double>{} : it->second;
}

std::string Metrics::prometheus_text() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  auto with = [](const std::string& labels, const std::string& extra) {
    return "{" + labels + (labels.empty() || extra.empty() ? "" : ",") + extra + "}";
  };
  for (const auto& [name, series] : counters_) {
    out << "# TYPE " << name << " counter\n";
    for (const auto& [labels, v] : series) out << name << "{" << labels << "} " << v << "\n";
  }
  for (const auto& [name, series] : gauges_) {
    out << "# TYPE " << name << " gauge\n";
    for (const auto& [labels, v] : series) out << name << "{" << labels << "} " << v << "\n";
  }
  for (const auto& [name, series] : histograms_) {
    out << "# TYPE " << name << " histogram\n";
    for (const auto& [labels, h] : series) {
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        std::ostringstream le;
        le << kBuckets[i];
        out << name << "_bucket" << with(labels, "le=\"" + le.str() + "\"") << " " << h.counts[i] << "\n";
      }
      out << name << "_bucket" << with(labels, "le=\"+Inf\"") << " " << h.count << "\n";
      out << name << "_sum" << with(labels, "") << " " << h.sum << "\n";
      out << name << "_count" << with(labels, "") << " " << h.count << "\n";
    }
  }
  return out.str();
}

}  // namespace passerelle::host
