// End-to-end benchmark (issue 5) through a real broker (scripts/kafka-local, loopback only).
//
// One run, one after the other, with the same client settings (the host's: consumer with
// auto.offset.reset=earliest, auto-commit every second, no partition EOF; idempotent producer,
// acks=all, linger.ms=5):
//   1. preload N canonical constats (both sides insured by saa) into a fresh 3-partition topic;
//   2. passthrough: a minimal consume -> produce loop with no parsing copies them to another
//      topic; events/s from its start until all N are on the output topic;
//   3. host: build/bin/passerelle run, whose canonical constat.created topic is the preloaded
//      one and whose saa adapter writes to the bench's own saa topics; events/s from the
//      process start until all N mapped records are on the saa topic; CPU and peak RSS from /proc;
//   4. latency at a fixed offered rate (a fraction of the host's peak, 20 % by default): the same
//      host, then the passthrough loop on topics of its own; produce -> arrival of the (mapped)
//      record, p50 and p99, the first two seconds left out as warm-up;
//   5. idle RSS of the host with three adapters: a config like config/passerelle.yaml on the
//      local broker with the bench's own topics and group, then config/passerelle.yaml itself
//      with its embedded (in-process mock) Kafka.
// Every wait has a deadline. Figures are printed as name=value lines on stdout at the end;
// progress goes to stderr.
#include <fcntl.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;
namespace fs = std::filesystem;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
Clock::duration secs(double s) { return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s)); }

void say(const std::string& s) { std::cerr << "e2e_bench: " << s << std::endl; }

struct Options {
  std::string bootstrap = "127.0.0.1:9092";
  std::string host_bin = PASSERELLE_BENCH_HOST_BIN;
  std::string plugin_dir = PASSERELLE_BENCH_PLUGIN_DIR;
  std::string repo = PASSERELLE_BENCH_REPO_DIR;
  std::string work_dir = "/tmp/passerelle-e2e-bench";
  long n = 100000;
  double latency_seconds = 10;
  double warmup_seconds = 2;
  double rate_fraction = 0.2;
  double phase_deadline = 240;  // seconds any one phase may take
  double idle_settle = 8;       // seconds the idle host runs before its RSS is read
  bool keep_topics = false;
  bool idle = true;
};

// ---- librdkafka helpers -----------------------------------------------------------------------

using Props = std::map<std::string, std::string>;

// A broker that went away during the run (someone restarted the shared local broker) makes the
// figures meaningless: counted here, printed as e2e.broker_interruptions.
std::atomic<long> g_broker_down{0};

void on_client_error(rd_kafka_t*, int err, const char*, void*) {
  if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) ++g_broker_down;
}

rd_kafka_t* make_client(rd_kafka_type_t type, const std::string& bootstrap, const Props& props,
                        void (*dr)(rd_kafka_t*, const rd_kafka_message_t*, void*) = nullptr, void* opaque = nullptr) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  Props all = props;
  all["bootstrap.servers"] = bootstrap;
  all.emplace("log_level", "4");  // warnings and worse only
  for (const auto& [k, v] : all) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw std::runtime_error("librdkafka " + k + ": " + err);
    }
  }
  rd_kafka_conf_set_error_cb(conf, &on_client_error);
  if (dr) rd_kafka_conf_set_dr_msg_cb(conf, dr);
  if (opaque) rd_kafka_conf_set_opaque(conf, opaque);
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("rd_kafka_new: ") + err);
  }
  if (type == RD_KAFKA_CONSUMER) rd_kafka_poll_set_consumer(rk);
  return rk;
}

// The host's client settings (router.cpp, kafka_producer.cpp), used by every client here that
// stands in for it.
Props consumer_props(const std::string& group) {
  return {{"group.id", group},
          {"auto.offset.reset", "earliest"},
          {"enable.auto.commit", "true"},
          {"auto.commit.interval.ms", "1000"},
          {"enable.partition.eof", "false"}};
}
Props producer_props(const std::string& linger_ms = "5") {
  return {{"enable.idempotence", "true"}, {"acks", "all"}, {"linger.ms", linger_ms}};
}

void subscribe(rd_kafka_t* rk, const std::vector<std::string>& topics) {
  auto* list = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(list, t.c_str(), RD_KAFKA_PARTITION_UA);
  const auto e = rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (e) throw std::runtime_error(std::string("subscribe: ") + rd_kafka_err2str(e));
}

// Creates (or deletes) topics with the admin API and waits for the answer.
void admin_topics(const std::string& bootstrap, const std::vector<std::string>& topics, bool create) {
  rd_kafka_t* rk = make_client(RD_KAFKA_PRODUCER, bootstrap, {});
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  char err[512];
  std::vector<rd_kafka_NewTopic_t*> news;
  std::vector<rd_kafka_DeleteTopic_t*> dels;
  for (const auto& t : topics) {
    if (create)
      news.push_back(rd_kafka_NewTopic_new(t.c_str(), 3, 1, err, sizeof err));
    else
      dels.push_back(rd_kafka_DeleteTopic_new(t.c_str()));
  }
  if (create)
    rd_kafka_CreateTopics(rk, news.data(), news.size(), nullptr, q);
  else
    rd_kafka_DeleteTopics(rk, dels.data(), dels.size(), nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  std::string problem;
  if (!ev) {
    problem = "no answer from the broker in 30 s";
  } else if (rd_kafka_event_error(ev)) {
    problem = rd_kafka_event_error_string(ev);
  } else {
    size_t cnt = 0;
    const rd_kafka_topic_result_t** res =
        create ? rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &cnt)
               : rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), &cnt);
    for (size_t i = 0; i < cnt; ++i) {
      const auto e = rd_kafka_topic_result_error(res[i]);
      if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS && e != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        problem += std::string(rd_kafka_topic_result_name(res[i])) + ": " + rd_kafka_err2str(e) + "; ";
    }
  }
  if (ev) rd_kafka_event_destroy(ev);
  for (auto* t : news) rd_kafka_NewTopic_destroy(t);
  for (auto* t : dels) rd_kafka_DeleteTopic_destroy(t);
  rd_kafka_queue_destroy(q);
  rd_kafka_destroy(rk);
  if (!problem.empty()) {
    if (create) throw std::runtime_error("creating topics: " + problem);
    say("deleting topics: " + problem);
  }
}

// ---- the events ---------------------------------------------------------------------------------

// Canonical constats numbered i: the id's last 12 hex digits and the constatId (the Kafka key,
// also SAA's numeroConstat and so the key of the mapped record) carry i.
class EventFactory {
 public:
  EventFactory(const std::string& template_path, std::uint32_t run_tag) : run_tag_(run_tag) {
    std::ifstream in(template_path);
    if (!in) throw std::runtime_error("cannot open " + template_path);
    Json j = Json::parse(in);
    // Both sides insured by saa: the host routes each event to the saa adapter only.
    for (auto& side : j["data"]["sides"]) {
      side["insurance"]["insurerId"] = "saa";
      side["insurance"].erase("insurerName");
    }
    j["id"] = "@ID@";
    j["subject"] = "@KEY@";
    j["data"]["constatId"] = "@KEY@";
    const std::string t = j.dump();
    std::size_t pos = 0;
    while (pos < t.size()) {
      const auto next = t.find('@', pos);
      if (next == std::string::npos) {
        parts_.push_back(t.substr(pos));
        break;
      }
      const auto end = t.find('@', next + 1);
      parts_.push_back(t.substr(pos, next - pos));
      parts_.push_back(t.substr(next, end - next + 1));
      pos = end + 1;
    }
  }
  std::string key(long i) const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "CST-BENCH-%09ld", i);
    return buf;
  }
  std::string id(long i) const {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-b3c4-4d5e-8f60-%012lx", run_tag_, static_cast<unsigned long>(i));
    return buf;
  }
  std::string value(long i) const {
    std::string out;
    const std::string k = key(i), d = id(i);
    for (const auto& p : parts_) out += p == "@ID@" ? d : p == "@KEY@" ? k : p;
    return out;
  }
  static long index_of_key(const char* key, std::size_t len) {
    const std::string k(key, len);
    const auto dash = k.rfind('-');
    if (k.rfind("CST-BENCH-", 0) != 0 || dash == std::string::npos) return -1;
    return std::strtol(k.c_str() + dash + 1, nullptr, 10);
  }
  long index_of_id(const std::string& id) const {
    char prefix[16];
    std::snprintf(prefix, sizeof prefix, "%08x", run_tag_);
    if (id.size() != 36 || id.compare(0, 8, prefix) != 0) return -1;
    return std::strtol(id.c_str() + 24, nullptr, 16);
  }

 private:
  std::uint32_t run_tag_;
  std::vector<std::string> parts_;
};

// ---- producing -------------------------------------------------------------------------------

struct DeliveryCount {
  std::atomic<long> ok{0}, failed{0};
};

void count_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
  auto* c = static_cast<DeliveryCount*>(opaque);
  if (m->err)
    ++c->failed;
  else
    ++c->ok;
}

void produce_one(rd_kafka_t* p, const std::string& topic, const std::string& key, const std::string& value,
                 Clock::time_point deadline) {
  while (true) {
    const auto e = rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(key.data(), key.size()),
                                     RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()),
                                     RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (!e) return;
    if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL || Clock::now() > deadline)
      throw std::runtime_error(std::string("produce to ") + topic + ": " + rd_kafka_err2str(e));
    rd_kafka_poll(p, 10);
  }
}

void preload(const Options& o, const EventFactory& f, const std::string& topic, long from, long to) {
  DeliveryCount dc;
  rd_kafka_t* p = make_client(RD_KAFKA_PRODUCER, o.bootstrap, producer_props(), &count_delivery, &dc);
  const auto deadline = Clock::now() + secs(o.phase_deadline);
  for (long i = from; i < to; ++i) {
    produce_one(p, topic, f.key(i), f.value(i), deadline);
    rd_kafka_poll(p, 0);
  }
  while (rd_kafka_outq_len(p) > 0 && Clock::now() < deadline) rd_kafka_flush(p, 1000);
  rd_kafka_destroy(p);
  if (dc.ok != to - from)
    throw std::runtime_error("preload: " + std::to_string(dc.ok) + " of " + std::to_string(to - from) +
                             " acknowledged, " + std::to_string(dc.failed) + " failed");
}

// ---- observing an output topic -----------------------------------------------------------------

// Counts records on the output topic by event index and, for the indexes being timed, keeps the
// produce -> arrival latency.
class Observer {
 public:
  enum class Match { key, event_id_header };
  Observer(const Options& o, const EventFactory& f, std::vector<std::string> topics, const std::string& group,
           Match match, long capacity)
      : factory_(f), match_(match), send_ns_(capacity), arrived_(capacity) {
    for (auto& s : send_ns_) s = 0;
    for (auto& a : arrived_) a = false;
    rk_ = make_client(RD_KAFKA_CONSUMER, o.bootstrap, consumer_props(group));
    subscribe(rk_, topics);
    thread_ = std::thread([this] { loop(); });
  }
  ~Observer() { stop(); }
  void stop() {
    if (stopped_.exchange(true)) return;
    thread_.join();
    rd_kafka_consumer_close(rk_);
    rd_kafka_destroy(rk_);
  }
  // Records [from, to) are timed; those in [from, timed_from) are the warm-up.
  void time_range(long timed_from, long to) {
    std::lock_guard<std::mutex> lock(mu_);
    timed_from_ = timed_from;
    timed_to_ = to;
  }
  void sent(long i, std::int64_t ns) { send_ns_[static_cast<std::size_t>(i)].store(ns, std::memory_order_release); }
  long count_in(long from, long to) const { return counted_in(from, to); }
  std::int64_t last_arrival_ns() const { return last_arrival_ns_.load(); }
  std::int64_t first_arrival_ns() const { return first_arrival_ns_.load(); }
  std::vector<double> latencies_ms() const {
    std::lock_guard<std::mutex> lock(mu_);
    return latencies_ms_;
  }
  long foreign() const { return foreign_.load(); }

 private:
  long counted_in(long from, long to) const {
    long c = 0;
    for (long i = from; i < to && i < static_cast<long>(arrived_.size()); ++i)
      c += arrived_[static_cast<std::size_t>(i)] ? 1 : 0;
    return c;
  }
  void loop() {
    while (!stopped_.load()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(rk_, 50);
      if (!m) continue;
      const std::int64_t at = now_ns();
      if (!m->err) on_record(m, at);
      rd_kafka_message_destroy(m);
    }
  }
  void on_record(const rd_kafka_message_t* m, std::int64_t at) {
    long i = -1;
    if (match_ == Match::key) {
      if (m->key) i = EventFactory::index_of_key(static_cast<const char*>(m->key), m->key_len);
    } else {
      rd_kafka_headers_t* h = nullptr;
      const void* v = nullptr;
      size_t size = 0;
      if (rd_kafka_message_headers(m, &h) == RD_KAFKA_RESP_ERR_NO_ERROR &&
          rd_kafka_header_get_last(h, "passerelle.event_id", &v, &size) == RD_KAFKA_RESP_ERR_NO_ERROR && v)
        i = factory_.index_of_id(std::string(static_cast<const char*>(v), size));
    }
    if (i < 0 || i >= static_cast<long>(arrived_.size())) {
      ++foreign_;
      return;
    }
    const auto idx = static_cast<std::size_t>(i);
    if (arrived_[idx].exchange(true)) return;  // a duplicate (at-least-once): counted once
    last_arrival_ns_ = at;
    std::int64_t zero = 0;
    first_arrival_ns_.compare_exchange_strong(zero, at);
    std::lock_guard<std::mutex> lock(mu_);
    if (i >= timed_from_ && i < timed_to_) {
      const auto sent = send_ns_[idx].load(std::memory_order_acquire);
      if (sent > 0) {
        latencies_ms_.push_back(static_cast<double>(at - sent) / 1e6);
        samples_.push_back({sent, at});
      }
    }
  }

  const EventFactory& factory_;
  Match match_;
  rd_kafka_t* rk_ = nullptr;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  std::vector<std::atomic<std::int64_t>> send_ns_;
  std::vector<std::atomic<bool>> arrived_;
  std::atomic<std::int64_t> last_arrival_ns_{0};
  std::atomic<std::int64_t> first_arrival_ns_{0};
  std::atomic<long> foreign_{0};
  mutable std::mutex mu_;
  long timed_from_ = -1, timed_to_ = -1;
  std::vector<double> latencies_ms_;
  std::vector<std::pair<std::int64_t, std::int64_t>> samples_;  // (sent, arrived) ns

 public:
  // "<ms since the first send> <latency ms>" per timed record, for a look at the shape over time.
  void dump(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    std::ofstream out(path);
    if (samples_.empty()) return;
    auto v = samples_;
    std::sort(v.begin(), v.end());
    for (const auto& [sent, at] : v)
      out << static_cast<double>(sent - v.front().first) / 1e6 << " " << static_cast<double>(at - sent) / 1e6 << "\n";
  }
};

// Waits until `done()` or the deadline; `alive()` false ends the wait too. Returns done().
bool wait_for(
    const std::function<bool()>& done, double seconds, const std::function<bool()>& alive = [] { return true; }) {
  const auto deadline = Clock::now() + secs(seconds);
  while (Clock::now() < deadline) {
    if (done()) return true;
    if (!alive()) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

// ---- the passthrough loop ------------------------------------------------------------------------

// The limit: consume, produce the same key and value to another topic, nothing else. With
// `json_floor`, each value is also parsed and serialised again with nlohmann::json on the same
// thread: what any route that reads its JSON pays before mapping anything.
class Passthrough {
 public:
  Passthrough(const Options& o, const std::string& in, const std::string& out, const std::string& group,
              bool json_floor = false)
      : out_(out), json_floor_(json_floor) {
    consumer_ = make_client(RD_KAFKA_CONSUMER, o.bootstrap, consumer_props(group));
    producer_ = make_client(RD_KAFKA_PRODUCER, o.bootstrap, producer_props(), &count_delivery, &dc_);
    subscribe(consumer_, {in});
    thread_ = std::thread([this] { loop(); });
  }
  ~Passthrough() {
    stop_ = true;
    thread_.join();
    rd_kafka_flush(producer_, 5000);
    rd_kafka_consumer_close(consumer_);
    rd_kafka_destroy(consumer_);
    rd_kafka_destroy(producer_);
  }
  long failed() const { return dc_.failed.load(); }

 private:
  void loop() {
    while (!stop_.load()) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer_, 100);
      rd_kafka_poll(producer_, 0);
      if (!m) continue;
      if (!m->err) {
        void* payload = m->payload;
        std::size_t len = m->len;
        std::string text;
        if (json_floor_ && payload) {
          text = nlohmann::json::parse(static_cast<const char*>(payload), static_cast<const char*>(payload) + len,
                                       nullptr, false)
                     .dump();
          payload = text.data();
          len = text.size();
        }
        while (!stop_.load()) {
          const auto e = rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(out_.c_str()),
                                           RD_KAFKA_V_KEY(m->key, m->key_len), RD_KAFKA_V_VALUE(payload, len),
                                           RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
          if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
          rd_kafka_poll(producer_, 10);
        }
      }
      rd_kafka_message_destroy(m);
    }
  }
  std::string out_;
  bool json_floor_ = false;
  DeliveryCount dc_;
  rd_kafka_t* consumer_ = nullptr;
  rd_kafka_t* producer_ = nullptr;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// ---- the host process ------------------------------------------------------------------------------

// A child process (the host, or this program's own passthrough loop) with its output in a log file.
class Child {
 public:
  Child(std::vector<std::string> args, const std::string& log_path, const Props& env_set = {},
        const std::vector<std::string>& env_unset = {}) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
      const std::string kv = *e;
      const std::string name = kv.substr(0, kv.find('='));
      if (env_set.count(name) || std::find(env_unset.begin(), env_unset.end(), name) != env_unset.end()) continue;
      env.push_back(kv);
    }
    for (const auto& [k, v] : env_set) env.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<char*> argv;
    for (auto& s : args) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    const int rc = posix_spawn(&pid_, args[0].c_str(), &fa, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) throw std::runtime_error("cannot start " + args[0] + ": " + std::strerror(rc));
    log_ = log_path;
  }
  ~Child() { stop(30); }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  pid_t pid() const { return pid_; }
  bool alive() {
    if (exited_) return false;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exited_ = true;
      status_ = status;
      return false;
    }
    return true;
  }
  // utime + stime in seconds; `system` gets stime alone.
  double cpu_seconds(double* system = nullptr) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = s.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream rest(s.substr(close + 2));
    std::vector<std::string> f;
    std::string x;
    while (rest >> x) f.push_back(x);
    // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
    if (f.size() < 13) return -1;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    if (system) *system = std::stod(f[12]) / tick;
    return (std::stod(f[11]) + std::stod(f[12])) / tick;
  }
  // VmHWM / VmRSS in MB.
  double status_mb(const std::string& field) const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
    }
    return -1;
  }
  // SIGTERM, then SIGKILL after `seconds`. Returns the exit status (or -1).
  int stop(double seconds) {
    if (exited_) return status_;
    ::kill(pid_, SIGTERM);
    const auto deadline = Clock::now() + secs(seconds);
    while (Clock::now() < deadline) {
      if (!alive()) return status_;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    say("pid " + std::to_string(pid_) + " did not stop in time: SIGKILL");
    ::kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
    exited_ = true;
    return status_;
  }
  std::string log_tail(std::size_t lines = 20) const {
    std::ifstream in(log_);
    std::vector<std::string> all;
    std::string l;
    while (std::getline(in, l)) all.push_back(l);
    std::string out;
    for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += all[i] + "\n";
    return out;
  }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = -1;
  std::string log_;
};

// ---- latency at a fixed rate -------------------------------------------------------------------

struct LatencyResult {
  double p50 = -1, p99 = -1, max = -1;
  long samples = 0, lost = 0;
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const double rank = p / 100.0 * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(rank));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (v[hi] - v[lo]) * (rank - static_cast<double>(lo));
}

// Produces events [from, from + count) at `rate` per second into `topic`, each with its send time;
// the observer times those after the warm-up.
LatencyResult offered_rate(const Options& o, const EventFactory& f, Observer& obs, const std::string& topic, long from,
                           long count, double rate, long warmup) {
  obs.time_range(from + warmup, from + count);
  // linger.ms=0 for the feeder: its own batching delay is not what is measured.
  DeliveryCount dc;
  rd_kafka_t* p = make_client(RD_KAFKA_PRODUCER, o.bootstrap, producer_props("0"), &count_delivery, &dc);
  std::vector<std::string> keys, values;
  keys.reserve(static_cast<std::size_t>(count));
  values.reserve(static_cast<std::size_t>(count));
  for (long i = from; i < from + count; ++i) {
    keys.push_back(f.key(i));
    values.push_back(f.value(i));
  }
  const auto start = Clock::now();
  const auto deadline = start + secs(o.phase_deadline);
  for (long k = 0; k < count; ++k) {
    const auto at = start + std::chrono::nanoseconds(static_cast<std::int64_t>(static_cast<double>(k) * 1e9 / rate));
    while (Clock::now() < at) {
      rd_kafka_poll(p, 0);
      const auto left = at - Clock::now();
      if (left > std::chrono::microseconds(200)) std::this_thread::sleep_for(left - std::chrono::microseconds(100));
    }
    obs.sent(from + k, now_ns());
    produce_one(p, topic, keys[static_cast<std::size_t>(k)], values[static_cast<std::size_t>(k)], deadline);
    rd_kafka_poll(p, 0);
  }
  rd_kafka_flush(p, 10000);
  rd_kafka_destroy(p);
  wait_for([&] { return obs.count_in(from, from + count) >= count; }, 30);
  LatencyResult r;
  const auto lat = obs.latencies_ms();
  r.samples = static_cast<long>(lat.size());
  r.lost = count - obs.count_in(from, from + count);
  r.p50 = percentile(lat, 50);
  r.p99 = percentile(lat, 99);
  r.max = lat.empty() ? -1 : *std::max_element(lat.begin(), lat.end());
  return r;
}

// ---- configs ------------------------------------------------------------------------------------------

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string host_config(const Options& o, const std::string& prefix, const std::string& group, bool three_adapters,
                        const std::string& log_level = "warn") {
  std::ostringstream y;
  y << "# Written by bench/e2e_bench: the bench's own topics and group on the local broker.\n"
    << "service:\n  instance: e2e-bench\n  log_level: " << log_level << "\n"
    << "plugins:\n  directories:\n    - " << o.plugin_dir << "\n"
    << "kafka:\n  bootstrap_servers: \"" << o.bootstrap << "\"\n  group_id: " << group << "\n"
    << "  topics:\n"
    << "    constat_created: " << prefix << ".constat.created\n"
    << "    constat_updated: " << prefix << ".constat.updated\n"
    << "    vehicle_verified: " << prefix << ".vehicle.verified\n"
    << "    dead_letter: " << prefix << ".dlq\n"
    << "http:\n  listen: \"127.0.0.1:0\"\n"
    << "adapters:\n"
    << "  - id: saa\n    plugin: saa\n    settings:\n"
    << "      base_url: http://127.0.0.1:9101\n      api_key: bench-saa-key\n"
    << "      topic_constat_created: " << prefix << ".saa-constat.created\n"
    << "      topic_constat_updated: " << prefix << ".saa-constat.updated\n"
    << "      topic_vehicle_verified: " << prefix << ".saa-vehicle.verified\n";
  if (three_adapters) {
    y << "  - id: trust\n    plugin: trust\n    settings:\n"
      << "      base_url: http://127.0.0.1:9102\n      api_key: bench-trust-key\n"
      << "      topic_constat_created: " << prefix << ".trust-constat.created\n"
      << "      topic_constat_updated: " << prefix << ".trust-constat.updated\n"
      << "      topic_vehicle_verified: " << prefix << ".trust-vehicle.verified\n"
      << "  - include: " << o.repo << "/config/insurers/caar.yaml\n";
  }
  return y.str();
}

struct Figures {
  std::vector<std::pair<std::string, std::string>> lines;
  void add(const std::string& name, double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    lines.push_back({name, buf});
  }
};

struct ChildMode {
  bool passthrough = false;
  bool json_floor = false;
  std::string in, out, group;
};

Options parse_args(int argc, char** argv, ChildMode& child) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto val = [&](const char* name) -> std::optional<std::string> {
      const std::string p = std::string("--") + name + "=";
      if (a.rfind(p, 0) == 0) return a.substr(p.size());
      return std::nullopt;
    };
    if (auto v = val("bootstrap"))
      o.bootstrap = *v;
    else if (auto v = val("host-bin"))
      o.host_bin = *v;
    else if (auto v = val("plugin-dir"))
      o.plugin_dir = *v;
    else if (auto v = val("repo"))
      o.repo = *v;
    else if (auto v = val("work-dir"))
      o.work_dir = *v;
    else if (auto v = val("n"))
      o.n = std::stol(*v);
    else if (auto v = val("latency-seconds"))
      o.latency_seconds = std::stod(*v);
    else if (auto v = val("rate-fraction"))
      o.rate_fraction = std::stod(*v);
    else if (auto v = val("warmup-seconds"))
      o.warmup_seconds = std::stod(*v);
    else if (auto v = val("phase-deadline"))
      o.phase_deadline = std::stod(*v);
    else if (a == "--keep-topics")
      o.keep_topics = true;
    else if (a == "--no-idle")
      o.idle = false;
    // Internal: this program started as the passthrough loop.
    else if (a == "--passthrough-child")
      child.passthrough = true;
    else if (a == "--json-floor")
      child.json_floor = true;
    else if (auto v = val("in"))
      child.in = *v;
    else if (auto v = val("out"))
      child.out = *v;
    else if (auto v = val("group"))
      child.group = *v;
    else
      throw std::runtime_error("unknown argument " + a +
                               " (--bootstrap= --host-bin= --plugin-dir= --repo= --work-dir= --n= --latency-seconds= "
                               "--rate-fraction= --warmup-seconds= --phase-deadline= --keep-topics --no-idle)");
  }
  if (o.n < 1000) throw std::runtime_error("--n must be at least 1000");
  return o;
}

std::atomic<bool> g_child_stop{false};

// The passthrough loop as a process of its own, like the host: same kind of CPU and RSS figures.
int passthrough_child(const Options& o, const ChildMode& c) {
  struct sigaction sa {};
  sa.sa_handler = [](int) { g_child_stop = true; };
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  Passthrough loop(o, c.in, c.out, c.group, c.json_floor);
  // Bounded: the parent stops it; if the parent dies, one hour is the longest it lives.
  const auto deadline = Clock::now() + std::chrono::hours(1);
  while (!g_child_stop.load() && Clock::now() < deadline && getppid() != 1)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return loop.failed() ? 1 : 0;
}

std::string self_exe() { return fs::read_symlink("/proc/self/exe").string(); }

Child start_passthrough(const Options& o, const std::string& in, const std::string& out, const std::string& group,
                        const std::string& log, bool json_floor = false) {
  std::vector<std::string> args = {self_exe(),   "--passthrough-child", "--bootstrap=" + o.bootstrap,
                                   "--in=" + in, "--out=" + out,        "--group=" + group};
  if (json_floor) args.push_back("--json-floor");
  return Child(std::move(args), log);
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Throughput of one process (the passthrough loop or the host) draining the N preloaded events.
struct Throughput {
  double eps = 0, steady_eps = 0, first_s = 0, seconds = 0, cpu_s = 0, sys_s = 0, rss_mb = 0;
  double cpu0 = 0, sys0 = 0;  // the process's CPU when the phase started
};

// Waits until the process has used under 5 % of a CPU for a whole second (the host has finished
// what the burst left behind: it also reads back, and skips, every record it wrote to the saa
// topics it subscribes to). Returns the seconds waited, or -1 at the deadline.
double wait_until_idle(Child& proc, double deadline_s) {
  const auto start = Clock::now();
  double last = proc.cpu_seconds();
  int quiet = 0;
  while (seconds_since(start) < deadline_s && proc.alive()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const double now = proc.cpu_seconds();
    quiet = (now - last) < 0.05 * 0.25 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 4) return seconds_since(start) - 1.0;
  }
  return -1;
}

Throughput drain(const Options& o, Observer& obs, Child& proc, std::int64_t start_ns, const std::string& what) {
  double sys0 = 0;
  const double cpu0 = std::max(0.0, proc.cpu_seconds(&sys0));
  const bool done =
      wait_for([&] { return obs.count_in(0, o.n) >= o.n; }, o.phase_deadline, [&] { return proc.alive(); });
  if (!done) {
    say(what + " log:\n" + proc.log_tail());
    throw std::runtime_error(what + ": " + std::to_string(obs.count_in(0, o.n)) + " of " + std::to_string(o.n) +
                             " records arrived (" + (proc.alive() ? "still running" : "exited") + ")");
  }
  Throughput t;
  t.cpu0 = cpu0;
  t.sys0 = sys0;
  double sys1 = 0;
  t.cpu_s = proc.cpu_seconds(&sys1) - cpu0;
  t.sys_s = sys1 - sys0;
  t.seconds = static_cast<double>(obs.last_arrival_ns() - start_ns) / 1e9;
  t.first_s = static_cast<double>(obs.first_arrival_ns() - start_ns) / 1e9;
  t.eps = static_cast<double>(o.n) / t.seconds;
  t.steady_eps = t.seconds > t.first_s ? static_cast<double>(o.n - 1) / (t.seconds - t.first_s) : 0;
  t.rss_mb = proc.status_mb("VmHWM");
  say(what + ": " + std::to_string(o.n) + " in " + fmt(t.seconds, 2) + " s (first after " + fmt(t.first_s, 2) +
      " s), " + fmt(t.cpu_s, 2) + " CPU s (" + fmt(t.sys_s, 2) + " system), peak RSS " + fmt(t.rss_mb, 1) + " MB");
  if (t.seconds < 10) say(what + ": under 10 s of work; a larger --n gives steadier figures");
  return t;
}

int run(const Options& o) {
  Figures fig;
  fs::create_directories(o.work_dir);
  std::random_device rd;
  const std::uint32_t tag = rd();
  char prefix_buf[32];
  std::snprintf(prefix_buf, sizeof prefix_buf, "pbench-%08x", tag);
  const std::string prefix = prefix_buf, idle_prefix = prefix + "-idle";
  const EventFactory f(o.repo + "/tests/data/canonical/constat_two_sides_saa_trust.json", tag);
  const std::string in = prefix + ".constat.created", pt_out = prefix + ".passthrough.out",
                    floor_out = prefix + ".json-floor.out", lat_in = prefix + ".latency.in",
                    lat_out = prefix + ".latency.out", saa_out = prefix + ".saa-constat.created";
  std::vector<std::string> topics = {in, pt_out, floor_out, lat_in, lat_out};
  for (const auto& p : {prefix, idle_prefix}) {
    for (const char* t : {".constat.created", ".constat.updated", ".vehicle.verified", ".dlq", ".saa-constat.created",
                          ".saa-constat.updated", ".saa-vehicle.verified", ".trust-constat.created",
                          ".trust-constat.updated", ".trust-vehicle.verified"})
      if (p + t != in) topics.push_back(p + t);
  }
  say("topics " + prefix + ".*, " + std::to_string(o.n) + " events of " + std::to_string(f.value(0).size()) + " bytes");
  admin_topics(o.bootstrap, topics, true);
  struct Cleanup {
    const Options& o;
    const std::vector<std::string>& topics;
    ~Cleanup() {
      try {
        if (!o.keep_topics) admin_topics(o.bootstrap, topics, false);
      } catch (const std::exception& e) {
        say(std::string("cleanup: ") + e.what());
      }
    }
  } cleanup{o, topics};

  auto t = Clock::now();
  preload(o, f, in, 0, o.n);
  say("preloaded in " + fmt(seconds_since(t), 2) + " s");
  fig.add("e2e.events", static_cast<double>(o.n), 0);
  fig.add("e2e.event_bytes", static_cast<double>(f.value(0).size()), 0);

  // Latency events are numbered after the N preloaded ones.
  const long capacity_extra = 2'000'000;

  // 1. passthrough throughput
  Throughput pt;
  {
    Observer obs(o, f, {pt_out}, prefix + "-observe-pt", Observer::Match::key, o.n);
    const std::int64_t start_ns = now_ns();
    Child loop = start_passthrough(o, in, pt_out, prefix + "-passthrough", o.work_dir + "/e2e-passthrough.log");
    pt = drain(o, obs, loop, start_ns, "passthrough");
  }
  fig.add("e2e.passthrough.eps", pt.eps, 0);

  // 1b. the same loop parsing and serialising each value: the bound any JSON route has here
  Throughput jf;
  {
    Observer obs(o, f, {floor_out}, prefix + "-observe-floor", Observer::Match::key, o.n);
    const std::int64_t start_ns = now_ns();
    Child loop = start_passthrough(o, in, floor_out, prefix + "-json-floor", o.work_dir + "/e2e-json-floor.log", true);
    jf = drain(o, obs, loop, start_ns, "json floor");
  }
  fig.add("e2e.json_floor.eps", jf.eps, 0);
  fig.add("e2e.json_floor.steady_eps", jf.steady_eps, 0);

  // 2. host throughput, then 3. host latency on the same running host
  const std::string config = o.work_dir + "/e2e-host.yaml";
  write_file(config, host_config(o, prefix, prefix + "-host", false));
  Throughput host_t;
  double rss_peak = 0, rate = 0, idle_after = -1, cpu_to_idle = 0, sys_to_idle = 0, host_lat_cpu = 0, pt_lat_cpu = 0;
  LatencyResult host_lat;
  long latency_count = 0;
  {
    Observer obs(o, f, {saa_out}, prefix + "-observe-host", Observer::Match::event_id_header, o.n + capacity_extra);
    const std::int64_t start_ns = now_ns();
    Child host({o.host_bin, "run", "--config", config}, o.work_dir + "/e2e-host.log");
    host_t = drain(o, obs, host, start_ns, "host");
    if (obs.foreign() > 0) say("host: " + std::to_string(obs.foreign()) + " records on the saa topic were not ours");
    // The latency phase starts from an idle host, and the CPU figure covers all the work the
    // N events caused, the read-back of the host's own output included.
    idle_after = wait_until_idle(host, 120);
    double sys_idle = 0;
    cpu_to_idle = host.cpu_seconds(&sys_idle) - host_t.cpu0;
    sys_to_idle = sys_idle - host_t.sys0;
    say("host: idle " + fmt(idle_after, 2) + " s after the last mapped record; " + fmt(cpu_to_idle, 2) +
        " CPU s in all (" + fmt(sys_to_idle, 2) + " system)");

    rate = std::max(1.0, o.rate_fraction * host_t.eps);
    latency_count = static_cast<long>(rate * (o.latency_seconds + o.warmup_seconds));
    if (latency_count > capacity_extra / 2) throw std::runtime_error("latency phase too long for the capacity");
    say("host latency: " + std::to_string(latency_count) + " events at " + fmt(rate, 0) + "/s");
    const double cpu_before = host.cpu_seconds();
    host_lat = offered_rate(o, f, obs, in, o.n, latency_count, rate, static_cast<long>(rate * o.warmup_seconds));
    host_lat_cpu = host.cpu_seconds() - cpu_before;
    obs.dump(o.work_dir + "/latency-host.txt");
    rss_peak = std::max(host_t.rss_mb, host.status_mb("VmHWM"));
    const int status = host.stop(30);
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
      say("host exit status " + std::to_string(status) + "; log:\n" + host.log_tail());
  }
  fig.add("e2e.host.eps", host_t.eps, 0);
  fig.add("e2e.ratio", host_t.eps / pt.eps, 3);
  fig.add("e2e.json_floor.ratio", jf.eps / pt.eps, 3);  // the best e2e.ratio a one-thread JSON route could reach
  fig.add("e2e.host_to_json_floor", host_t.eps / jf.eps, 3);

  // 4. passthrough latency, on topics of its own
  LatencyResult pt_lat;
  {
    const long base = o.n + latency_count;
    const long warm = base + latency_count;  // events through every partition before the clock starts
    const long warm_count = 30;
    Observer obs(o, f, {lat_out}, prefix + "-observe-lat", Observer::Match::key, warm + warm_count);
    Child loop =
        start_passthrough(o, lat_in, lat_out, prefix + "-passthrough-lat", o.work_dir + "/e2e-passthrough-lat.log");
    {
      rd_kafka_t* p = make_client(RD_KAFKA_PRODUCER, o.bootstrap, producer_props("0"));
      for (long i = warm; i < warm + warm_count; ++i)
        produce_one(p, lat_in, f.key(i), f.value(i), Clock::now() + std::chrono::seconds(30));
      rd_kafka_flush(p, 10000);
      rd_kafka_destroy(p);
    }
    if (!wait_for([&] { return obs.count_in(warm, warm + warm_count) == warm_count; }, 60,
                  [&] { return loop.alive(); }))
      throw std::runtime_error("passthrough latency: the loop did not start within 60 s");
    const double cpu_before = loop.cpu_seconds();
    pt_lat = offered_rate(o, f, obs, lat_in, base, latency_count, rate, static_cast<long>(rate * o.warmup_seconds));
    pt_lat_cpu = loop.cpu_seconds() - cpu_before;
    obs.dump(o.work_dir + "/latency-passthrough.txt");
  }
  fig.add("e2e.latency.rate_eps", rate, 0);
  fig.add("e2e.latency.passthrough.p50_ms", pt_lat.p50, 2);
  fig.add("e2e.latency.passthrough.p99_ms", pt_lat.p99, 2);
  fig.add("e2e.latency.p50_ms", host_lat.p50, 2);
  fig.add("e2e.latency.p99_ms", host_lat.p99, 2);
  fig.add("e2e.latency.added_p50_ms", host_lat.p50 - pt_lat.p50, 2);
  fig.add("e2e.latency.added_p99_ms", host_lat.p99 - pt_lat.p99, 2);
  // CPU per event at the fixed rate, where batches are small: what each record costs on its own.
  fig.add("e2e.latency.host_cpu_s_per_100k", host_lat_cpu * 100000.0 / static_cast<double>(latency_count), 2);
  fig.add("e2e.latency.passthrough_cpu_s_per_100k", pt_lat_cpu * 100000.0 / static_cast<double>(latency_count), 2);
  if (host_lat.lost || pt_lat.lost)
    say("latency: lost host " + std::to_string(host_lat.lost) + ", passthrough " + std::to_string(pt_lat.lost));
  say("latency samples: host " + std::to_string(host_lat.samples) + " (max " + fmt(host_lat.max, 1) +
      " ms), passthrough " + std::to_string(pt_lat.samples) + " (max " + fmt(pt_lat.max, 1) + " ms)");
  fig.add("host.rss_mb", rss_peak, 1);
  fig.add("host.cpu_s_per_100k", cpu_to_idle * 100000.0 / static_cast<double>(o.n), 2);
  fig.add("host.cpu_system_s_per_100k", sys_to_idle * 100000.0 / static_cast<double>(o.n), 2);
  fig.add("host.cpu_s_per_100k.until_last_record", host_t.cpu_s * 100000.0 / static_cast<double>(o.n), 2);
  fig.add("e2e.host.idle_after_s", idle_after, 2);
  fig.add("e2e.passthrough.cpu_s_per_100k", pt.cpu_s * 100000.0 / static_cast<double>(o.n), 2);
  fig.add("e2e.passthrough.rss_mb", pt.rss_mb, 1);
  fig.add("e2e.passthrough.steady_eps", pt.steady_eps, 0);
  fig.add("e2e.host.steady_eps", host_t.steady_eps, 0);
  fig.add("e2e.host.first_record_s", host_t.first_s, 2);

  // 5. idle RSS with three adapters
  if (o.idle) {
    auto idle_rss = [&](std::vector<std::string> args, const std::string& log, const Props& env,
                        const std::vector<std::string>& unset) {
      Child host(std::move(args), log, env, unset);
      std::this_thread::sleep_for(secs(o.idle_settle));
      if (!host.alive()) {
        say("idle host exited; log:\n" + host.log_tail());
        return -1.0;
      }
      const double rss = host.status_mb("VmRSS");
      host.stop(30);
      return rss;
    };
    const std::string idle_cfg = o.work_dir + "/e2e-idle.yaml";
    write_file(idle_cfg, host_config(o, idle_prefix, idle_prefix + "-host", true, "info"));
    fig.add("host.idle_rss_mb",
            idle_rss({o.host_bin, "run", "--config", idle_cfg}, o.work_dir + "/e2e-idle.log", {}, {}), 1);
    fig.add("host.idle_rss_mb.embedded",
            idle_rss({o.host_bin, "run", "--config", o.repo + "/config/passerelle.yaml"},
                     o.work_dir + "/e2e-idle-embedded.log",
                     {{"PASSERELLE_PLUGIN_DIR", o.plugin_dir}, {"PASSERELLE_HTTP_LISTEN", "127.0.0.1:0"}},
                     {"KAFKA_BOOTSTRAP_SERVERS"}),
            1);
  }

  fig.add("e2e.broker_interruptions", static_cast<double>(g_broker_down.load()), 0);
  if (g_broker_down.load() > 0) say("WARNING: the broker was unreachable during the run: the figures are not valid");
  for (const auto& [k, v] : fig.lines) std::cout << k << "=" << v << "\n";
  std::cout.flush();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  try {
    ChildMode child;
    const Options o = parse_args(argc, argv, child);
    if (child.passthrough) return passthrough_child(o, child);
    return run(o);
  } catch (const std::exception& e) {
    std::cerr << "e2e_bench: " << e.what() << "\n";
    return 1;
  }
}
