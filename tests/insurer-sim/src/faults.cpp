#include "faults.hpp"

#include <cmath>
#include <limits>

namespace passerelle::sim {
namespace {

std::optional<double> number(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double d = v.get<double>();
  if (!std::isfinite(d)) return std::nullopt;
  return d;
}

std::optional<long long> integer(const Json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<long long>(d);
  }
  return std::nullopt;
}

double seconds_left(std::optional<Faults::Clock::time_point> until, Faults::Clock::time_point now) {
  if (!until || *until <= now) return 0;
  return std::chrono::duration<double>(*until - now).count();
}

}  // namespace

const char* name_of(OutageMode m) {
  switch (m) {
    case OutageMode::none:
      return "none";
    case OutageMode::refuse:
      return "refuse";
    case OutageMode::drop:
      return "drop";
  }
  return "?";
}

std::vector<std::string> Faults::apply(const Json& patch, Clock::time_point now) {
  std::vector<std::string> problems;
  if (!patch.is_object()) return {"the fault patch must be a JSON object"};
  Faults next = *this;
  bool outage_given = false;
  std::optional<double> outage_seconds;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& k = it.key();
    const Json& v = *it;
    const bool reset = v.is_null();
    auto bad = [&](const std::string& what) { problems.push_back(k + ": " + what); };
    if (k == "latency_ms") {
      auto i = integer(v);
      if (reset)
        next.latency_ms_ = 0;
      else if (!i || *i < 0 || *i > 600000)
        bad("must be an integer 0..600000");
      else
        next.latency_ms_ = static_cast<int>(*i);
    } else if (k == "error_rate") {
      auto d = number(v);
      if (reset)
        next.error_rate_ = 0;
      else if (!d || *d < 0 || *d > 1)
        bad("must be a number 0..1");
      else
        next.error_rate_ = *d;
      next.draws_ = 0;
    } else if (k == "error_seed") {
      if (reset)
        next.error_seed_ = 1;
      else if (v.is_number_unsigned())
        next.error_seed_ = v.get<std::uint64_t>();
      else if (auto i = integer(v); i && *i >= 0)
        next.error_seed_ = static_cast<std::uint64_t>(*i);
      else
        bad("must be a non-negative integer");
      next.draws_ = 0;
    } else if (k == "unavailable_requests") {
      auto i = integer(v);
      if (reset)
        next.unavailable_requests_ = 0;
      else if (!i || *i < 0 || *i > 1000000)
        bad("must be an integer 0..1000000");
      else
        next.unavailable_requests_ = static_cast<int>(*i);
    } else if (k == "unavailable_seconds") {
      auto d = number(v);
      if (reset || (d && *d == 0))
        next.unavailable_until_.reset();
      else if (!d || *d < 0 || *d > 86400)
        bad("must be a number of seconds 0..86400");
      else
        next.unavailable_until_ = now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*d));
    } else if (k == "retry_after") {
      auto i = integer(v);
      if (reset)
        next.retry_after_s_ = 1;
      else if (!i || *i < 0 || *i > 86400)
        bad("must be an integer number of seconds 0..86400");
      else
        next.retry_after_s_ = static_cast<int>(*i);
    } else if (k == "retry_after_format") {
      if (reset)
        next.retry_after_http_date_ = false;
      else if (v == "seconds")
        next.retry_after_http_date_ = false;
      else if (v == "http-date")
        next.retry_after_http_date_ = true;
      else
        bad("must be \"seconds\" or \"http-date\"");
    } else if (k == "outage") {
      outage_given = true;
      if (reset || v == "none" || v == false)
        next.outage_ = OutageMode::none;
      else if (v == "refuse")
        next.outage_ = OutageMode::refuse;
      else if (v == "drop")
        next.outage_ = OutageMode::drop;
      else
        bad("must be \"none\", \"refuse\" or \"drop\"");
      next.outage_until_.reset();
    } else if (k == "outage_seconds") {
      auto d = number(v);
      if (reset) continue;
      if (!d || *d <= 0 || *d > 86400)
        bad("must be a number of seconds > 0 (up to 86400)");
      else
        outage_seconds = *d;
    } else {
      bad("unknown fault knob (known: latency_ms, error_rate, error_seed, unavailable_requests, "
          "unavailable_seconds, retry_after, retry_after_format, outage, outage_seconds)");
    }
  }
  if (outage_seconds) {
    if (!outage_given || next.outage_ == OutageMode::none)
      problems.push_back("outage_seconds: needs \"outage\": \"refuse\" or \"drop\" in the same patch");
    else
      next.outage_until_ =
          now + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*outage_seconds));
  }
  if (problems.empty()) *this = next;
  return problems;
}

Json Faults::to_json(Clock::time_point now) const {
  Json j = {{"latency_ms", latency_ms_},
            {"error_rate", error_rate_},
            {"error_seed", error_seed_},
            {"error_draws", draws_},
            {"unavailable_requests", unavailable_requests_},
            {"unavailable_seconds", seconds_left(unavailable_until_, now)},
            {"retry_after", retry_after_s_},
            {"retry_after_format", retry_after_http_date_ ? "http-date" : "seconds"},
            {"outage", name_of(outage_)}};
  j["outage_seconds"] = outage_until_ ? Json(seconds_left(outage_until_, now)) : Json(nullptr);
  return j;
}

FaultDecision Faults::next(Clock::time_point now) {
  FaultDecision d;
  const bool window = unavailable_requests_ > 0 || (unavailable_until_ && now < *unavailable_until_);
  if (unavailable_until_ && now >= *unavailable_until_) unavailable_until_.reset();
  if (window) {
    if (unavailable_requests_ > 0) --unavailable_requests_;
    d.kind = FaultDecision::Kind::unavailable;
    d.retry_after_s = retry_after_s_;
    d.http_date = retry_after_http_date_;
    return d;
  }
  if (error_rate_ > 0 && draw(error_seed_, draws_++) < error_rate_) d.kind = FaultDecision::Kind::error;
  return d;
}

OutageMode Faults::outage(Clock::time_point now) {
  if (outage_ != OutageMode::none && outage_until_ && now >= *outage_until_) {
    outage_ = OutageMode::none;
    outage_until_.reset();
  }
  return outage_;
}

std::optional<std::pair<std::vector<Insurer>, Json>> parse_fault_flag(std::string_view text, std::string& error) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) {
    error = "--fault wants INSURER:KNOB=VALUE[,KNOB=VALUE...], e.g. saa:latency_ms=200";
    return std::nullopt;
  }
  const std::string who(text.substr(0, colon));
  std::vector<Insurer> insurers;
  if (who == "all")
    insurers.assign(std::begin(kInsurers), std::end(kInsurers));
  else if (auto i = insurer_named(who))
    insurers.push_back(*i);
  else {
    error = "--fault: unknown insurer \"" + who + "\" (saa, trust, caar or all)";
    return std::nullopt;
  }
  Json patch = Json::object();
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      error = "--fault: \"" + std::string(item) + "\" is not KNOB=VALUE";
      return std::nullopt;
    }
    const std::string value(item.substr(eq + 1));
    Json v = Json::parse(value, nullptr, false);
    if (v.is_discarded() || v.is_structured()) v = value;
    patch[std::string(item.substr(0, eq))] = v;
  }
  if (patch.empty()) {
    error = "--fault: no KNOB=VALUE after \"" + who + ":\"";
    return std::nullopt;
  }
  return std::make_pair(insurers, patch);
}

}  // namespace passerelle::sim
