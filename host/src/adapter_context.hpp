// The HostContext one adapter instance receives: its log lines carry "[plugin:id]" identity,
// its HTTP client points at its insurer, its counters are labelled with its id.
#pragma once

#include <memory>
#include <random>
#include <string>

#include "insurer_http_client.hpp"
#include "metrics.hpp"
#include "passerelle/sdk/host_context.hpp"

namespace passerelle::host {

class AdapterContext : public sdk::HostContext {
 public:
  AdapterContext(std::string adapter_id, std::string plugin, HttpClientOptions http, Metrics& metrics,
                 sdk::ValidationOptions validation = {});
  void log(sdk::LogLevel level, const std::string& message, const sdk::LogFields& fields) override;
  sdk::HttpClient& http() override { return http_; }
  std::chrono::system_clock::time_point now() override { return std::chrono::system_clock::now(); }
  std::string new_event_id() override;
  void count(const std::string& name, double delta) override;
  const std::string& adapter_id() const override { return id_; }
  const sdk::ValidationOptions& validation_options() const override { return validation_; }

  InsurerHttpClient& insurer_http() { return http_; }

 private:
  std::string id_;
  std::string plugin_;
  std::string component_;
  InsurerHttpClient http_;
  Metrics& metrics_;
  sdk::ValidationOptions validation_;
};

// A random (version 4) UUID.
std::string random_uuid();

}  // namespace passerelle::host
