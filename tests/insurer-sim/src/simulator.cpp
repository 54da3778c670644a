#include "simulator.hpp"

#include <httplib.h>

#include <strings.h>
#include <cstdio>

#include "world.hpp"

namespace passerelle::sim {
namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kJson = "application/json; charset=utf-8";
constexpr int kWorkerThreads = 8;

std::mutex g_log_mu;

std::string dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

void write_reply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
  res.set_content(dump(reply.body), kJson);
}

void send(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(dump(body), kJson);
}

bool success(int status) { return status >= 200 && status < 300; }

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Registers a handler. For methods with a body it goes through httplib's content-reader form:
// httplib 0.11 otherwise waits for its read timeout and answers 400 when a POST carries neither
// Content-Length nor Transfer-Encoding (curl -X POST without -d), where RFC 9112 says the body
// is empty.
void on(httplib::Server& s, const std::string& method, const std::string& pattern, Handler h) {
  if (method == "GET") {
    s.Get(pattern, std::move(h));
    return;
  }
  auto with_body = [h = std::move(h)](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
    httplib::Request copy = req;
    copy.body.clear();
    if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
      reader([&copy](const char* data, std::size_t n) {
        copy.body.append(data, n);
        return true;
      });
    }
    h(copy, res);
  };
  if (method == "POST")
    s.Post(pattern, with_body);
  else if (method == "PUT")
    s.Put(pattern, with_body);
  else if (method == "PATCH")
    s.Patch(pattern, with_body);
  else if (method == "DELETE")
    s.Delete(pattern, with_body);
}

std::optional<std::string> param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

}  // namespace

void log_line(Json fields) {
  nlohmann::ordered_json line;
  line["time"] = utc_rfc3339_millis(std::chrono::system_clock::now());
  for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = *it;
  const std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  std::lock_guard lock(g_log_mu);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

Simulator::Simulator(Options options, const Json& world) : options_(std::move(options)) {
  for (Insurer ins : kInsurers) {
    auto st = std::make_unique<InsurerState>();
    const std::string name = name_of(ins);
    st->world = complete_section(ins, world.contains(name) ? world[name] : Json::object());
    baseline_[name] = st->world;
    states_.push_back(std::move(st));
    auto l = std::make_unique<Listener>();
    l->insurer = ins;
    listeners_.push_back(std::move(l));
  }
}

Simulator::~Simulator() { shutdown(); }

// ------------------------------------------------------------------------------ listeners

std::unique_ptr<httplib::Server> Simulator::make_server(std::optional<Insurer> own) {
  auto s = std::make_unique<httplib::Server>();
  s->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
  s->set_keep_alive_timeout(1);
  s->set_read_timeout(5);
  s->set_write_timeout(5);
  s->set_payload_max_length(8 * 1024 * 1024);
  // httplib's default is SO_REUSEPORT, which lets a second process share the port silently:
  // SO_REUSEADDR only, so "port in use" is an error and an outage really empties the port.
  s->set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
  });
  s->set_exception_handler([own](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    log_line({{"level", "error"},
              {"insurer", own ? name_of(*own) : "admin"},
              {"method", req.method},
              {"msg", "handler failed"},
              {"error", what}});
    send(res, 500, {{"error", "simulator bug"}, {"message", what}});
  });
  register_admin(*s, own);
  if (own) register_api(*s, *own);
  register_fallback(*s, own);
  return s;
}

bool Simulator::start_http(Listener& l, int port, std::string& error) {
  auto srv = make_server(l.insurer);
  const int bound =
      port == 0 ? srv->bind_to_any_port(options_.listen) : (srv->bind_to_port(options_.listen, port) ? port : -1);
  if (bound <= 0) {
    error = "cannot listen on " + options_.listen + ":" + std::to_string(port) + " for " +
            (l.insurer ? name_of(*l.insurer) : "the control port") + " (port in use?)";
    return false;
  }
  l.port = bound;
  httplib::Server* raw = srv.get();
  l.thread = std::thread([raw] { raw->listen_after_bind(); });
  // stop() is a no-op until the loop runs: wait for it, so an outage right after start works.
  const auto until = Clock::now() + std::chrono::seconds(5);
  while (!raw->is_running() && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  l.http = std::move(srv);
  l.actual = OutageMode::none;
  return true;
}

bool Simulator::start(std::string& error) {
  for (Insurer ins : kInsurers)
    if (!start_http(listener(ins), options_.ports.at(ins), error)) return false;
  if (!start_http(admin_, options_.admin_port, error)) return false;
  const auto now = Clock::now();
  for (const auto& f : options_.faults) {
    for (Insurer ins : f.insurers) {
      std::lock_guard lock(state(ins).mu);
      state(ins).faults.apply(f.patch, now);  // checked when the flags were parsed
    }
  }
  tick();
  Json started = {{"msg", "started"}, {"listen", options_.listen}, {"ports", ports()}};
  log_line(started);
  return true;
}

Json Simulator::ports() const {
  Json j = nlohmann::json::object();
  for (const auto& l : listeners_) j[name_of(*l->insurer)] = l->port;
  j["admin"] = admin_.port;
  return j;
}

void Simulator::tick() {
  std::uint64_t gen;
  {
    std::lock_guard lock(applied_mu_);
    gen = requested_gen_;
  }
  for (Insurer ins : kInsurers) {
    Listener& l = listener(ins);
    OutageMode desired;
    {
      std::lock_guard lock(state(ins).mu);
      desired = state(ins).faults.outage(Clock::now());
    }
    {
      std::lock_guard lock(stop_mu_);
      if (stopping_) return;
    }
    if (desired == l.actual) continue;
    // Leave the current mode. The old server's thread is joined after the admin request that
    // asked for this (it runs on that very server) has been told it is done.
    if (l.actual == OutageMode::none && l.http) {
      l.http->stop();
      retired_.emplace_back(std::move(l.http), std::move(l.thread));
    }
    if (l.drop) {
      l.drop->stop();
      l.drop.reset();
    }
    l.actual = OutageMode::refuse;
    std::string error;
    if (desired == OutageMode::none) {
      if (start_http(l, l.port, error)) l.actual = OutageMode::none;
    } else if (desired == OutageMode::drop) {
      InsurerState* st = &state(ins);
      l.drop = DropListener::start(
          options_.listen, l.port, [st] { ++st->dropped_connections; }, error);
      if (l.drop) l.actual = OutageMode::drop;
    }
    if (!error.empty())
      log_line(
          {{"level", "error"}, {"insurer", name_of(ins)}, {"msg", "outage change failed, retrying"}, {"error", error}});
    log_line({{"msg", "outage"}, {"insurer", name_of(ins)}, {"mode", name_of(l.actual)}, {"port", l.port}});
  }
  {
    std::lock_guard lock(applied_mu_);
    applied_gen_ = std::max(applied_gen_, gen);
  }
  applied_cv_.notify_all();
  for (auto& [srv, th] : retired_)
    if (th.joinable()) th.join();
  retired_.clear();
}

void Simulator::wait_outage_applied() {
  std::unique_lock lock(applied_mu_);
  const std::uint64_t gen = ++requested_gen_;
  applied_cv_.wait_for(lock, std::chrono::seconds(5), [&] {
    std::lock_guard stop(stop_mu_);
    return applied_gen_ >= gen || stopping_;
  });
}

void Simulator::shutdown() {
  {
    std::lock_guard lock(stop_mu_);
    if (shut_down_) return;
    shut_down_ = true;
    stopping_ = true;
  }
  stop_cv_.notify_all();
  applied_cv_.notify_all();
  std::vector<Listener*> all;
  for (auto& l : listeners_) all.push_back(l.get());
  all.push_back(&admin_);
  for (Listener* l : all)
    if (l->http) l->http->stop();
  for (Listener* l : all) {
    if (l->thread.joinable()) l->thread.join();
    l->http.reset();
    if (l->drop) l->drop->stop();
    l->drop.reset();
  }
  for (auto& [srv, th] : retired_)
    if (th.joinable()) th.join();
  retired_.clear();
}

void Simulator::sleep_ms(int ms) {
  std::unique_lock lock(stop_mu_);
  stop_cv_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return stopping_; });
}

// ------------------------------------------------------------------------------ API routes

bool Simulator::authorized(Insurer ins, const httplib::Request& req) const {
  const std::string& key = options_.api_keys.at(ins);
  switch (ins) {
    case Insurer::saa:
      return req.has_header("X-API-Key") && req.get_header_value("X-API-Key") == key;
    case Insurer::trust: {
      if (!req.has_header("Authorization")) return false;
      const std::string v = req.get_header_value("Authorization");
      const auto sp = v.find(' ');
      return sp != std::string::npos && strcasecmp(v.substr(0, sp).c_str(), "ApiKey") == 0 && v.substr(sp + 1) == key;
    }
    case Insurer::caar:
      return req.has_header(options_.caar_auth_header.c_str()) &&
             req.get_header_value(options_.caar_auth_header.c_str()) == key;
  }
  return false;
}

Reply Simulator::unauthorized(Insurer ins) const {
  Reply r;
  switch (ins) {
    case Insurer::saa:
      r = error_reply(ins, 401, "clé API absente ou invalide (missing or wrong X-API-Key)");
      r.headers.push_back({"WWW-Authenticate", "ApiKey header=\"X-API-Key\""});
      break;
    case Insurer::trust:
      r = error_reply(ins, 401, "missing or wrong API key (Authorization: ApiKey <key>)");
      r.headers.push_back({"WWW-Authenticate", "ApiKey"});
      break;
    case Insurer::caar:
      r = error_reply(ins, 401, "missing or wrong " + options_.caar_auth_header);
      r.headers.push_back({"WWW-Authenticate", "ApiKey header=\"" + options_.caar_auth_header + "\""});
      break;
  }
  return r;
}

void Simulator::serve(Insurer ins, const std::string& route, bool idempotent, const Handler& fn,
                      const httplib::Request& req, httplib::Response& res) {
  const auto t0 = Clock::now();
  InsurerState& st = state(ins);
  Json extra = Json::object();
  int latency = 0;
  {
    std::lock_guard lock(st.mu);
    latency = st.faults.latency_ms();
    if (latency > 0) ++st.latency_applied;
  }
  if (latency > 0) {
    sleep_ms(latency);
    extra["latency_ms"] = latency;
  }
  Reply reply;
  bool answered = false;
  {
    std::lock_guard lock(st.mu);
    const FaultDecision d = st.faults.next(Clock::now());
    if (d.kind == FaultDecision::Kind::unavailable) {
      ++st.injected_503;
      reply = error_reply(ins, 503, "service temporarily unavailable (simulated)");
      reply.headers.push_back({"Retry-After", d.http_date ? http_date(std::time(nullptr) + d.retry_after_s)
                                                          : std::to_string(d.retry_after_s)});
      extra["fault"] = "unavailable_503";
      answered = true;
    } else if (d.kind == FaultDecision::Kind::error) {
      ++st.injected_500;
      reply = error_reply(ins, 500, "internal error (simulated)");
      extra["fault"] = "error_500";
      answered = true;
    }
  }
  if (!answered && !authorized(ins, req)) {
    std::lock_guard lock(st.mu);
    ++st.auth_rejected;
    reply = unauthorized(ins);
    answered = true;
  }
  if (!answered) {
    std::lock_guard lock(st.mu);
    const std::string key = idempotent ? req.get_header_value("Idempotency-Key") : "";
    const std::size_t body_hash = std::hash<std::string>{}(req.body);
    if (!key.empty()) {
      auto it = st.idem.find(key);
      if (it != st.idem.end()) {
        answered = true;
        if (it->second.method != req.method || it->second.route != route) {
          ++st.idem_conflicts;
          reply = error_reply(ins, 422, "Idempotency-Key already used for another request (" + it->second.route + ")");
          extra["idempotency"] = "conflict";
        } else {
          ++it->second.repeats;
          ++st.idem_repeats;
          if (it->second.body_hash != body_hash) {
            ++it->second.body_mismatches;
            ++st.idem_body_mismatches;
          }
          reply = it->second.reply;
          reply.headers.push_back({"Idempotent-Replayed", "true"});
          extra["idempotency"] = "replayed";
        }
      }
    }
    if (!answered) {
      reply = fn(req, st);
      if (idempotent) {
        if (key.empty()) {
          if (success(reply.status)) ++st.without_key;
          extra["idempotency"] = "no_key";
        } else if (success(reply.status)) {
          st.idem[key] = IdemEntry{req.method, route, body_hash, reply, 0, 0};
          extra["idempotency"] = "applied";
        } else {
          extra["idempotency"] = "not_stored";  // a refused request may be sent again with its key
        }
      }
    }
  }
  {
    std::lock_guard lock(st.mu);
    ++st.requests[route][reply.status];
  }
  write_reply(res, reply);
  Json line = {{"insurer", name_of(ins)},
               {"method", req.method},
               {"route", route},
               {"status", reply.status},
               {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count()}};
  for (auto it = extra.begin(); it != extra.end(); ++it) line[it.key()] = *it;
  log_line(line);
}

void Simulator::api(httplib::Server& s, Insurer ins, const std::string& method, const std::string& pattern,
                    const std::string& route, bool idempotent, Handler fn) {
  const std::string full = method + " " + route;
  auto h = [this, ins, full, idempotent, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
    serve(ins, full, idempotent, fn, req, res);
  };
  on(s, method, pattern, h);
}

void Simulator::register_api(httplib::Server& s, Insurer ins) {
  // Path parameters arrive percent-decoded (httplib), so (.+) also takes "16/2026/0045871".
  switch (ins) {
    case Insurer::saa:
      api(s, ins, "GET", R"(/api/v1/vehicules/(.+)/attestation)", "/api/v1/vehicules/{immatriculation}/attestation",
          false, [](const httplib::Request& req, InsurerState& st) {
            return saa_attestation(st.world, req.matches[1], param(req, "date"), Now{}, ++st.seq);
          });
      api(s, ins, "GET", R"(/api/v1/polices/(.+))", "/api/v1/polices/{numeroPolice}", false,
          [](const httplib::Request& req, InsurerState& st) { return saa_police(st.world, req.matches[1]); });
      api(s, ins, "GET", R"(/api/v1/constats/(.+))", "/api/v1/constats/{numeroConstat}", false,
          [](const httplib::Request& req, InsurerState& st) { return saa_constat(st.world, req.matches[1]); });
      break;
    case Insurer::trust:
      api(s, ins, "GET", R"(/v2/vehicles/(.+)/coverage)", "/v2/vehicles/{plate}/coverage", false,
          [](const httplib::Request& req, InsurerState& st) {
            return trust_coverage(st.world, req.matches[1], param(req, "asOf"), param(req, "country"), Now{}, ++st.seq);
          });
      api(s, ins, "GET", R"(/v2/policies/(.+))", "/v2/policies/{policyNumber}", false,
          [](const httplib::Request& req, InsurerState& st) { return trust_policy(st.world, req.matches[1]); });
      api(s, ins, "GET", R"(/v2/accident-reports/(.+))", "/v2/accident-reports/{reportRef}", false,
          [](const httplib::Request& req, InsurerState& st) { return trust_report(st.world, req.matches[1]); });
      break;
    case Insurer::caar:
      api(s, ins, "GET", R"(/api/v1/vehicles/(.+)/coverage)", "/api/v1/vehicles/{registration}/coverage", false,
          [](const httplib::Request& req, InsurerState& st) {
            return caar_coverage(st.world, req.matches[1], param(req, "date"), Now{}, ++st.seq);
          });
      api(s, ins, "GET", R"(/api/v1/policies/(.+))", "/api/v1/policies/{policyNumber}", false,
          [](const httplib::Request& req, InsurerState& st) { return caar_policy(st.world, req.matches[1]); });
      api(s, ins, "GET", R"(/api/v1/claims/(.+))", "/api/v1/claims/{constatId}", false,
          [](const httplib::Request& req, InsurerState& st) { return caar_claim(st.world, req.matches[1]); });
      api(s, ins, "POST", R"(/api/v1/claims)", "/api/v1/claims", true,
          [](const httplib::Request& req, InsurerState& st) {
            return caar_create_claim(st.world, req.body, Now{}, st.book);
          });
      api(s, ins, "PUT", R"(/api/v1/claims/(.+))", "/api/v1/claims/{constatId}", true,
          [](const httplib::Request& req, InsurerState& st) {
            return caar_update_claim(st.world, req.matches[1], req.body, Now{}, st.book);
          });
      api(s, ins, "POST", R"(/api/v1/vehicle-checks)", "/api/v1/vehicle-checks", true,
          [](const httplib::Request& req, InsurerState& st) {
            return caar_record_check(st.world, req.body, Now{}, st.book);
          });
      break;
  }
}

void Simulator::register_fallback(httplib::Server& s, std::optional<Insurer> own) {
  auto h = [this, own](const httplib::Request& req, httplib::Response& res) {
    const std::string route = req.method + " (unmatched)";
    if (own) {
      std::lock_guard lock(state(*own).mu);
      ++state(*own).requests[route][404];
      write_reply(res, error_reply(*own, 404, "no such route"));
    } else {
      send(res, 404, {{"error", "no such route"}});
    }
    log_line({{"insurer", own ? name_of(*own) : "admin"}, {"method", req.method}, {"route", route}, {"status", 404}});
  };
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) on(s, method, ".*", h);
}

// ------------------------------------------------------------------------------ admin routes

std::optional<std::vector<Insurer>> Simulator::scope(const httplib::Request& req, std::optional<Insurer> own,
                                                     std::string& error) const {
  std::vector<Insurer> all(std::begin(kInsurers), std::end(kInsurers));
  if (!req.has_param("insurer")) return own ? std::vector<Insurer>{*own} : all;
  const std::string v = req.get_param_value("insurer");
  if (v == "all") return all;
  if (auto i = insurer_named(v)) return std::vector<Insurer>{*i};
  error = "insurer: expected saa, trust, caar or all";
  return std::nullopt;
}

Json Simulator::stats_of(Insurer ins) {
  InsurerState& st = state(ins);
  std::lock_guard lock(st.mu);
  Json requests = Json::object();
  std::uint64_t total = 0;
  for (const auto& [route, by_status] : st.requests) {
    Json r = Json::object();
    for (const auto& [status, n] : by_status) {
      r[std::to_string(status)] = n;
      total += n;
    }
    requests[route] = r;
  }
  Json keys = Json::object();
  std::uint64_t repeated_keys = 0;
  for (const auto& [k, e] : st.idem) {
    if (e.repeats > 0) ++repeated_keys;
    keys[k] = {{"method", e.method}, {"route", e.route},     {"status", e.reply.status},
               {"applied", 1},       {"repeats", e.repeats}, {"body_mismatches", e.body_mismatches}};
  }
  return {{"requests", requests},
          {"requests_total", total},
          {"auth_rejected", st.auth_rejected},
          {"faults",
           {{"latency_applied", st.latency_applied},
            {"injected_500", st.injected_500},
            {"injected_503", st.injected_503},
            {"dropped_connections", st.dropped_connections.load()},
            {"outage", name_of(st.faults.outage(Clock::now()))}}},
          {"side_effects",
           {{"claims_created", st.book.claims_created},
            {"claims_updated", st.book.claims_updated},
            {"vehicle_checks_recorded", st.book.vehicle_checks_recorded},
            {"total", st.book.total()}}},
          {"idempotency",
           {{"applied_keys", st.idem.size()},
            {"repeated_keys", repeated_keys},
            {"repeated_requests", st.idem_repeats},
            {"conflicting_reuse", st.idem_conflicts},
            {"body_mismatches", st.idem_body_mismatches},
            {"applied_without_key", st.without_key},
            {"keys", keys}}}};
}

void Simulator::reset(Insurer ins) {
  InsurerState& st = state(ins);
  std::lock_guard lock(st.mu);
  st.faults.clear();
  st.world = baseline_[name_of(ins)];
  st.seq = 0;
  st.book = CaarBook();
  st.requests.clear();
  st.latency_applied = st.injected_500 = st.injected_503 = st.auth_rejected = 0;
  st.dropped_connections = 0;
  st.idem.clear();
  st.idem_repeats = st.idem_conflicts = st.idem_body_mismatches = st.without_key = 0;
}

void Simulator::register_admin(httplib::Server& s, std::optional<Insurer> own) {
  const std::string who = own ? name_of(*own) : "admin";
  // Every admin request is logged like the others (route pattern, status), never counted in stats.
  auto admin = [who](const std::string& route, std::function<void(const httplib::Request&, httplib::Response&)> fn) {
    return [who, route, fn = std::move(fn)](const httplib::Request& req, httplib::Response& res) {
      fn(req, res);
      log_line({{"insurer", who}, {"method", req.method}, {"route", route}, {"status", res.status}});
    };
  };
  auto scoped = [this, own](const httplib::Request& req,
                            httplib::Response& res) -> std::optional<std::vector<Insurer>> {
    std::string error;
    auto sc = scope(req, own, error);
    if (!sc) send(res, 400, {{"error", error}});
    return sc;
  };

  on(s, "GET", "/_sim/health", admin("GET /_sim/health", [who](const httplib::Request&, httplib::Response& res) {
       send(res, 200, {{"status", "ok"}, {"port_of", who}});
     }));

  on(s, "GET", "/_sim/faults",
     admin("GET /_sim/faults", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       Json out = Json::object();
       for (Insurer i : *sc) {
         std::lock_guard lock(state(i).mu);
         out[name_of(i)] = state(i).faults.to_json(Clock::now());
       }
       send(res, 200, out);
     }));

  on(s, "POST", "/_sim/faults",
     admin("POST /_sim/faults", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       Json patch = Json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
       if (patch.is_discarded() || !patch.is_object())
         return send(res, 400, {{"error", "body: a JSON object of fault knobs"}});
       const auto now = Clock::now();
       Faults probe;  // checked first: every insurer in scope changes, or none
       auto problems = probe.apply(patch, now);
       if (!problems.empty()) return send(res, 400, {{"error", "bad fault knobs"}, {"problems", problems}});
       Json out = Json::object();
       for (Insurer i : *sc) {
         std::lock_guard lock(state(i).mu);
         state(i).faults.apply(patch, now);
         out[name_of(i)] = state(i).faults.to_json(now);
       }
       if (patch.contains("outage")) wait_outage_applied();
       send(res, 200, out);
     }));

  on(s, "DELETE", "/_sim/faults",
     admin("DELETE /_sim/faults", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       for (Insurer i : *sc) {
         std::lock_guard lock(state(i).mu);
         state(i).faults.clear();
       }
       wait_outage_applied();
       send(res, 200, {{"cleared", true}});
     }));

  on(s, "POST", "/_sim/reset",
     admin("POST /_sim/reset", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       Json names = Json::array();
       for (Insurer i : *sc) {
         reset(i);
         names.push_back(name_of(i));
       }
       wait_outage_applied();
       send(res, 200, {{"reset", names}});
     }));

  on(s, "GET", "/_sim/stats",
     admin("GET /_sim/stats", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       Json out = Json::object();
       for (Insurer i : *sc) out[name_of(i)] = stats_of(i);
       send(res, 200, out);
     }));

  on(s, "GET", "/_sim/world",
     admin("GET /_sim/world", [this, scoped](const httplib::Request& req, httplib::Response& res) {
       auto sc = scoped(req, res);
       if (!sc) return;
       Json out = Json::object();
       for (Insurer i : *sc) {
         std::lock_guard lock(state(i).mu);
         out[name_of(i)] = state(i).world;
       }
       send(res, 200, out);
     }));

  on(s, "POST", "/_sim/world", admin("POST /_sim/world", [this](const httplib::Request& req, httplib::Response& res) {
       Json world = Json::parse(req.body, nullptr, false);
       if (world.is_discarded()) return send(res, 400, {{"error", "body: not JSON"}});
       auto problems = validate_world(world);
       if (!problems.empty()) return send(res, 400, {{"error", "invalid world"}, {"problems", problems}});
       Json replaced = Json::array();
       for (Insurer i : kInsurers) {
         if (!world.contains(name_of(i))) continue;
         std::lock_guard lock(state(i).mu);
         state(i).world = complete_section(i, world[name_of(i)]);
         replaced.push_back(name_of(i));
       }
       send(res, 200, {{"replaced", replaced}});
     }));
}

}  // namespace passerelle::sim
