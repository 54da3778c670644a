// The running simulator: one HTTP listener per insurer plus a control port, the world, fault
// knobs, statistics and the idempotency store. main.cpp drives it (start, tick, shutdown).
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drop_listener.hpp"
#include "faults.hpp"
#include "insurer_apis.hpp"
#include "options.hpp"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace passerelle::sim {

// One JSON line on stderr (the simulator's log). Thread-safe.
void log_line(Json fields);

class Simulator {
 public:
  Simulator(Options options, const Json& world);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Binds every port, applies the --fault flags, starts serving. False and `error` on failure.
  bool start(std::string& error);
  // {"saa":9101,"trust":9102,"caar":9103,"admin":N}
  Json ports() const;
  // Applies outage changes (requested by the admin API or run out); main calls it often.
  void tick();
  void shutdown();

 private:
  struct IdemEntry {
    std::string method, route;
    std::size_t body_hash = 0;
    Reply reply;
    std::uint64_t repeats = 0;
    std::uint64_t body_mismatches = 0;
  };
  struct InsurerState {
    std::mutex mu;
    Faults faults;
    Json world;
    std::uint64_t seq = 0;
    CaarBook book;
    std::map<std::string, std::map<int, std::uint64_t>> requests;
    std::uint64_t latency_applied = 0, injected_500 = 0, injected_503 = 0, auth_rejected = 0;
    std::atomic<std::uint64_t> dropped_connections{0};
    std::map<std::string, IdemEntry> idem;
    std::uint64_t idem_repeats = 0, idem_conflicts = 0, idem_body_mismatches = 0, without_key = 0;
  };
  struct Listener {
    std::optional<Insurer> insurer;  // empty: the control port
    int port = 0;
    std::unique_ptr<httplib::Server> http;
    std::thread thread;
    std::unique_ptr<DropListener> drop;
    OutageMode actual = OutageMode::none;
  };
  using Handler = std::function<Reply(const httplib::Request&, InsurerState&)>;

  InsurerState& state(Insurer i) { return *states_[static_cast<int>(i)]; }
  Listener& listener(Insurer i) { return *listeners_[static_cast<int>(i)]; }

  std::unique_ptr<httplib::Server> make_server(std::optional<Insurer> own);
  bool start_http(Listener& l, int port, std::string& error);
  void register_api(httplib::Server& s, Insurer ins);
  void register_admin(httplib::Server& s, std::optional<Insurer> own);
  void register_fallback(httplib::Server& s, std::optional<Insurer> own);
  void api(httplib::Server& s, Insurer ins, const std::string& method, const std::string& pattern,
           const std::string& route, bool idempotent, Handler fn);
  void serve(Insurer ins, const std::string& route, bool idempotent, const Handler& fn, const httplib::Request& req,
             httplib::Response& res);
  bool authorized(Insurer ins, const httplib::Request& req) const;
  Reply unauthorized(Insurer ins) const;

  std::optional<std::vector<Insurer>> scope(const httplib::Request& req, std::optional<Insurer> own,
                                            std::string& error) const;
  Json stats_of(Insurer ins);
  void reset(Insurer ins);
  void wait_outage_applied();
  void sleep_ms(int ms);

  Options options_;
  Json baseline_;  // the world at start, what reset restores
  std::vector<std::unique_ptr<InsurerState>> states_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  Listener admin_;
  std::vector<std::pair<std::unique_ptr<httplib::Server>, std::thread>> retired_;

  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  bool shut_down_ = false;

  std::mutex applied_mu_;
  std::condition_variable applied_cv_;
  std::uint64_t requested_gen_ = 0;
  std::uint64_t applied_gen_ = 0;
};

}  // namespace passerelle::sim
