// The host's HTTP surface (cpp-httplib): health, readiness, Prometheus metrics, status and
// adapters, and the insurer gateway. Bounded thread pool, body limit, timeouts, API keys.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "adapter_set.hpp"
#include "api_keys.hpp"
#include "config.hpp"
#include "event_publisher.hpp"
#include "gateway_cache.hpp"
#include "metrics.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace passerelle::host {

// What the server reads on each request; swapped as a whole on SIGHUP.
struct HostSnapshot {
  std::shared_ptr<const HostConfig> config;
  std::shared_ptr<AdapterSet> adapters;
  std::string kafka_bootstrap;
};

class HttpServer {
 public:
  using SnapshotFn = std::function<HostSnapshot()>;
  // Returns "" when Kafka answers, or why not.
  using ReadinessFn = std::function<std::string()>;

  HttpServer(const HttpConfig& config, Metrics& metrics, SnapshotFn snapshot, ReadinessFn kafka_ready);
  ~HttpServer();
  // Binds and serves in a background thread; throws std::runtime_error naming the address.
  void start();
  void stop();
  int port() const { return port_; }
  // Where the webhook publishes; without one, POST /v1/inbound/{id} answers 503.
  void set_publisher(EventPublisher* publisher) { publisher_ = publisher; }
  // Every route served, as (method, OpenAPI path): docs/openapi.yaml is checked against it.
  const std::vector<std::pair<std::string, std::string>>& routes() const { return routes_; }

 private:
  bool authorize(const httplib::Request& req, httplib::Response& res, const std::string& scope);
  void register_routes();
  void route(const std::string& method, const std::string& path,
             std::function<void(const httplib::Request&, httplib::Response&)> handler);
  void gateway(const httplib::Request& req, httplib::Response& res, int kind);
  void inbound(const httplib::Request& req, httplib::Response& res);
  void dlq_list(const httplib::Request& req, httplib::Response& res);
  void dlq_replay(const httplib::Request& req, httplib::Response& res);
  // A body that cannot be processed is kept on the dead-letter topic, as for Kafka input.
  void dead_letter_body(const HostSnapshot& snap, const std::string& adapter, const httplib::Request& req,
                        const std::string& stage, const std::string& error_class, const std::string& message);

  HttpConfig config_;
  Metrics& metrics_;
  SnapshotFn snapshot_;
  ReadinessFn kafka_ready_;
  ApiKeyStore keys_;
  GatewayCache cache_;
  EventPublisher* publisher_ = nullptr;
  std::vector<std::pair<std::string, std::string>> routes_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// JSON error body used by every route: {"error":{"status":N,"message":"..."}}.
std::string error_body(int status, const std::string& message);

}  // namespace passerelle::host
