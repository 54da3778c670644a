#include "http_server.hpp"

#include <httplib.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <set>
#include <stdexcept>

#include "dead_letter_reader.hpp"
#include "inbound_event.hpp"
#include "json_guard.hpp"
#include "passerelle/sdk/personal_data.hpp"
#include "log.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/datetime.hpp"
#include "passerelle/sdk/version.hpp"
#include "version.hpp"

namespace passerelle::host {
namespace {

constexpr const char* kJson = "application/json";
thread_local std::chrono::steady_clock::time_point request_started;
thread_local std::string current_route;  // the OpenAPI path of the request being served

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

bool key_in_query(const httplib::Request& req) {
  for (const auto& [k, v] : req.params) {
    std::string lower;
    for (char c : k) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "api_key" || lower == "apikey" || lower == "key" || lower == "x-api-key" || lower == "token")
      return true;
  }
  return false;
}

std::string labels_route(const std::string& route, int status) {
  return "route=\"" + route + "\",status=\"" + std::to_string(status) + "\"";
}

}  // namespace

std::string error_body(int status, const std::string& message) {
  return nlohmann::json{{"error", {{"status", status}, {"message", message}}}}.dump();
}

HttpServer::HttpServer(const HttpConfig& config, Metrics& metrics, SnapshotFn snapshot, ReadinessFn kafka_ready)
    : config_(config),
      metrics_(metrics),
      snapshot_(std::move(snapshot)),
      kafka_ready_(std::move(kafka_ready)),
      keys_([&] {
        std::vector<ApiKey> keys;
        for (const auto& k : config.api_keys) keys.push_back({k.name, k.sha256, k.scopes});
        return keys;
      }()),
      cache_(std::chrono::milliseconds(config.gateway_cache_ttl_ms), 10000),
      server_(std::make_unique<httplib::Server>()) {
  register_routes();
}

HttpServer::~HttpServer() { stop(); }

bool HttpServer::authorize(const httplib::Request& req, httplib::Response& res, const std::string& scope) {
  std::optional<std::string> presented;
  if (req.has_header("X-API-Key")) presented = req.get_header_value("X-API-Key");
  const auto r = keys_.check(presented, key_in_query(req), scope);
  if (r.outcome == AuthOutcome::allowed) return true;
  res.status = r.http_status();
  if (res.status == 401) res.set_header("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
  res.set_content(error_body(res.status, r.message()), kJson);
  metrics_.add("passerelle_http_auth_refused_total", "reason=\"" + std::to_string(res.status) + "\"", 1);
  return false;
}

void HttpServer::route(const std::string& method, const std::string& path,
                       std::function<void(const httplib::Request&, httplib::Response&)> handler) {
  routes_.push_back({method, path});
  // "/v1/insurers/{id}" -> "/v1/insurers/([^/]+)": the OpenAPI path is the one source of truth.
  // The last parameter takes the rest of the path: httplib has decoded it already, so a policy
  // number sent as 16%2F2026%2F0045871 arrives here as 16/2026/0045871.
  std::string pattern = std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "([^/]+)");
  if (const auto last = pattern.rfind("([^/]+)"); last != std::string::npos && last + 7 == pattern.size())
    pattern.replace(last, 7, "(.+)");
  auto wrapped = [path, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    current_route = path;
    handler(req, res);
  };
  if (method == "GET") server_->Get(pattern, wrapped);
  else server_->Post(pattern, wrapped);
}

void HttpServer::register_routes() {
  route("GET", "/health", [](const httplib::Request&, httplib::Response& res) { send_json(res, 200, {{"status", "ok"}}); });

  route("GET", "/ready", [this](const httplib::Request&, httplib::Response& res) {
    const auto snap = snapshot_();
    std::string reason;
    if (!snap.adapters) reason = "adapters are not loaded";
    if (reason.empty()) reason = kafka_ready_ ? kafka_ready_() : "";
    if (reason.empty()) send_json(res, 200, {{"status", "ready"}});
    else send_json(res, 503, {{"status", "not ready"}, {"reason", reason}});
  });

  route("GET", "/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    if (config_.metrics_require_key && !authorize(req, res, "metrics")) return;
    std::string text = metrics_.prometheus_text();
    text += "# TYPE passerelle_build_info gauge\npasserelle_build_info{version=\"" PASSERELLE_HOST_VERSION
            "\",sdk=\"" PASSERELLE_SDK_VERSION "\"} 1\n";
    const auto snap = snapshot_();
    if (snap.adapters) {
      text += "# TYPE passerelle_adapter_up gauge\n";
      for (const auto& a : snap.adapters->adapters())
        text += "passerelle_adapter_up{adapter=\"" + a->id() + "\",plugin=\"" + a->plugin().name() + "\"} " +
                (a->state() == "running" ? "1" : "0") + "\n";
      // 0 closed, 1 open, 2 half-open: an alert on "== 1 for 5m" catches an insurer outage.
      text += "# TYPE passerelle_circuit_state gauge\n";
      for (const auto& a : snap.adapters->adapters()) {
        const auto st = a->context().insurer_http().breaker().state();
        text += "passerelle_circuit_state{adapter=\"" + a->id() + "\",state=\"" + to_string(st) + "\"} " +
                std::to_string(static_cast<int>(st)) + "\n";
      }
    }
    res.set_content(text, "text/plain; version=0.0.4; charset=utf-8");
  });

  route("GET", "/v1/status", [this](const httplib::Request& req, httplib::Response& res) {
    if (!authorize(req, res, "admin")) return;
    const auto snap = snapshot_();
    const auto up = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
    send_json(res, 200,
              {{"version", PASSERELLE_HOST_VERSION},
               {"sdk", PASSERELLE_SDK_VERSION},
               {"abi", std::to_string(PASSERELLE_ABI_MAJOR) + "." + std::to_string(PASSERELLE_ABI_MINOR)},
               {"instance", snap.config ? snap.config->instance : ""},
               {"kafka_bootstrap", snap.kafka_bootstrap},
               {"embedded_kafka", snap.config && snap.config->kafka.bootstrap_servers == "embedded"},
               {"uptime_seconds", up.count()},
               {"adapters", snap.adapters ? snap.adapters->adapters().size() : 0}});
  });

  route("GET", "/v1/adapters", [this](const httplib::Request& req, httplib::Response& res) {
    if (!authorize(req, res, "admin")) return;
    const auto snap = snapshot_();
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& a : snap.adapters->adapters()) {
      nlohmann::json counters = nlohmann::json::object();
      for (const char* dir : {"outbound", "inbound"}) {
        nlohmann::json c = nlohmann::json::object();
        for (const char* o : {"in", "delivered", "dead_lettered", "filtered"}) {
          c[o] = metrics_.value(std::string("passerelle_records_") + o + "_total",
                                "adapter=\"" + a->id() + "\",direction=\"" + dir + "\"");
        }
        counters[dir] = c;
      }
      rows.push_back({{"id", a->id()},
                      {"plugin", a->plugin().name()},
                      {"version", a->plugin().version()},
                      {"state", a->state()},
                      {"subscriptions", a->subscriptions()},
                      {"counters", counters}});
    }
    send_json(res, 200, rows);
  });

  route("GET", "/v1/dlq", [this](const httplib::Request& req, httplib::Response& res) { dlq_list(req, res); });
  route("POST", "/v1/dlq/replay", [this](const httplib::Request& req, httplib::Response& res) { dlq_replay(req, res); });
  route("POST", "/v1/inbound/{id}", [this](const httplib::Request& req, httplib::Response& res) { inbound(req, res); });

  route("GET", "/v1/insurers/{id}/vehicles/{registration}",
        [this](const httplib::Request& req, httplib::Response& res) { gateway(req, res, 0); });
  route("GET", "/v1/insurers/{id}/policies/{policyNumber}",
        [this](const httplib::Request& req, httplib::Response& res) { gateway(req, res, 1); });
  route("GET", "/v1/insurers/{id}/constats/{constatId}",
        [this](const httplib::Request& req, httplib::Response& res) { gateway(req, res, 2); });
}

void HttpServer::gateway(const httplib::Request& req, httplib::Response& res, int kind) {
  if (!authorize(req, res, "gateway")) return;
  const auto snap = snapshot_();
  const std::string id = req.matches[1];
  const std::string key = req.matches[2];
  AdapterInstance* a = snap.adapters ? snap.adapters->find(id) : nullptr;
  if (!a) {
    res.status = 404;
    res.set_content(error_body(404, "no enabled adapter for insurer \"" + id + "\""), kJson);
    return;
  }
  sdk::GatewayQuery q;
  q.kind = kind == 0 ? sdk::GatewayQuery::Kind::vehicle
           : kind == 1 ? sdk::GatewayQuery::Kind::policy
                       : sdk::GatewayQuery::Kind::constat;
  q.key = key;
  for (const auto& [k, v] : req.params) q.params[k] = v;
  // One name for the platform, whichever an adapter reads.
  for (const char* name : {"registrationCountry", "country"}) {
    if (q.params.count(name)) {
      q.params["registrationCountry"] = q.params["country"] = q.params[name];
      break;
    }
  }
  q.correlation_id = req.has_header("X-Correlation-Id") ? req.get_header_value("X-Correlation-Id") : "";
  if (q.kind == sdk::GatewayQuery::Kind::vehicle) {
    if (!q.params.count("asOf")) {
      res.status = 400;
      res.set_content(error_body(400, "asOf=YYYY-MM-DD is required"), kJson);
      return;
    }
    if (!sdk::parse_date(q.params["asOf"])) {
      res.status = 400;
      res.set_content(error_body(400, "asOf must be a date YYYY-MM-DD"), kJson);
      return;
    }
  }
  std::string cache_key = id + "|" + std::to_string(kind) + "|" + key;
  for (const auto& [k, v] : q.params) cache_key += "|" + k + "=" + v;
  auto result = a->query(q);
  if (!result.ok()) {
    const auto& st = result.status();
    if (st.code == sdk::StatusCode::retry) {
      // The insurer cannot answer now (down, slow, breaker open): a fresh-enough answer is better than none.
      if (auto hit = cache_.get(cache_key)) {
        res.set_header("X-Passerelle-Cache", "hit; age-ms=" + std::to_string(hit->age.count()));
        res.set_header("Age", std::to_string(hit->age.count() / 1000));
        send_json(res, 200, hit->answer);
        return;
      }
      res.set_header("Retry-After", std::to_string(std::max<long long>(
                                        1, (a->context().insurer_http().breaker().retry_in().count() + 999) / 1000)));
    }
    res.status = st.code == sdk::StatusCode::retry ? 503 : st.code == sdk::StatusCode::not_found ? 404 : 502;
    res.set_content(error_body(res.status, "insurer " + id + ": " + st.message), kJson);
    return;
  }
  // The answer is canonical or it is not an answer: check it before the platform sees it.
  sdk::ValidationErrors errors;
  if (q.kind == sdk::GatewayQuery::Kind::vehicle)
    sdk::parse_vehicle_verification(result.value(), errors, "data", snap.config->validation);
  else if (q.kind == sdk::GatewayQuery::Kind::constat)
    sdk::parse_constat(result.value(), errors, "data", snap.config->validation);
  if (!errors.empty()) {
    res.status = 502;
    res.set_content(error_body(502, "insurer " + id + " answered something that is not canonical: " + errors.summary()),
                    kJson);
    return;
  }
  cache_.put(cache_key, result.value());
  send_json(res, 200, result.value());
}

void HttpServer::dead_letter_body(const HostSnapshot& snap, const std::string& adapter, const httplib::Request& req,
                                  const std::string& stage, const std::string& error_class,
                                  const std::string& message) {
  if (!publisher_) return;
  sdk::KafkaRecord r;
  r.topic = snap.config->kafka.topics.dead_letter;
  r.value = req.body;
  r.headers = {{"passerelle.origin", snap.config->kafka.group_id},
               {"passerelle.error.class", error_class},
               {"passerelle.error.message", message.substr(0, 2000)},
               {"passerelle.error.stage", stage},
               {"passerelle.error.adapter", adapter},
               {"passerelle.error.topic", "http:" + req.path},
               {"passerelle.error.partition", "-1"},
               {"passerelle.error.offset", "-1"},
               {"passerelle.error.attempts", "1"}};
  std::string error;
  if (publisher_->publish({r}, std::chrono::milliseconds(config_.request_timeout_ms), error))
    metrics_.add("passerelle_records_dead_lettered_total", "adapter=\"" + adapter + "\",direction=\"inbound\"", 1);
  else
    log::error("http", "could not dead-letter a webhook body: " + error, {{"adapter", adapter}});
}

void HttpServer::inbound(const httplib::Request& req, httplib::Response& res) {
  const std::string id = req.matches[1];
  if (!authorize(req, res, "inbound:" + id)) return;
  const auto snap = snapshot_();
  AdapterInstance* a = snap.adapters ? snap.adapters->find(id) : nullptr;
  if (!a) {
    res.status = 404;
    res.set_content(error_body(404, "no enabled adapter for insurer \"" + id + "\""), kJson);
    return;
  }
  if (!publisher_) {
    res.status = 503;
    res.set_content(error_body(503, "the host is not connected to Kafka"), kJson);
    return;
  }
  const std::string labels = "adapter=\"" + id + "\",direction=\"inbound\"";
  metrics_.add("passerelle_records_in_total", labels, 1);
  auto reject = [&](int status, const std::string& stage, const std::string& cls, const std::string& message) {
    dead_letter_body(snap, id, req, stage, cls, message);
    res.status = status;
    res.set_content(error_body(status, message), kJson);
  };
  if (auto bad = check_json_text(req.body)) return reject(400, "deserialize", "JsonParseError", "the body is " + *bad);
  sdk::HttpCall call;
  call.method = req.method;
  call.path = req.path;
  call.body = req.body;
  for (const auto& [k, v] : req.headers)
    if (k != "X-API-Key") call.headers[k] = v;  // the key never reaches an adapter
  auto result = a->to_canonical(call);
  if (!result.ok()) {
    const auto& st = result.status();
    if (st.code == sdk::StatusCode::retry) {
      metrics_.add("passerelle_records_in_total", labels, -1);  // not taken: the sender retries
      res.status = 503;
      res.set_content(error_body(503, st.message), kJson);
      return;
    }
    return reject(422, "map", sdk::to_string(st.code), st.message);
  }
  std::vector<sdk::KafkaRecord> records;
  nlohmann::json ids = nlohmann::json::array();
  for (auto& e : result.value()) {
    sdk::ValidationErrors errors;
    auto checked = finish_inbound_event(std::move(e), id, *snap.config, errors);
    if (!checked)
      return reject(422, "validate", "ValidationError", "adapter produced an invalid canonical event: " + errors.summary());
    ids.push_back(checked->event.id);
    records.push_back(std::move(checked->record));
  }
  if (records.empty()) {
    metrics_.add("passerelle_records_filtered_total", labels, 1);
    send_json(res, 202, {{"accepted", ids}});
    return;
  }
  std::string error;
  if (!publisher_->publish(records, std::chrono::milliseconds(config_.request_timeout_ms), error)) {
    metrics_.add("passerelle_records_in_total", labels, -1);  // not taken: the sender retries
    res.status = 503;
    res.set_content(error_body(503, "not accepted: " + error), kJson);
    return;
  }
  metrics_.add("passerelle_records_delivered_total", labels, 1);
  send_json(res, 202, {{"accepted", ids}});
}

namespace {

// Operators see the shape of a dead letter, not the people in it: canonical events go through
// the SDK's redaction; anything else (an insurer's own format) has every string value masked.
nlohmann::json redacted_value(const std::string& value) {
  if (check_json_text(value)) return "<" + std::to_string(value.size()) + " bytes, not shown: not valid JSON>";
  auto j = nlohmann::json::parse(value, nullptr, false);
  if (j.is_discarded()) return "<" + std::to_string(value.size()) + " bytes, not valid JSON>";
  if (j.is_object() && j.contains("specversion")) return sdk::redact(j);
  std::function<void(nlohmann::json&)> mask = [&](nlohmann::json& v) {
    if (v.is_string()) v = "***";
    else if (v.is_structured())
      for (auto& e : v) mask(e);
  };
  mask(j);
  return j;
}

std::string redacted_key(const std::string& key) {
  // Vehicle subjects ("DZ:12345-116-16") carry a plate.
  return key.size() > 3 && key[2] == ':' ? key.substr(0, 3) + "***" : key;
}

}  // namespace

void HttpServer::dlq_list(const httplib::Request& req, httplib::Response& res) {
  if (!authorize(req, res, "admin")) return;
  const auto snap = snapshot_();
  DeadLetterQuery q;
  if (req.has_param("limit")) q.limit = static_cast<std::size_t>(std::clamp(std::atol(req.get_param_value("limit").c_str()), 1L, 1000L));
  try {
    DeadLetterReader reader(snap.kafka_bootstrap, snap.config->kafka.for_consumer(), snap.config->kafka.topics.dead_letter);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : reader.read(q, std::chrono::milliseconds(config_.request_timeout_ms / 2))) {
      rows.push_back({{"partition", r.partition},
                      {"offset", r.offset},
                      {"timestamp_ms", r.timestamp_ms},
                      {"key", redacted_key(r.key)},
                      {"headers", r.headers},
                      {"value", redacted_value(r.value)}});
    }
    send_json(res, 200, {{"topic", snap.config->kafka.topics.dead_letter}, {"records", rows}});
  } catch (const std::exception& e) {
    res.status = 503;
    res.set_content(error_body(503, e.what()), kJson);
  }
}

void HttpServer::dlq_replay(const httplib::Request& req, httplib::Response& res) {
  if (!authorize(req, res, "admin")) return;
  const auto snap = snapshot_();
  if (auto bad = check_json_text(req.body)) {
    res.status = 400;
    res.set_content(error_body(400, "the body is " + *bad), kJson);
    return;
  }
  const auto body = nlohmann::json::parse(req.body, nullptr, false);
  DeadLetterQuery q;
  std::set<std::string> ids;
  if (body.is_object() && body.contains("event_ids") && body["event_ids"].is_array()) {
    for (const auto& id : body["event_ids"])
      if (id.is_string()) ids.insert(id.get<std::string>());
    q.limit = 100000;  // scan the recent dead letters for them
  } else if (body.is_object() && body.contains("partition") && body["partition"].is_number_integer() &&
             body.contains("from_offset") && body["from_offset"].is_number_integer()) {
    q.partition = body["partition"].get<std::int32_t>();
    q.from_offset = body["from_offset"].get<std::int64_t>();
    q.to_offset = body.value("to_offset", *q.from_offset);
  } else {
    res.status = 400;
    res.set_content(error_body(400, "give {\"event_ids\": [...]} or {\"partition\": P, \"from_offset\": A, \"to_offset\": B}"), kJson);
    return;
  }
  if (!publisher_) {
    res.status = 503;
    res.set_content(error_body(503, "the host is not connected to Kafka"), kJson);
    return;
  }
  try {
    DeadLetterReader reader(snap.kafka_bootstrap, snap.config->kafka.for_consumer(), snap.config->kafka.topics.dead_letter);
    const auto records = reader.read(q, std::chrono::milliseconds(config_.request_timeout_ms / 2));
    std::vector<sdk::KafkaRecord> out;
    nlohmann::json replayed = nlohmann::json::array(), skipped = nlohmann::json::array();
    for (const auto& r : records) {
      std::string event_id;
      auto v = nlohmann::json::parse(r.value, nullptr, false);
      if (v.is_object() && v.contains("id") && v["id"].is_string()) event_id = v["id"];
      if (auto h = r.headers.find("passerelle.event_id"); event_id.empty() && h != r.headers.end()) event_id = h->second;
      if (!ids.empty() && !ids.count(event_id)) continue;
      const auto topic = r.headers.count("passerelle.error.topic") ? r.headers.at("passerelle.error.topic") : "";
      nlohmann::json where = {{"partition", r.partition}, {"offset", r.offset}, {"topic", topic}, {"event_id", event_id}};
      if (topic.empty() || topic.rfind("http:", 0) == 0) {
        where["reason"] = topic.empty() ? "no passerelle.error.topic header" : "a webhook body: the sender re-posts it";
        skipped.push_back(where);
        continue;
      }
      sdk::KafkaRecord k{topic, r.key, {}, r.value};
      for (const auto& [name, value] : r.headers)
        if (name.rfind("passerelle.", 0) != 0) k.headers[name] = value;
      k.headers["passerelle.replay.of"] = "dlq:" + std::to_string(r.partition) + ":" + std::to_string(r.offset);
      if (r.headers.count("passerelle.error.adapter")) k.headers["passerelle.replay.adapter"] = r.headers.at("passerelle.error.adapter");
      out.push_back(std::move(k));
      replayed.push_back(where);
    }
    std::string error;
    if (!out.empty() && !publisher_->publish(out, std::chrono::milliseconds(config_.request_timeout_ms / 2), error)) {
      res.status = 503;
      res.set_content(error_body(503, "replay not acknowledged: " + error), kJson);
      return;
    }
    log::info("http", "dead letters replayed", {{"count", std::to_string(out.size())}});
    send_json(res, 200, {{"replayed", replayed}, {"skipped", skipped}});
  } catch (const std::exception& e) {
    res.status = 503;
    res.set_content(error_body(503, e.what()), kJson);
  }
}

void HttpServer::start() {
  const auto colon = config_.listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("http.listen must be host:port (got " + config_.listen + ")");
  std::string host = config_.listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const int port = std::atoi(config_.listen.c_str() + colon + 1);
  const std::size_t threads = static_cast<std::size_t>(config_.threads);
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_payload_max_length(static_cast<std::size_t>(config_.max_body_bytes));
  const auto timeout = std::chrono::milliseconds(config_.request_timeout_ms);
  server_->set_read_timeout(timeout);
  server_->set_write_timeout(timeout);
  // Durations: httplib runs pre-routing, the handler and the logger of one request on one worker
  // thread, so a thread-local start time is that request's.
  server_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = std::chrono::steady_clock::now();
    current_route = "(unmatched)";
    return httplib::Server::HandlerResponse::Unhandled;
  });
  server_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    // The path may hold a plate or a policy number: log the route pattern, never the path.
    const std::string& route = current_route;
    metrics_.add("passerelle_http_requests_total", labels_route(route, res.status), 1);
    metrics_.observe("passerelle_http_request_duration_seconds", "route=\"" + route + "\"",
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - request_started).count());
    log::write(res.status >= 500 ? sdk::LogLevel::warn : sdk::LogLevel::debug, "http", "", "request",
               {{"method", req.method}, {"route", route}, {"status", std::to_string(res.status)}});
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "internal error";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    res.status = 500;
    res.set_content(error_body(500, what), kJson);
  });
  if (port != 0) {
    // httplib binds with SO_REUSEPORT: a second host on the same port would silently share it.
    // A plain bind first tells an operator the port is taken.
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* ai = nullptr;
    if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &ai) == 0 && ai) {
      const int fd = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
      int yes = 1;
      ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      const bool taken = fd >= 0 && ::bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno == EADDRINUSE;
      if (fd >= 0) ::close(fd);
      freeaddrinfo(ai);
      if (taken) throw std::runtime_error("cannot listen on " + config_.listen + ": the address is already in use");
    }
  }
  port_ = port == 0 ? server_->bind_to_any_port(host) : (server_->bind_to_port(host, port) ? port : -1);
  if (port_ <= 0) throw std::runtime_error("cannot listen on " + config_.listen + " (address in use or not local?)");
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  log::info("http", "listening", {{"address", host + ":" + std::to_string(port_)}});
}

void HttpServer::stop() {
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace passerelle::host
