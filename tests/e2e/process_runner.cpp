#include "process_runner.hpp"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace passerelle::testing {
namespace {

struct Spawned {
  int pid, in_fd, out_fd, err_fd;
};

Spawned spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  int in[2], out[2], err[2];
  if (::pipe(in) || ::pipe(out) || ::pipe(err)) throw std::runtime_error("pipe failed");
  const int pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(err[1], 2);
    for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) ::close(fd);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::fprintf(stderr, "exec %s failed: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  return {pid, in[1], out[0], err[0]};
}

// Reads whatever is available on the fds within timeout_ms; returns false when both are closed.
bool pump(int out_fd, int err_fd, std::string& out, std::string& err, int timeout_ms) {
  pollfd fds[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
  int open = (out_fd >= 0) + (err_fd >= 0);
  if (!open) return false;
  if (::poll(fds, 2, timeout_ms) <= 0) return true;
  char buf[65536];
  bool any_open = false;
  for (int i = 0; i < 2; ++i) {
    if (fds[i].fd < 0) continue;
    if (fds[i].revents & (POLLIN | POLLHUP)) {
      const ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n > 0) (i == 0 ? out : err).append(buf, static_cast<std::size_t>(n));
      if (n > 0) any_open = true;
    } else {
      any_open = true;
    }
  }
  return any_open;
}

ProcessResult reap(int pid, bool timed_out) {
  ProcessResult r;
  int status = 0;
  ::waitpid(pid, &status, 0);
  r.timed_out = timed_out;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, const std::string& stdin_text,
                          std::chrono::milliseconds deadline, const std::map<std::string, std::string>& env) {
  auto s = spawn(argv, env);
  std::thread writer([fd = s.in_fd, stdin_text] {
    std::size_t off = 0;
    while (off < stdin_text.size()) {
      const ssize_t n = ::write(fd, stdin_text.data() + off, stdin_text.size() - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
  std::string out, err;
  const auto until = std::chrono::steady_clock::now() + deadline;
  bool timed_out = false;
  while (pump(s.out_fd, s.err_fd, out, err, 100)) {
    if (std::chrono::steady_clock::now() > until) {
      timed_out = true;
      ::kill(s.pid, SIGKILL);
      break;
    }
  }
  writer.join();
  ::close(s.out_fd);
  ::close(s.err_fd);
  auto r = reap(s.pid, timed_out);
  r.out = std::move(out);
  r.err = std::move(err);
  return r;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env) {
  auto s = spawn(argv, env);
  ::close(s.in_fd);
  pid_ = s.pid;
  out_fd_ = s.out_fd;
  err_fd_ = s.err_fd;
}

BackgroundProcess::~BackgroundProcess() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

void BackgroundProcess::signal(int signo) { ::kill(pid_, signo); }

void BackgroundProcess::drain(int timeout_ms) { pump(out_fd_, err_fd_, out_, err_, timeout_ms); }

bool BackgroundProcess::wait_for_output(const std::string& needle, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (out_.find(needle) != std::string::npos) return true;
    drain(100);
  }
  return out_.find(needle) != std::string::npos;
}

ProcessResult BackgroundProcess::wait(std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  bool timed_out = false;
  while (true) {
    int status = 0;
    const int r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      drain(50);
      reaped_ = true;
      ProcessResult res;
      if (WIFEXITED(status)) res.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) res.signal = WTERMSIG(status);
      res.timed_out = timed_out;
      res.out = out_;
      res.err = err_;
      return res;
    }
    if (std::chrono::steady_clock::now() > until && !timed_out) {
      timed_out = true;
      ::kill(pid_, SIGKILL);
    }
    drain(50);
  }
}

}  // namespace passerelle::testing
