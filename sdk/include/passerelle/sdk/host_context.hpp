// Everything an adapter gets from the host: logging, an HTTP client, a clock, metrics, ids.
// Adapters never use globals (their own spdlog registry, their own sockets or threads).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "passerelle/sdk/delivery.hpp"
#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/settings.hpp"

namespace passerelle::sdk {

enum class LogLevel { trace, debug, info, warn, error };

// Structured fields of a log line. Values are written as JSON strings. Never put personal data
// in fields logged at info level or above.
using LogFields = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;  // 0 when no response arrived (connection refused, timeout)
  Headers headers;
  std::string body;
  std::string error;  // transport error when status == 0
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // `path` is relative to the adapter's base URL (setting `base_url`); auth headers are the
  // adapter's to add. Never throws: transport problems come back as status 0 with `error`.
  virtual HttpResponse get(const std::string& path, const Headers& headers) = 0;
};

class HostContext {
 public:
  virtual ~HostContext() = default;

  // Log lines carry the adapter id and plugin name automatically.
  virtual void log(LogLevel level, const std::string& message, const LogFields& fields = {}) = 0;
  virtual HttpClient& http() = 0;
  virtual std::chrono::system_clock::time_point now() = 0;
  // A fresh UUID v4 for events the adapter creates.
  virtual std::string new_event_id() = 0;
  // Adds `delta` to a counter named passerelle_adapter_<name>_total{adapter="<id>"}.
  virtual void count(const std::string& name, double delta = 1) = 0;
  // The adapter id from config ("saa", "caar", ...): the insurerId of canonical events.
  virtual const std::string& adapter_id() const = 0;
  // The host's validation options (e.g. the wilaya range of validation.wilaya_max), so an
  // adapter validates what it builds exactly as the host will.
  virtual const ValidationOptions& validation_options() const {
    static const ValidationOptions defaults;
    return defaults;
  }
};

}  // namespace passerelle::sdk
