// The insurer simulator and a host wired to it, both real processes on loopback, for the tests
// of the HTTP surface. Kafka is the host's embedded one unless a test gives a bootstrap.
#pragma once

#include <memory>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "process_runner.hpp"

namespace passerelle::testing {

struct SimPorts {
  int saa = 0, trust = 0, caar = 0, admin = 0;
};

class SimAndHost {
 public:
  // `extra_http` is appended under `http:` (e.g. "  max_body_bytes: 4096\n").
  explicit SimAndHost(const std::string& extra_http = "", const std::string& kafka_bootstrap = "embedded",
                      const std::string& topic_prefix = "",
                      const std::string& breaker =
                          "{window: 10, min_calls: 4, failure_rate_percent: 50, open_ms: 1500, half_open_probes: 1}");
  ~SimAndHost();

  httplib::Client host() const;
  httplib::Client sim_admin() const;
  // POST /_sim/faults?insurer=… on the control port.
  void fault(const std::string& insurer, const nlohmann::json& knobs) const;
  nlohmann::json sim_stats(const std::string& insurer) const;
  BackgroundProcess& host_process() { return *host_; }
  const SimPorts& sim() const { return sim_; }
  int host_port() const { return host_port_; }

  static constexpr const char* kPlatformKey = "platform-test-key";  // gateway, admin, inbound:*
  static constexpr const char* kOpsKey = "ops-test-key";            // admin only

 private:
  std::unique_ptr<BackgroundProcess> sim_proc_;
  std::unique_ptr<BackgroundProcess> host_;
  SimPorts sim_;
  int host_port_ = 0;
  std::string dir_;
};

}  // namespace passerelle::testing
