// A HostContext for tests: records log lines and counters, answers HTTP GETs from a script.
// Used by unit tests of adapters linked statically; integration tests use the real host.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "passerelle/sdk/host_context.hpp"

namespace passerelle::testing {

struct RecordedLog {
  sdk::LogLevel level;
  std::string message;
  sdk::LogFields fields;
};

struct RecordedRequest {
  std::string path;
  sdk::Headers headers;
};

class ScriptedHttpClient : public sdk::HttpClient {
 public:
  using Handler = std::function<sdk::HttpResponse(const std::string& path, const sdk::Headers& headers)>;
  void set_handler(Handler h) { handler_ = std::move(h); }
  sdk::HttpResponse get(const std::string& path, const sdk::Headers& headers) override;
  std::vector<RecordedRequest> requests;

 private:
  Handler handler_;
};

class TestContext : public sdk::HostContext {
 public:
  explicit TestContext(std::string adapter_id) : id_(std::move(adapter_id)) {}
  void log(sdk::LogLevel level, const std::string& message, const sdk::LogFields& fields) override;
  sdk::HttpClient& http() override { return http_; }
  std::chrono::system_clock::time_point now() override { return now_; }
  std::string new_event_id() override;
  void count(const std::string& name, double delta) override;
  const std::string& adapter_id() const override { return id_; }

  ScriptedHttpClient& scripted_http() { return http_; }
  void set_now(std::chrono::system_clock::time_point t) { now_ = t; }
  std::vector<RecordedLog> logs;
  std::map<std::string, double> counters;

 private:
  std::string id_;
  ScriptedHttpClient http_;
  std::chrono::system_clock::time_point now_ = std::chrono::system_clock::time_point{} + std::chrono::seconds(1795000000);
  int next_id_ = 0;
  std::mutex mu_;
};

}  // namespace passerelle::testing
