// The HTTP client an adapter gets through its context: the insurer's base URL, timeouts from
// the host's config, never an exception. Retries and the circuit breaker wrap it in the host.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "passerelle/sdk/host_context.hpp"

namespace httplib {
class Client;
}

namespace passerelle::host {

struct HttpClientOptions {
  std::string base_url;  // "http://127.0.0.1:9001" or "https://api.insurer.example"
  int connect_timeout_ms = 2000;
  int read_timeout_ms = 5000;
};

class InsurerHttpClient : public sdk::HttpClient {
 public:
  explicit InsurerHttpClient(HttpClientOptions options);
  ~InsurerHttpClient() override;
  sdk::HttpResponse get(const std::string& path, const sdk::Headers& headers) override;
  sdk::HttpResponse send(const std::string& method, const std::string& path, const sdk::Headers& headers,
                         const std::string& body);

 private:
  HttpClientOptions options_;
  std::string path_prefix_;  // the base URL's own path, e.g. "/api"
  std::mutex mu_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace passerelle::host
