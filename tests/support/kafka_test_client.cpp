#include "kafka_test_client.hpp"

#include <librdkafka/rdkafka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace passerelle::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

int remaining_ms(Clock::time_point until, int cap_ms) {
  const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
  if (left <= 0) return 0;
  return static_cast<int>(left < cap_ms ? left : cap_ms);
}

// Only errors and worse from our own clients: a broker that goes away on purpose (a test
// fault, the host being killed) makes librdkafka chatty otherwise.
void quiet_log(const rd_kafka_t*, int level, const char* fac, const char* buf) {
  if (level <= 3) std::fprintf(stderr, "[kafka-test-client] %s: %s\n", fac, buf);
}
void ignore_error(rd_kafka_t*, int, const char*, void*) {}

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
using ConfPtr = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using HandlePtr = std::unique_ptr<rd_kafka_t, HandleDeleter>;

void set(rd_kafka_conf_t* conf, const std::string& key, const std::string& value) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK)
    throw std::runtime_error("kafka test client: " + key + "=" + value + ": " + errstr);
}

ConfPtr base_conf(const std::string& bootstrap) {
  ConfPtr conf(rd_kafka_conf_new());
  set(conf.get(), "bootstrap.servers", bootstrap);
  set(conf.get(), "client.id", "passerelle-kafka-test");
  set(conf.get(), "log.connection.close", "false");
  set(conf.get(), "socket.timeout.ms", "10000");
  // A test broker is on loopback: no need to wait long between reconnects.
  set(conf.get(), "reconnect.backoff.ms", "50");
  set(conf.get(), "reconnect.backoff.max.ms", "1000");
  rd_kafka_conf_set_log_cb(conf.get(), quiet_log);
  rd_kafka_conf_set_error_cb(conf.get(), ignore_error);
  return conf;
}

HandlePtr make_handle(rd_kafka_type_t type, ConfPtr conf) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf.get(), errstr, sizeof errstr);
  if (!rk) throw std::runtime_error(std::string("kafka test client: rd_kafka_new: ") + errstr);
  conf.release();  // owned by rk now
  return HandlePtr(rk);
}

// Partition count of each topic once all of them exist with a leader for every partition.
std::map<std::string, int> partitions_when_ready(rd_kafka_t* rk, const std::vector<std::string>& names,
                                                 milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  std::string last_problem = "no metadata yet";
  while (true) {
    const rd_kafka_metadata_t* md = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 1, nullptr, &md, std::max(100, remaining_ms(until, 5000)));
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      std::map<std::string, int> found;
      std::string problem;
      for (int i = 0; i < md->topic_cnt; ++i) {
        const auto& t = md->topics[i];
        if (t.err != RD_KAFKA_RESP_ERR_NO_ERROR || t.partition_cnt <= 0) continue;
        bool leaders = true;
        for (int p = 0; p < t.partition_cnt; ++p)
          if (t.partitions[p].leader < 0 || t.partitions[p].err != RD_KAFKA_RESP_ERR_NO_ERROR) leaders = false;
        if (leaders) found[t.topic] = t.partition_cnt;
      }
      rd_kafka_metadata_destroy(md);
      std::map<std::string, int> wanted;
      for (const auto& n : names) {
        auto it = found.find(n);
        if (it == found.end()) problem += (problem.empty() ? "" : ", ") + n;
        else wanted[n] = it->second;
      }
      if (problem.empty()) return wanted;
      last_problem = "topics not ready: " + problem;
    } else {
      last_problem = rd_kafka_err2str(err);
    }
    if (Clock::now() >= until)
      throw std::runtime_error("kafka test client: metadata within " + std::to_string(timeout.count()) +
                               " ms: " + last_problem);
    std::this_thread::sleep_for(milliseconds(100));
  }
}

std::string sanitise(const std::string& name, std::size_t max) {
  std::string out;
  for (char c : name) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    out += ok ? c : '-';
    if (out.size() >= max) break;
  }
  return out;
}

std::string base36(unsigned long long v) {
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string s;
  do {
    s.insert(s.begin(), digits[v % 36]);
    v /= 36;
  } while (v);
  return s;
}

std::string yaml_quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string kafka_bootstrap() {
  const char* v = std::getenv("KAFKA_TEST_BOOTSTRAP");
  return v && *v ? v : "127.0.0.1:9092";
}

std::string unique_prefix(const std::string& test_name) {
  static std::atomic<int> counter{0};
  // Time as well as pid: topics outlive a test run on a broker that is not wiped, and pids repeat.
  const auto now = static_cast<unsigned long long>(std::time(nullptr));
  return "t" + base36(now) + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" +
         sanitise(test_name, 40) + "-";
}

std::string broker_problem(const std::string& bootstrap, milliseconds timeout) {
  try {
    auto rk = make_handle(RD_KAFKA_PRODUCER, base_conf(bootstrap));
    const rd_kafka_metadata_t* md = nullptr;
    const auto err = rd_kafka_metadata(rk.get(), 0, nullptr, &md, static_cast<int>(timeout.count()));
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
      return "no Kafka broker answered at " + bootstrap + " within " + std::to_string(timeout.count()) +
             " ms (" + rd_kafka_err2str(err) + "); start one with scripts/kafka-local start";
    const int brokers = md->broker_cnt;
    rd_kafka_metadata_destroy(md);
    if (brokers <= 0) return "metadata from " + bootstrap + " lists no broker";
    return "";
  } catch (const std::exception& e) {
    return e.what();
  }
}

void wait_for_topics(const std::string& bootstrap, const std::vector<std::string>& names, milliseconds timeout) {
  auto rk = make_handle(RD_KAFKA_PRODUCER, base_conf(bootstrap));
  partitions_when_ready(rk.get(), names, timeout);
}

void create_topics(const std::string& bootstrap, const std::vector<std::string>& names, int partitions,
                   milliseconds timeout) {
  if (names.empty()) return;
  const auto until = Clock::now() + timeout;
  auto rk = make_handle(RD_KAFKA_PRODUCER, base_conf(bootstrap));
  char errstr[512];
  std::vector<rd_kafka_NewTopic_t*> topics;
  for (const auto& n : names) {
    rd_kafka_NewTopic_t* t = rd_kafka_NewTopic_new(n.c_str(), partitions, 1, errstr, sizeof errstr);
    if (!t) {
      for (auto* x : topics) rd_kafka_NewTopic_destroy(x);
      throw std::runtime_error("kafka test client: topic " + n + ": " + errstr);
    }
    topics.push_back(t);
  }
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_CREATETOPICS);
  rd_kafka_AdminOptions_set_operation_timeout(options, static_cast<int>(timeout.count()), errstr, sizeof errstr);
  rd_kafka_AdminOptions_set_request_timeout(options, static_cast<int>(timeout.count()), errstr, sizeof errstr);
  rd_kafka_queue_t* queue = rd_kafka_queue_new(rk.get());
  rd_kafka_CreateTopics(rk.get(), topics.data(), topics.size(), options, queue);
  rd_kafka_AdminOptions_destroy(options);
  for (auto* x : topics) rd_kafka_NewTopic_destroy(x);

  std::string problems;
  rd_kafka_event_t* ev = nullptr;
  while (!ev && Clock::now() < until) ev = rd_kafka_queue_poll(queue, remaining_ms(until, 500));
  if (!ev) {
    problems = "no CreateTopics answer within " + std::to_string(timeout.count()) + " ms";
  } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    problems = std::string("CreateTopics: ") + rd_kafka_event_error_string(ev);
  } else if (const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev)) {
    std::size_t cnt = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &cnt);
    for (std::size_t i = 0; i < cnt; ++i) {
      const auto err = rd_kafka_topic_result_error(results[i]);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) continue;
      const char* msg = rd_kafka_topic_result_error_string(results[i]);
      problems += std::string(problems.empty() ? "" : "; ") + rd_kafka_topic_result_name(results[i]) + ": " +
                  (msg ? msg : rd_kafka_err2str(err));
    }
  } else {
    problems = "unexpected admin event";
  }
  if (ev) rd_kafka_event_destroy(ev);
  rd_kafka_queue_destroy(queue);
  if (!problems.empty()) throw std::runtime_error("kafka test client: creating topics on " + bootstrap + ": " + problems);
  partitions_when_ready(rk.get(), names, std::max(milliseconds(1000), milliseconds(remaining_ms(until, 1 << 30))));
}

std::string delete_topics(const std::string& bootstrap, const std::vector<std::string>& names, milliseconds timeout) {
  if (names.empty()) return "";
  try {
    const auto until = Clock::now() + timeout;
    auto rk = make_handle(RD_KAFKA_PRODUCER, base_conf(bootstrap));
    std::vector<rd_kafka_DeleteTopic_t*> topics;
    for (const auto& n : names) topics.push_back(rd_kafka_DeleteTopic_new(n.c_str()));
    char errstr[512];
    rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(rk.get(), RD_KAFKA_ADMIN_OP_DELETETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(options, static_cast<int>(timeout.count()), errstr, sizeof errstr);
    rd_kafka_AdminOptions_set_request_timeout(options, static_cast<int>(timeout.count()), errstr, sizeof errstr);
    rd_kafka_queue_t* queue = rd_kafka_queue_new(rk.get());
    rd_kafka_DeleteTopics(rk.get(), topics.data(), topics.size(), options, queue);
    rd_kafka_AdminOptions_destroy(options);
    for (auto* t : topics) rd_kafka_DeleteTopic_destroy(t);
    std::string problems;
    rd_kafka_event_t* ev = nullptr;
    while (!ev && Clock::now() < until) ev = rd_kafka_queue_poll(queue, remaining_ms(until, 500));
    if (!ev) {
      problems = "no DeleteTopics answer within " + std::to_string(timeout.count()) + " ms";
    } else if (rd_kafka_event_error(ev) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      problems = std::string("DeleteTopics: ") + rd_kafka_event_error_string(ev);
    } else if (const rd_kafka_DeleteTopics_result_t* res = rd_kafka_event_DeleteTopics_result(ev)) {
      std::size_t cnt = 0;
      const rd_kafka_topic_result_t** results = rd_kafka_DeleteTopics_result_topics(res, &cnt);
      for (std::size_t i = 0; i < cnt; ++i) {
        const auto err = rd_kafka_topic_result_error(results[i]);
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) continue;
        problems += std::string(problems.empty() ? "" : "; ") + rd_kafka_topic_result_name(results[i]) + ": " +
                    rd_kafka_err2str(err);
      }
    }
    if (ev) rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(queue);
    return problems;
  } catch (const std::exception& e) {
    return e.what();
  }
}

// ---- TestProducer -----------------------------------------------------------------------------

struct TestProducer::Impl {
  HandlePtr rk;
  mutable std::mutex mu;
  std::vector<DeliveryReport> reports;
  std::size_t delivered = 0;
  std::size_t failures = 0;
  std::string last_error;

  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    const auto index = reinterpret_cast<std::uintptr_t>(m->_private);
    std::lock_guard lock(self->mu);
    if (index >= self->reports.size()) return;
    DeliveryReport& r = self->reports[index];
    r.partition = m->partition;
    r.offset = m->offset;
    if (m->err) {
      r.error = rd_kafka_err2str(m->err);
      ++self->failures;
      self->last_error = r.topic + ": " + r.error;
    } else {
      ++self->delivered;
    }
  }
};

TestProducer::TestProducer(const std::string& bootstrap, const std::map<std::string, std::string>& extra_config)
    : impl_(std::make_unique<Impl>()) {
  ConfPtr conf = base_conf(bootstrap);
  set(conf.get(), "enable.idempotence", "true");  // acks=all, no reordering or duplicates on retry
  set(conf.get(), "acks", "all");
  set(conf.get(), "linger.ms", "5");
  set(conf.get(), "message.timeout.ms", "60000");
  for (const auto& [k, v] : extra_config) set(conf.get(), k, v);
  rd_kafka_conf_set_dr_msg_cb(conf.get(), &Impl::on_delivery);
  rd_kafka_conf_set_opaque(conf.get(), impl_.get());
  impl_->rk = make_handle(RD_KAFKA_PRODUCER, std::move(conf));
}

TestProducer::~TestProducer() {
  if (impl_ && impl_->rk) rd_kafka_flush(impl_->rk.get(), 10000);
}

std::size_t TestProducer::produce(const std::string& topic, const std::string& key, const std::string& value,
                                  const KafkaHeaders& headers, std::int32_t partition, bool empty_key_is_null) {
  std::size_t index;
  {
    std::lock_guard lock(impl_->mu);
    index = impl_->reports.size();
    impl_->reports.push_back({topic, -1, -1, ""});
  }
  std::vector<rd_kafka_vu_t> vus;
  auto add = [&](rd_kafka_vtype_t t) -> rd_kafka_vu_t& {
    vus.emplace_back();
    vus.back().vtype = t;
    return vus.back();
  };
  add(RD_KAFKA_VTYPE_TOPIC).u.cstr = topic.c_str();
  add(RD_KAFKA_VTYPE_PARTITION).u.i32 = partition;
  {
    auto& k = add(RD_KAFKA_VTYPE_KEY);
    const bool null_key = key.empty() && empty_key_is_null;
    k.u.mem.ptr = null_key ? nullptr : const_cast<char*>(key.data());
    k.u.mem.size = null_key ? 0 : key.size();
  }
  {
    auto& v = add(RD_KAFKA_VTYPE_VALUE);
    v.u.mem.ptr = const_cast<char*>(value.data());
    v.u.mem.size = value.size();
  }
  for (const auto& [name, val] : headers) {
    auto& h = add(RD_KAFKA_VTYPE_HEADER);
    h.u.header.name = name.c_str();
    h.u.header.val = val.data();
    h.u.header.size = static_cast<ssize_t>(val.size());
  }
  add(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
  add(RD_KAFKA_VTYPE_OPAQUE).u.ptr = reinterpret_cast<void*>(static_cast<std::uintptr_t>(index));

  const auto until = Clock::now() + std::chrono::seconds(30);
  while (true) {
    rd_kafka_error_t* error = rd_kafka_produceva(impl_->rk.get(), vus.data(), vus.size());
    if (!error) break;
    const auto code = rd_kafka_error_code(error);
    const std::string text = rd_kafka_error_string(error);
    rd_kafka_error_destroy(error);
    if (code != RD_KAFKA_RESP_ERR__QUEUE_FULL || Clock::now() >= until)
      throw std::runtime_error("kafka test client: produce to " + topic + ": " + text);
    rd_kafka_poll(impl_->rk.get(), 100);
  }
  rd_kafka_poll(impl_->rk.get(), 0);
  return index;
}

bool TestProducer::flush(milliseconds timeout) {
  return rd_kafka_flush(impl_->rk.get(), static_cast<int>(timeout.count())) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

std::size_t TestProducer::delivered() const {
  std::lock_guard lock(impl_->mu);
  return impl_->delivered;
}
std::size_t TestProducer::failures() const {
  std::lock_guard lock(impl_->mu);
  return impl_->failures;
}
std::string TestProducer::last_error() const {
  std::lock_guard lock(impl_->mu);
  return impl_->last_error;
}
std::vector<DeliveryReport> TestProducer::reports() const {
  std::lock_guard lock(impl_->mu);
  return impl_->reports;
}

// ---- consuming ----------------------------------------------------------------------------

std::optional<std::string> ConsumedRecord::header(const std::string& name) const {
  std::optional<std::string> found;
  for (const auto& [n, v] : headers)
    if (n == name) found = v;
  return found;
}

struct TopicCollector::Impl {
  HandlePtr rk;
};

TopicCollector::TopicCollector(const std::string& bootstrap, const std::vector<std::string>& topics,
                               milliseconds metadata_timeout)
    : impl_(std::make_unique<Impl>()) {
  static std::atomic<int> counter{0};
  ConfPtr conf = base_conf(bootstrap);
  // A group id of its own (never joined: partitions are assigned by hand, nothing is committed).
  set(conf.get(), "group.id",
      "kafka-test-collector-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
  set(conf.get(), "auto.offset.reset", "earliest");
  set(conf.get(), "enable.auto.commit", "false");
  set(conf.get(), "enable.auto.offset.store", "false");
  set(conf.get(), "fetch.wait.max.ms", "100");
  set(conf.get(), "isolation.level", "read_committed");
  impl_->rk = make_handle(RD_KAFKA_CONSUMER, std::move(conf));
  rd_kafka_poll_set_consumer(impl_->rk.get());
  const auto partitions = partitions_when_ready(impl_->rk.get(), topics, metadata_timeout);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(16);
  for (const auto& [topic, count] : partitions)
    for (int p = 0; p < count; ++p)
      rd_kafka_topic_partition_list_add(list, topic.c_str(), p)->offset = RD_KAFKA_OFFSET_BEGINNING;
  const auto err = rd_kafka_assign(impl_->rk.get(), list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) throw std::runtime_error(std::string("kafka test client: assign: ") + rd_kafka_err2str(err));
}

TopicCollector::~TopicCollector() {
  if (impl_ && impl_->rk) {
    rd_kafka_assign(impl_->rk.get(), nullptr);
    rd_kafka_consumer_close(impl_->rk.get());
  }
}

std::size_t TopicCollector::poll_for(milliseconds duration) {
  const auto until = Clock::now() + duration;
  std::size_t got = 0;
  do {
    rd_kafka_message_t* m = rd_kafka_consumer_poll(impl_->rk.get(), std::max(1, remaining_ms(until, 200)));
    if (!m) continue;
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      ConsumedRecord r;
      r.topic = rd_kafka_topic_name(m->rkt);
      r.partition = m->partition;
      r.offset = m->offset;
      r.has_key = m->key != nullptr;
      if (m->key) r.key.assign(static_cast<const char*>(m->key), m->key_len);
      if (m->payload) r.value.assign(static_cast<const char*>(m->payload), m->len);
      rd_kafka_headers_t* hdrs = nullptr;
      if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs) {
        const char* name = nullptr;
        const void* val = nullptr;
        std::size_t size = 0;
        for (std::size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
          r.headers.emplace_back(name, val ? std::string(static_cast<const char*>(val), size) : std::string());
      }
      records_.push_back(std::move(r));
      ++got;
      ++total_read_;
    }
    rd_kafka_message_destroy(m);
  } while (Clock::now() < until);
  return got;
}

std::size_t TopicCollector::poll_until(std::size_t total, milliseconds deadline, milliseconds idle_timeout) {
  const auto until = Clock::now() + deadline;
  auto last_arrival = Clock::now();
  std::size_t got = 0;
  while (records_.size() < total && Clock::now() < until) {
    const std::size_t n = poll_for(milliseconds(std::max(1, remaining_ms(until, 100))));
    got += n;
    if (n) last_arrival = Clock::now();
    else if (Clock::now() - last_arrival >= idle_timeout) break;
  }
  return got;
}

std::vector<ConsumedRecord> TopicCollector::take() {
  std::vector<ConsumedRecord> out;
  out.swap(records_);
  return out;
}

std::size_t TopicCollector::count(const std::string& topic) const {
  std::size_t n = 0;
  for (const auto& r : records_) n += r.topic == topic;
  return n;
}

std::vector<ConsumedRecord> TopicCollector::records_of(const std::string& topic) const {
  std::vector<ConsumedRecord> out;
  for (const auto& r : records_)
    if (r.topic == topic) out.push_back(r);
  return out;
}

std::vector<ConsumedRecord> consume_all(const std::string& bootstrap, const std::vector<std::string>& topics,
                                        std::size_t expected_count, milliseconds deadline, milliseconds idle_timeout) {
  const auto until = Clock::now() + deadline;
  TopicCollector c(bootstrap, topics, deadline);
  c.poll_until(expected_count, milliseconds(std::max(1, remaining_ms(until, 1 << 30))), idle_timeout);
  return c.records();
}

// ---- host configuration ---------------------------------------------------------------------

std::vector<std::string> TestTopics::all() const {
  return {constat_created,     constat_updated,       vehicle_verified,     dead_letter,
          saa_constat_created, saa_constat_updated,   saa_vehicle_verified, trust_constat_created,
          trust_constat_updated, trust_vehicle_verified};
}

TestTopics test_topics(const std::string& p) {
  TestTopics t;
  t.prefix = p;
  t.constat_created = p + "constat.created";
  t.constat_updated = p + "constat.updated";
  t.vehicle_verified = p + "vehicle.verified";
  t.dead_letter = p + "passerelle.dlq";
  t.saa_constat_created = p + "saa-constat.created";
  t.saa_constat_updated = p + "saa-constat.updated";
  t.saa_vehicle_verified = p + "saa-vehicle.verified";
  t.trust_constat_created = p + "trust-constat.created";
  t.trust_constat_updated = p + "trust-constat.updated";
  t.trust_vehicle_verified = p + "trust-vehicle.verified";
  return t;
}

std::string host_group_id(const std::string& prefix) { return prefix + "host"; }

int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("bind 127.0.0.1:0 failed");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

std::string host_config_yaml(const HostConfigOptions& o) {
  const TestTopics t = test_topics(o.prefix);
#ifdef PLUGIN_DIR
  const std::string plugin_dir = o.plugin_dir.empty() ? std::string(PLUGIN_DIR) : o.plugin_dir;
#else
  const std::string plugin_dir = o.plugin_dir;
#endif
  if (plugin_dir.empty()) throw std::invalid_argument("host_config_yaml: no plugin directory");
  const std::string listen =
      o.http_listen.empty() ? "127.0.0.1:" + std::to_string(free_loopback_port()) : o.http_listen;
  std::ostringstream y;
  y << "# Written by tests/support/kafka_test_client.cpp for one test; topics prefixed " << o.prefix << "\n"
    << "service:\n"
    << "  instance: " << yaml_quote(o.prefix + "host") << "\n"
    << "  log_level: " << o.log_level << "\n"
    << "plugins:\n"
    << "  directories:\n"
    << "    - " << yaml_quote(plugin_dir) << "\n"
    << "kafka:\n"
    << "  bootstrap_servers: " << yaml_quote(o.bootstrap) << "\n"
    << "  group_id: " << yaml_quote(host_group_id(o.prefix)) << "\n"
    << "  topics:\n"
    << "    constat_created: " << yaml_quote(t.constat_created) << "\n"
    << "    constat_updated: " << yaml_quote(t.constat_updated) << "\n"
    << "    vehicle_verified: " << yaml_quote(t.vehicle_verified) << "\n"
    << "    dead_letter: " << yaml_quote(t.dead_letter) << "\n";
  if (o.kafka_properties.empty()) {
    y << "  properties: {}\n";
  } else {
    y << "  properties:\n";
    for (const auto& [k, v] : o.kafka_properties) y << "    " << k << ": " << yaml_quote(v) << "\n";
  }
  y << "http:\n"
    << "  listen: " << yaml_quote(listen) << "\n"
    << "  client_connect_timeout_ms: 2000\n"
    << "  client_read_timeout_ms: 5000\n"
    << "routing:\n"
    << "  workers: " << o.workers << "\n"
    << "  dedup_window: " << o.dedup_window << "\n"
    << "  shutdown_timeout_ms: " << o.shutdown_timeout_ms << "\n"
    << "  retry:\n"
    << "    initial_backoff_ms: " << o.retry.initial_backoff_ms << "\n"
    << "    max_backoff_ms: " << o.retry.max_backoff_ms << "\n"
    << "    max_attempts: " << o.retry.max_attempts << "\n"
    << "adapters:\n";
  if (o.include_saa) {
    // The REST URL is never called by the Kafka routes; port 9 (discard) answers nothing.
    y << "  - id: saa\n"
      << "    plugin: saa\n"
      << "    settings:\n"
      << "      base_url: \"http://127.0.0.1:9\"\n"
      << "      api_key: \"test-saa-key\"\n"
      << "      topic_constat_created: " << yaml_quote(t.saa_constat_created) << "\n"
      << "      topic_constat_updated: " << yaml_quote(t.saa_constat_updated) << "\n"
      << "      topic_vehicle_verified: " << yaml_quote(t.saa_vehicle_verified) << "\n";
  }
  if (o.include_trust) {
    y << "  - id: trust\n"
      << "    plugin: trust\n"
      << "    settings:\n"
      << "      base_url: \"http://127.0.0.1:9\"\n"
      << "      api_key: \"test-trust-key\"\n"
      << "      topic_constat_created: " << yaml_quote(t.trust_constat_created) << "\n"
      << "      topic_constat_updated: " << yaml_quote(t.trust_constat_updated) << "\n"
      << "      topic_vehicle_verified: " << yaml_quote(t.trust_vehicle_verified) << "\n";
  }
  if (!o.include_saa && !o.include_trust) y << "  []\n";
  return y.str();
}

namespace {

// The configs of one test process live in one directory, removed when the process exits
// (KAFKA_TEST_KEEP_CONFIG=1 keeps it).
struct ConfigDir {
  std::filesystem::path path;
  ConfigDir()
      : path(std::filesystem::temp_directory_path() / ("passerelle-kafka-test-" + std::to_string(::getpid()))) {}
  ~ConfigDir() {
    const char* keep = std::getenv("KAFKA_TEST_KEEP_CONFIG");
    if (keep && *keep && std::string(keep) != "0") return;
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace

std::string write_host_config(const HostConfigOptions& options) {
  namespace fs = std::filesystem;
  static const ConfigDir config_dir;
  const fs::path& dir = config_dir.path;
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  const fs::path file = dir / (options.prefix + "passerelle.yaml");
  std::ofstream out(file);
  out << host_config_yaml(options);
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file.string();
}

}  // namespace passerelle::testing
