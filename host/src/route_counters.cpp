#include "route_counters.hpp"

#include <set>

#include "log.hpp"

namespace passerelle::host {

const char* to_string(Direction d) { return d == Direction::outbound ? "outbound" : "inbound"; }

const char* to_string(Outcome o) {
  switch (o) {
    case Outcome::in: return "in";
    case Outcome::delivered: return "delivered";
    case Outcome::dead_lettered: return "dead_lettered";
    case Outcome::filtered: return "filtered";
  }
  return "?";
}

namespace {
std::string metric_name(Outcome o) { return std::string("passerelle_records_") + to_string(o) + "_total"; }
}  // namespace

std::string RouteCounters::labels(const std::string& adapter, Direction d) {
  return "adapter=\"" + adapter + "\",direction=\"" + to_string(d) + "\"";
}

void RouteCounters::add(const std::string& adapter, Direction d, Outcome o, double n) {
  metrics_.add(metric_name(o), labels(adapter, d), n);
}

double RouteCounters::get(const std::string& adapter, Direction d, Outcome o) const {
  return metrics_.value(metric_name(o), labels(adapter, d));
}

void RouteCounters::log_all() const {
  for (const auto& [labels, in] : metrics_.series(metric_name(Outcome::in))) {
    (void)in;
    const auto a0 = labels.find("adapter=\"") + 9;
    const std::string adapter = labels.substr(a0, labels.find('"', a0) - a0);
    const Direction d = labels.find("\"inbound\"") != std::string::npos ? Direction::inbound : Direction::outbound;
    auto num = [&](Outcome o) { return std::to_string(static_cast<long long>(get(adapter, d, o))); };
    log::write(sdk::LogLevel::info, "router", adapter, "route counters",
               {{"direction", to_string(d)},
                {"in", num(Outcome::in)},
                {"delivered", num(Outcome::delivered)},
                {"dead_lettered", num(Outcome::dead_lettered)},
                {"filtered", num(Outcome::filtered)}});
  }
}

}  // namespace passerelle::host
