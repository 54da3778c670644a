#include "metrics.hpp"

#include <sstream>

namespace passerelle::host {

void Metrics::add(const std::string& name, const std::string& labels, double delta) {
  std::lock_guard<std::mutex> lock(mu_);
  counters_[name][labels] += delta;
}

double Metrics::value(const std::string& name, const std::string& labels) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counters_.find(name);
  if (it == counters_.end()) return 0;
  auto jt = it->second.find(labels);
  return jt == it->second.end() ? 0 : jt->second;
}

std::map<std::string, double> Metrics::series(const std::string& name) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = counters_.find(name);
  return it == counters_.end() ? std::map<std::string, double>{} : it->second;
}

std::string Metrics::prometheus_text() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream out;
  for (const auto& [name, series] : counters_) {
    out << "# TYPE " << name << " counter\n";
    for (const auto& [labels, v] : series) out << name << "{" << labels << "} " << v << "\n";
  }
  return out.str();
}

}  // namespace passerelle::host
