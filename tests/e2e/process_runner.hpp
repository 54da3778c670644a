// Runs the passerelle binary as a child process: stdin in, stdout/stderr and exit status out,
// with a deadline after which the child is killed (every test run stops by itself).
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace passerelle::testing {

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;         // the signal that ended it, 0 if it exited
  bool timed_out = false;
  std::string out;
  std::string err;
};

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text = "",
                          std::chrono::milliseconds deadline = std::chrono::seconds(30),
                          const std::map<std::string, std::string>& env = {});

// A long-running child (passerelle run): started, signalled, then waited for.
class BackgroundProcess {
 public:
  BackgroundProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {});
  ~BackgroundProcess();
  void signal(int signo);
  // Waits until `needle` appears in stdout, or the deadline passes. Returns whether it appeared.
  bool wait_for_output(const std::string& needle, std::chrono::milliseconds deadline);
  ProcessResult wait(std::chrono::milliseconds deadline);
  const std::string& out() const { return out_; }

 private:
  void drain(int timeout_ms);
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
  bool reaped_ = false;
};

}  // namespace passerelle::testing
