#include "http_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <unistd.h>

namespace passerelle::testing {
namespace {

std::string sha256_of(const std::string& s) {
  // The test's own hashing would duplicate the host's; sha256sum is what operators use too.
  const std::string cmd = "printf %s '" + s + "' | sha256sum | cut -c1-64";
  std::unique_ptr<FILE, int (*)(FILE*)> p(::popen(cmd.c_str(), "r"), ::pclose);
  char buf[128] = {0};
  if (!p || !std::fgets(buf, sizeof buf, p.get())) throw std::runtime_error("sha256sum failed");
  std::string out(buf);
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

int first_int(const std::string& text, const std::string& key) {
  std::smatch m;
  if (std::regex_search(text, m, std::regex("\"" + key + "\":([0-9]+)"))) return std::stoi(m[1]);
  return 0;
}

}  // namespace

SimAndHost::SimAndHost(const std::string& extra_http, const std::string& kafka_bootstrap,
                       const std::string& topic_prefix, const std::string& breaker) {
  namespace fs = std::filesystem;
  static int counter = 0;
  dir_ = (fs::temp_directory_path() / ("passerelle-http-" + std::to_string(::getpid()) + "-" + std::to_string(++counter)))
             .string();
  fs::create_directories(dir_);
  fs::permissions(dir_, fs::perms::owner_all);

  sim_proc_ = std::make_unique<BackgroundProcess>(std::vector<std::string>{
      INSURER_SIM_BIN, "--saa-port", "0", "--trust-port", "0", "--caar-port", "0", "--duration-s", "600"});
  if (!sim_proc_->wait_for_output("\"saa\":", std::chrono::seconds(30)))
    throw std::runtime_error("the insurer simulator did not start: " + sim_proc_->out());
  const auto& line = sim_proc_->out();
  sim_ = {first_int(line, "saa"), first_int(line, "trust"), first_int(line, "caar"), first_int(line, "admin")};

  const std::string p = topic_prefix;
  std::ofstream cfg(dir_ + "/passerelle.yaml");
  cfg << "service: {log_level: info}\n"
      << "plugins:\n  directories: [\"" << PLUGIN_DIR << "\"]\n"
      << "kafka:\n  bootstrap_servers: \"" << kafka_bootstrap << "\"\n  group_id: " << p << "passerelle\n"
      << "  topics: {constat_created: " << p << "constat.created, constat_updated: " << p
      << "constat.updated, vehicle_verified: " << p << "vehicle.verified, dead_letter: " << p << "passerelle.dlq}\n"
      << "routing:\n  retry: {initial_backoff_ms: 100, max_backoff_ms: 1000, max_attempts: 4}\n"
      << "http:\n  listen: 127.0.0.1:0\n  request_timeout_ms: 5000\n"
      << "  client_read_timeout_ms: 2000\n  client_connect_timeout_ms: 1000\n"
      << "  breaker: " << breaker << "\n"
      << "  api_keys:\n"
      << "    - {name: platform, sha256: " << sha256_of(kPlatformKey) << ", scopes: [gateway, admin, \"inbound:*\"]}\n"
      << "    - {name: ops, sha256: " << sha256_of(kOpsKey) << ", scopes: [admin]}\n"
      << extra_http
      << "adapters:\n"
      << "  - id: saa\n    plugin: saa\n    settings:\n      base_url: http://127.0.0.1:" << sim_.saa
      << "\n      api_key: dev-saa-key\n"
      << "      topic_constat_created: " << p << "saa-constat.created\n"
      << "      topic_constat_updated: " << p << "saa-constat.updated\n"
      << "      topic_vehicle_verified: " << p << "saa-vehicle.verified\n"
      << "  - id: trust\n    plugin: trust\n    settings:\n      base_url: http://127.0.0.1:" << sim_.trust
      << "\n      api_key: dev-trust-key\n"
      << "      topic_constat_created: " << p << "trust-constat.created\n"
      << "      topic_constat_updated: " << p << "trust-constat.updated\n"
      << "      topic_vehicle_verified: " << p << "trust-vehicle.verified\n"
      << "  - include: " << PASSERELLE_SOURCE_DIR << "/config/insurers/caar.yaml\n";
  cfg.close();
  host_ = std::make_unique<BackgroundProcess>(
      std::vector<std::string>{PASSERELLE_BIN, "run", "--config", dir_ + "/passerelle.yaml"},
      std::map<std::string, std::string>{{"CAAR_BASE_URL", "http://127.0.0.1:" + std::to_string(sim_.caar)}});
  if (!host_->wait_for_output("\"msg\":\"listening\"", std::chrono::seconds(30)))
    throw std::runtime_error("the host did not start listening: " + host_->out());
  std::smatch m;
  const std::string out = host_->out();
  if (!std::regex_search(out, m, std::regex(R"re("address":"127\.0\.0\.1:([0-9]+)")re")))
    throw std::runtime_error("no listening address in the host's log");
  host_port_ = std::stoi(m[1]);
  // Routes are ready once partitions are assigned; the HTTP surface is ready now.
}

SimAndHost::~SimAndHost() {
  if (host_) {
    host_->signal(SIGTERM);
    host_->wait(std::chrono::seconds(30));
  }
  if (sim_proc_) {
    sim_proc_->signal(SIGTERM);
    sim_proc_->wait(std::chrono::seconds(10));
  }
  std::filesystem::remove_all(dir_);
}

httplib::Client SimAndHost::host() const {
  httplib::Client c("127.0.0.1", host_port_);
  c.set_read_timeout(std::chrono::seconds(15));
  return c;
}

httplib::Client SimAndHost::sim_admin() const { return httplib::Client("127.0.0.1", sim_.admin); }

void SimAndHost::fault(const std::string& insurer, const nlohmann::json& knobs) const {
  auto c = sim_admin();
  auto r = c.Post(("/_sim/faults?insurer=" + insurer).c_str(), knobs.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("could not set simulator faults: " + (r ? r->body : "no answer"));
}

nlohmann::json SimAndHost::sim_stats(const std::string& insurer) const {
  auto c = sim_admin();
  auto r = c.Get(("/_sim/stats?insurer=" + insurer).c_str());
  if (!r || r->status != 200) throw std::runtime_error("no simulator stats");
  return nlohmann::json::parse(r->body)[insurer];
}

}  // namespace passerelle::testing
