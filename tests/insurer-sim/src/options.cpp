#include "options.hpp"

#include <arpa/inet.h>

#include <cmath>
#include <cstdlib>
#include <functional>

#include "faults.hpp"

namespace passerelle::sim {
namespace {

std::optional<long long> parse_int(const std::string& s) {
  if (s.empty() || s.size() > 12) return std::nullopt;
  long long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool header_safe(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace

bool is_loopback(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

std::string usage() {
  return R"(usage: passerelle-insurer-sim [options]
  Serves the REST APIs of SAA, Trust and CAAR on loopback, as the Passerelle adapters call them.
  --saa-port N | --trust-port N | --caar-port N   ports (defaults 9101, 9102, 9103; 0 = any free port)
  --admin-port N              control port that is never faulted (default 0 = any free port)
  --listen ADDR               loopback address only: 127.0.0.1 (default), ::1, localhost
  --api-key-saa KEY           X-API-Key SAA expects (default dev-saa-key)
  --api-key-trust KEY         "Authorization: ApiKey KEY" Trust expects (default dev-trust-key)
  --api-key-caar KEY          CAAR's key (default dev-caar-key), in the header --caar-auth-header
  --caar-auth-header NAME     header carrying CAAR's key (default X-CAAR-Key, as config/insurers/caar.yaml)
  --seed FILE                 world JSON (default: the built-in copy of tests/insurer-sim/world.json)
  --duration-s N              stop by itself after N seconds
  --fault INSURER:KNOB=V,...  start with faults, e.g. saa:latency_ms=200 or all:error_rate=0.1,error_seed=7
                              knobs: latency_ms error_rate error_seed unavailable_requests unavailable_seconds
                              retry_after retry_after_format(seconds|http-date) outage(refuse|drop) outage_seconds
  --help                      this text
On start, one JSON line on stdout gives the ports: {"saa":9101,"trust":9102,"caar":9103,"admin":40123}.
Logs are JSON lines on stderr. SIGTERM/SIGINT stop it (exit 0). Bad flags exit 2, a port in use 1.
See docs/insurer-simulator.md.
)";
}

ParsedOptions parse_options(const std::vector<std::string>& args) {
  Options o;
  ParsedOptions out;
  auto fail = [&](std::string message) {
    out.options.reset();
    out.error = std::move(message);
    return out;
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> inline_value;
    if (auto eq = flag.find('='); flag.rfind("--", 0) == 0 && eq != std::string::npos) {
      inline_value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 >= args.size()) return std::nullopt;
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      o.help = true;
      continue;
    }
    std::optional<Insurer> port_of, key_of;
    for (Insurer ins : kInsurers) {
      if (flag == std::string("--") + name_of(ins) + "-port") port_of = ins;
      if (flag == std::string("--api-key-") + name_of(ins)) key_of = ins;
    }
    const bool known = port_of || key_of || flag == "--admin-port" || flag == "--listen" || flag == "--seed" ||
                       flag == "--duration-s" || flag == "--fault" || flag == "--caar-auth-header";
    if (!known) return fail("unknown option " + flag);
    auto v = value();
    if (!v) return fail(flag + " needs a value");
    if (port_of || flag == "--admin-port") {
      auto p = parse_int(*v);
      if (!p || *p > 65535) return fail(flag + ": not a port number 0..65535: " + *v);
      if (port_of)
        o.ports[*port_of] = static_cast<int>(*p);
      else
        o.admin_port = static_cast<int>(*p);
    } else if (key_of) {
      if (!header_safe(*v)) return fail(flag + ": the key must be non-empty, without spaces or control characters");
      o.api_keys[*key_of] = *v;
    } else if (flag == "--caar-auth-header") {
      if (!header_safe(*v) || v->find(':') != std::string::npos) return fail(flag + ": not a header name");
      o.caar_auth_header = *v;
    } else if (flag == "--listen") {
      if (!is_loopback(*v))
        return fail("--listen " + *v + ": refused, the simulator listens on loopback only (127.0.0.1, ::1, localhost)");
      o.listen = *v == "localhost" ? "127.0.0.1" : *v;
    } else if (flag == "--seed") {
      o.seed_file = *v;
    } else if (flag == "--duration-s") {
      char* end = nullptr;
      const double d = std::strtod(v->c_str(), &end);
      if (v->empty() || *end != '\0' || !std::isfinite(d) || d <= 0)
        return fail("--duration-s: not a positive number: " + *v);
      o.duration_s = d;
    } else if (flag == "--fault") {
      std::string error;
      auto f = parse_fault_flag(*v, error);
      if (!f) return fail(error);
      // Checked now, so a typo stops the start rather than a request later.
      Faults probe;
      auto problems = probe.apply(f->second, Faults::Clock::now());
      if (!problems.empty()) return fail("--fault " + *v + ": " + problems.front());
      o.faults.push_back({f->first, f->second});
    }
  }
  std::map<int, std::string> used;
  for (Insurer ins : kInsurers) {
    const int p = o.ports[ins];
    if (p != 0 && !used.emplace(p, name_of(ins)).second)
      return fail("--" + std::string(name_of(ins)) + "-port " + std::to_string(p) + ": already the port of " + used[p]);
  }
  if (o.admin_port != 0 && used.count(o.admin_port))
    return fail("--admin-port " + std::to_string(o.admin_port) + ": already the port of " + used[o.admin_port]);
  out.options = std::move(o);
  return out;
}

}  // namespace passerelle::sim
