// The host's configuration: one YAML file (config/passerelle.yaml), checked as a whole so that
// a broken config is reported in full and never half-starts the host.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "passerelle/sdk/model_json.hpp"
#include "yaml_document.hpp"

namespace passerelle::host {

struct AdapterConfig {
  std::string id;           // insurerId, lowercase
  std::string plugin;       // plugin name, e.g. "saa", "generic-rest"
  std::string library;      // absolute path of libpasserelle_<plugin>.so
  bool enabled = true;
  nlohmann::json settings = nlohmann::json::object();  // ${VAR} substituted
  // Where this entry was written, for messages: the document it came from and its path there.
  std::shared_ptr<const YamlDocument> document;
  std::string path;  // "adapters[1]"
  std::string place(const std::string& sub = "") const {
    const std::string full = sub.empty() ? path : path.empty() ? sub : path + "." + sub;
    return document ? document->place(full) : full;
  }
};

struct TopicsConfig {
  std::string constat_created = "constat.created";
  std::string constat_updated = "constat.updated";
  std::string vehicle_verified = "vehicle.verified";
  std::string dead_letter = "passerelle.dlq";
};

struct KafkaConfig {
  std::string bootstrap_servers = "embedded";  // "embedded" = librdkafka's mock cluster, for trying things out
  std::string group_id = "passerelle";
  std::map<std::string, std::string> properties;           // passed through to every librdkafka client
  std::map<std::string, std::string> consumer_properties;  // on top of `properties`, consumers only
  std::map<std::string, std::string> producer_properties;  // on top of `properties`, producers only

  // What a consumer or a producer gets: the shared properties, then its own.
  std::map<std::string, std::string> for_consumer() const {
    auto p = properties;
    for (const auto& [k, v] : consumer_properties) p[k] = v;
    return p;
  }
  std::map<std::string, std::string> for_producer() const {
    auto p = properties;
    for (const auto& [k, v] : producer_properties) p[k] = v;
    return p;
  }
  TopicsConfig topics;
};

struct ApiKeyConfig {
  std::string name;
  std::string sha256;  // lowercase hex of the key; the key itself never appears in config
  std::vector<std::string> scopes;
};

struct HttpConfig {
  std::string listen = "127.0.0.1:8080";  // "" or "off" disables the HTTP surface
  int threads = 8;
  int max_body_bytes = 1 << 20;
  int request_timeout_ms = 10000;
  bool metrics_require_key = false;
  int gateway_cache_ttl_ms = 60000;  // a gateway answer may be served this old while the insurer is down; 0: never
  // One breaker per insurer endpoint (DESIGN.md): see circuit_breaker.hpp.
  int breaker_window = 20;
  int breaker_min_calls = 10;
  int breaker_failure_rate_percent = 50;
  int breaker_open_ms = 5000;
  int breaker_half_open_probes = 2;
  std::vector<ApiKeyConfig> api_keys;
  int client_connect_timeout_ms = 2000;
  int client_read_timeout_ms = 5000;
};

struct RoutingConfig {
  int workers = 4;                   // threads running adapter calls and deliveries
  int dedup_window = 100000;         // event ids remembered per route to drop duplicates
  int shutdown_timeout_ms = 20000;   // drain time on SIGTERM before in-flight work is handed back
  int max_in_flight = 10000;         // records consumed but not yet done; polling pauses above
  int initial_backoff_ms = 100;
  int max_backoff_ms = 5000;
  int max_attempts = 5;              // per record and route, the first attempt included
};

struct HostConfig {
  std::string file;
  std::string instance = "passerelle";
  std::string log_level = "info";
  std::vector<std::string> plugin_directories;  // absolute; libraries load only from these
  KafkaConfig kafka;
  HttpConfig http;
  RoutingConfig routing;
  sdk::ValidationOptions validation;
  std::vector<AdapterConfig> adapters;
};

struct ConfigLoadResult {
  std::optional<HostConfig> config;  // set only when `problems` is empty
  std::vector<ConfigProblem> problems;
};

// Reads and checks the file: structure, types, unknown keys, ${VAR}s, duplicate adapter ids,
// plugin libraries present in an allowed directory. Plugin settings are checked later, against
// what each plugin declares (see adapter_set.hpp).
ConfigLoadResult load_config(const std::string& file, const EnvLookup& env = process_environment());

}  // namespace passerelle::host
