#include "kafka_host.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <iostream>
#include <sstream>

#include "adapter_harness.hpp"
#include "canonical_generator.hpp"

namespace passerelle::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::map<std::string, std::string> host_env() { return {{"PASSERELLE_PLUGIN_DIR", PLUGIN_DIR}}; }

long long to_count(const nlohmann::json& v) {
  if (v.is_number_integer()) return v.get<long long>();
  if (v.is_string()) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(v.get<std::string>(), &used);
      return used == v.get<std::string>().size() ? n : -1;
    } catch (...) {
      return -1;
    }
  }
  return -1;
}

}  // namespace

// ---- HostProcess ---------------------------------------------------------------------------

HostProcess::HostProcess(const std::string& config_path) : started_(Clock::now()) {
  proc_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{PASSERELLE_BIN, "run", "--config", config_path},
                                              host_env());
  // BackgroundProcess reads the pipes only inside its calls: keep calling it, or a host that
  // logs more than a pipe holds would block in write().
  drain_ = std::thread([this] {
    while (true) {
      {
        std::lock_guard lock(mu_);
        if (stop_) return;
        // One read of each pipe per call (a 1 ms deadline): waits up to 100 ms for output, and
        // returns at once on a closed pipe, so a host that died by itself costs no busy loop.
        proc_->wait_for_output("\x01never-printed\x01", milliseconds(1));
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
  });
}

HostProcess::~HostProcess() {
  stop_drain();
  // BackgroundProcess's destructor SIGKILLs and reaps a child still running.
}

void HostProcess::stop_drain() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  if (drain_.joinable()) drain_.join();
}

ProcessResult HostProcess::finish(int signo, milliseconds deadline) {
  stop_drain();
  if (finished_) return {};
  proc_->signal(signo);
  finished_ = true;
  return proc_->wait(deadline);
}

ProcessResult HostProcess::kill9(milliseconds deadline) { return finish(SIGKILL, deadline); }
ProcessResult HostProcess::terminate(milliseconds deadline) { return finish(SIGTERM, deadline); }

std::string check_config(const std::string& config_path) {
  const auto r = run_process({PASSERELLE_BIN, "check-config", "--config", config_path}, "", std::chrono::seconds(30),
                             host_env());
  if (r.exit_code == 0) return "";
  return "passerelle check-config exited " + std::to_string(r.exit_code) + ":\n" + r.err + r.out;
}

std::string HostProcess::out() const {
  std::lock_guard lock(mu_);
  return proc_->out();
}

// ---- logs ------------------------------------------------------------------------------------

std::vector<nlohmann::json> json_log_lines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_discarded() && j.is_object()) lines.push_back(std::move(j));
  }
  return lines;
}

std::vector<RouteCounters> route_counters(const std::string& out) {
  std::vector<RouteCounters> all;
  for (const auto& j : json_log_lines(out)) {
    if (j.value("msg", "") != "route counters") continue;
    RouteCounters c;
    c.adapter = j.value("adapter", "");
    c.direction = j.value("direction", "");
    if (j.contains("in")) c.in = to_count(j["in"]);
    if (j.contains("delivered")) c.delivered = to_count(j["delivered"]);
    if (j.contains("dead_lettered")) c.dead_lettered = to_count(j["dead_lettered"]);
    if (j.contains("filtered")) c.filtered = to_count(j["filtered"]);
    all.push_back(c);
  }
  return all;
}

std::string describe(const std::vector<RouteCounters>& counters) {
  std::string s;
  for (const auto& c : counters)
    s += c.adapter + "/" + c.direction + ": in=" + std::to_string(c.in) + " delivered=" + std::to_string(c.delivered) +
         " dead_lettered=" + std::to_string(c.dead_lettered) + " filtered=" + std::to_string(c.filtered) + "\n";
  return s.empty() ? "(no route counters logged)\n" : s;
}

// ---- passerelle map ----------------------------------------------------------------------------

namespace {
nlohmann::json run_map(const std::string& config_path, const std::string& adapter, const std::string& to,
                       const nlohmann::json& input) {
  const auto r = run_process({PASSERELLE_BIN, "map", "--config", config_path, "--adapter", adapter, "--to", to},
                             input.dump(), std::chrono::seconds(30), host_env());
  if (r.exit_code != 0)
    throw std::runtime_error("passerelle map --adapter " + adapter + " --to " + to + " exited " +
                             std::to_string(r.exit_code) + ": " + r.err);
  auto j = nlohmann::json::parse(r.out, nullptr, false);
  if (j.is_discarded() || !j.is_array()) throw std::runtime_error("passerelle map printed no JSON array: " + r.out);
  return j;
}
}  // namespace

nlohmann::json map_to_provider(const std::string& config_path, const std::string& adapter, const nlohmann::json& event) {
  return run_map(config_path, adapter, "provider", event);
}

nlohmann::json map_to_canonical(const std::string& config_path, const std::string& adapter,
                                const nlohmann::json& delivery) {
  return run_map(config_path, adapter, "canonical", delivery);
}

std::string delivery_value(const nlohmann::json& delivery) {
  const auto& v = delivery.at("value");
  return v.is_string() ? v.get<std::string>() : v.dump();
}

KafkaHeaders delivery_headers(const nlohmann::json& delivery) {
  KafkaHeaders out;
  if (delivery.contains("headers"))
    for (const auto& [name, value] : delivery["headers"].items())
      out.emplace_back(name, value.is_string() ? value.get<std::string>() : value.dump());
  return out;
}

// ---- events ----------------------------------------------------------------------------------

std::string random_uuid(std::mt19937_64& rng) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 32; ++i) {
    int v = static_cast<int>(rng() % 16);
    if (i == 12) v = 4;                    // version 4
    if (i == 16) v = 8 + (v % 4);          // variant 10xx
    if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
    s += hex[v];
  }
  return s;
}

sdk::CloudEvent make_constat_event(std::mt19937_64& rng, const std::string& type, const std::string& constat_id,
                                   int revision, const std::vector<std::string>& side_insurers) {
  GeneratorOptions options;
  options.insurers = side_insurers;
  options.min_sides = static_cast<int>(side_insurers.size());
  options.max_sides = static_cast<int>(side_insurers.size());
  sdk::Constat c = random_constat(rng, options);
  c.constatId = constat_id;
  c.revision = revision;
  for (std::size_t i = 0; i < c.sides.size() && i < side_insurers.size(); ++i) {
    if (c.sides[i].insurance.insurerId != side_insurers[i]) c.sides[i].insurance.insurerName.reset();
    c.sides[i].insurance.insurerId = side_insurers[i];
  }
  auto e = sdk::make_constat_event(type, c, random_uuid(rng), "2026-11-20T15:02:11+01:00", "/eassurance");
  e.correlationid = "corr-" + random_uuid(rng).substr(0, 8);
  return e;
}

nlohmann::json corpus_event(const std::string& name, std::mt19937_64& rng) {
  auto j = read_json_file(test_data_dir() + "/canonical/" + name);
  j["id"] = random_uuid(rng);
  return j;
}

std::set<std::string> concerned_insurers(const nlohmann::json& event) {
  std::set<std::string> out;
  const auto& data = event.at("data");
  if (data.contains("sides"))
    for (const auto& s : data["sides"]) out.insert(s.at("insurance").at("insurerId").get<std::string>());
  if (data.contains("insurerId")) out.insert(data["insurerId"].get<std::string>());
  return out;
}

std::string event_bytes(const sdk::CloudEvent& e) { return sdk::to_json(e).dump(); }

std::optional<std::string> insurer_record_event_id(const ConsumedRecord& record) {
  auto j = nlohmann::json::parse(record.value, nullptr, false);
  if (!j.is_discarded() && j.is_object()) {
    // SAA: {"entete": {"idMessage": <canonical id>, ...}, "corps": ...}
    if (auto h = j.find("entete"); h != j.end() && h->is_object())
      if (auto id = h->find("idMessage"); id != h->end() && id->is_string()) return id->get<std::string>();
    // Trust: {"eventId": <canonical id>, "eventType", ...}
    if (auto id = j.find("eventId"); id != j.end() && id->is_string()) return id->get<std::string>();
    // A canonical CloudEvent.
    if (auto id = j.find("id"); id != j.end() && id->is_string()) return id->get<std::string>();
  }
  if (auto h = record.header("saa-id-message")) return h;
  return std::nullopt;
}

DeliveryTracker::DeliveryTracker(std::map<std::string, std::set<std::string>> expected,
                                 std::map<std::string, std::string> insurer_of_topic)
    : expected_(std::move(expected)), insurer_of_topic_(std::move(insurer_of_topic)) {
  for (const auto& [id, insurers] : expected_) expected_pairs_ += insurers.size();
}

void DeliveryTracker::add(const ConsumedRecord& r) {
  auto ins = insurer_of_topic_.find(r.topic);
  if (ins == insurer_of_topic_.end()) return;
  ++records_;
  const auto id = insurer_record_event_id(r);
  auto e = id ? expected_.find(*id) : expected_.end();
  if (e == expected_.end() || !e->second.count(ins->second)) {
    ++unknown_;
    return;
  }
  const std::size_t n = ++seen_[{*id, ins->second}];
  if (n == 1) ++found_;
  else ++duplicates_;
}

std::size_t DeliveryTracker::seen(const std::string& event_id, const std::string& insurer) const {
  auto it = seen_.find({event_id, insurer});
  return it == seen_.end() ? 0 : it->second;
}

DeliveryTally DeliveryTracker::tally() const {
  DeliveryTally t;
  t.events = expected_.size();
  t.expected = expected_pairs_;
  t.found = found_;
  t.records = records_;
  t.duplicates = duplicates_;
  t.unknown = unknown_;
  t.missing = expected_pairs_ - found_;
  for (const auto& [id, insurers] : expected_)
    for (const auto& insurer : insurers)
      if (!seen_.count({id, insurer}) && t.missing_examples.size() < 10) t.missing_examples.push_back(id + " -> " + insurer);
  return t;
}

TopicsCleanup::~TopicsCleanup() {
  if (::testing::Test::HasFailure()) {
    std::cout << "[kafka] test failed: its topics are kept on " << bootstrap_ << " for inspection:";
    for (const auto& t : topics_) std::cout << " " << t;
    std::cout << "\n";
    return;
  }
  const std::string problem = delete_topics(bootstrap_, topics_, std::chrono::seconds(20));
  if (!problem.empty()) std::cout << "[kafka] could not delete the test's topics: " << problem << "\n";
}

bool require_broker(const std::string& bootstrap) {
  const std::string problem = broker_problem(bootstrap, std::chrono::seconds(15));
  if (!problem.empty()) {
    ADD_FAILURE() << problem;
    return false;
  }
  return true;
}

}  // namespace passerelle::testing
