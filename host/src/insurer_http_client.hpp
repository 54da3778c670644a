// The HTTP client an adapter gets through its context: the insurer's base URL, timeouts from
// the host's config, never an exception. Retries and the circuit breaker wrap it in the host.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "circuit_breaker.hpp"
#include "passerelle/sdk/host_context.hpp"

namespace passerelle::host {

struct HttpClientOptions {
  std::string base_url;  // "http://127.0.0.1:9001" or "https://api.insurer.example"
  int connect_timeout_ms = 2000;
  int read_timeout_ms = 5000;
  BreakerSettings breaker;
};

// The error text of a call the open breaker refused without sending it.
inline constexpr const char* kCircuitOpen = "circuit open";

class InsurerHttpClient : public sdk::HttpClient {
 public:
  explicit InsurerHttpClient(HttpClientOptions options);
  ~InsurerHttpClient() override;
  sdk::HttpResponse get(const std::string& path, const sdk::Headers& headers) override;
  // Refused calls come back as status 0 with an error starting with kCircuitOpen.
  sdk::HttpResponse send(const std::string& method, const std::string& path, const sdk::Headers& headers,
                         const std::string& body);
  CircuitBreaker& breaker() { return breaker_; }

 private:
  HttpClientOptions options_;
  std::string path_prefix_;  // the base URL's own path, e.g. "/api"
  std::string origin_;       // scheme://host:port
  CircuitBreaker breaker_;
};

}  // namespace passerelle::host
