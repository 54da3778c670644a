// Runs passerelle-insurer-sim as a child process for the tests: ports from its first stdout
// line, stderr to a file, SIGTERM at the end (SIGKILL after a deadline: nothing outlives a test).
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::sim::testing {

using Json = nlohmann::json;

struct ExitStatus {
  int code = -1;   // exit code, -1 when ended by a signal or not reaped
  int signal = 0;  // the signal that ended it
  bool timed_out = false;
};

class SimProcess {
 public:
  // Starts the simulator with "--saa-port 0 --trust-port 0 --caar-port 0" and `args`.
  explicit SimProcess(const std::vector<std::string>& args = {}, bool any_ports = true);
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  bool started() const { return !ports_.is_null(); }
  const Json& ports() const { return ports_; }
  int port(const std::string& name) const { return ports_.value(name, 0); }

  // A client for "saa", "trust", "caar" or "admin" (short connect timeout, 10 s read timeout).
  std::unique_ptr<httplib::Client> client(const std::string& name) const;

  // Sends `signo` and waits for the exit (SIGKILL once the deadline passes).
  ExitStatus stop(int signo = SIGTERM, std::chrono::milliseconds deadline = std::chrono::seconds(15));
  // Waits for an exit without signalling.
  ExitStatus wait(std::chrono::milliseconds deadline);
  std::string log() const;  // everything written on stderr so far
  const std::string& first_line() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string err_path_;
  std::string first_line_;
  Json ports_;
  bool reaped_ = false;
  ExitStatus status_;
};

// Runs the simulator to completion (bad flags and the like).
struct RunResult {
  ExitStatus status;
  std::string out, err;
};
RunResult run_sim(const std::vector<std::string>& args, std::chrono::milliseconds deadline = std::chrono::seconds(20));

// The headers each insurer's adapter sends, with the development keys.
httplib::Headers auth(const std::string& insurer);

// GET on `client`; status 0 when no answer. Body parsed as JSON (null if not JSON).
struct Answer {
  int status = 0;
  httplib::Error error = httplib::Error::Success;
  Json body;
  httplib::Headers headers;
  std::string header(const std::string& name) const;
};
Answer get(httplib::Client& c, const std::string& path, const httplib::Headers& headers = {});
Answer send(httplib::Client& c, const std::string& method, const std::string& path, const std::string& body,
            const httplib::Headers& headers = {});

std::string read_file(const std::string& path);

}  // namespace passerelle::sim::testing
