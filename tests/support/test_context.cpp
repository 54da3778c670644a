#include "test_context.hpp"

#include <cstdio>

namespace passerelle::testing {

sdk::HttpResponse ScriptedHttpClient::get(const std::string& path, const sdk::Headers& headers) {
  requests.push_back({path, headers});
  if (!handler_) return {0, {}, "", "no scripted handler"};
  return handler_(path, headers);
}

void TestContext::log(sdk::LogLevel level, const std::string& message, const sdk::LogFields& fields) {
  std::lock_guard<std::mutex> lock(mu_);
  logs.push_back({level, message, fields});
}

std::string TestContext::new_event_id() {
  std::lock_guard<std::mutex> lock(mu_);
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", ++next_id_);
  return buf;
}

void TestContext::count(const std::string& name, double delta) {
  std::lock_guard<std::mutex> lock(mu_);
  counters[name] += delta;
}

}  // namespace passerelle::testing
