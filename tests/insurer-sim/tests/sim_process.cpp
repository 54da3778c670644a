#include "sim_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef SIM_BINARY
#error "SIM_BINARY must name the passerelle-insurer-sim executable"
#endif

namespace passerelle::sim::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string temp_path() {
  const char* dir = std::getenv("TMPDIR");
  std::string tmpl = std::string(dir && *dir ? dir : "/tmp") + "/insurer-sim-stderr-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  const int fd = ::mkstemp(buf.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  return buf.data();
}

// fork + exec with stdout on a pipe (or /dev/null) and stderr appended to err_path.
pid_t spawn(const std::vector<std::string>& argv, int* out_fd, const std::string& err_path) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const int err = ::open(err_path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(out[1], 1);
    if (err >= 0) ::dup2(err, 2);
    const int null = ::open("/dev/null", O_RDONLY);
    if (null >= 0) ::dup2(null, 0);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::fprintf(stderr, "exec %s failed: %s\n", args[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(out[1]);
  if (err >= 0) ::close(err);
  *out_fd = out[0];
  return pid;
}

ExitStatus wait_for(pid_t pid, std::chrono::milliseconds deadline) {
  ExitStatus s;
  const auto until = Clock::now() + deadline;
  while (true) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) {
      if (WIFEXITED(status)) s.code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) s.signal = WTERMSIG(status);
      return s;
    }
    if (r < 0) return s;
    if (Clock::now() > until && !s.timed_out) {
      s.timed_out = true;
      ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::vector<std::string> command(const std::vector<std::string>& args, bool any_ports) {
  std::vector<std::string> argv = {SIM_BINARY};
  if (any_ports) argv.insert(argv.end(), {"--saa-port", "0", "--trust-port", "0", "--caar-port", "0"});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SimProcess::SimProcess(const std::vector<std::string>& args, bool any_ports) {
  err_path_ = temp_path();
  pid_ = spawn(command(args, any_ports), &out_fd_, err_path_);
  // The first line of stdout is the ports; give a sanitizer build plenty of time.
  const auto until = Clock::now() + std::chrono::seconds(30);
  std::string buf;
  while (Clock::now() < until && buf.find('\n') == std::string::npos) {
    pollfd p{out_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[512];
    const ssize_t n = ::read(out_fd_, chunk, sizeof chunk);
    if (n <= 0) break;  // exited before printing
    buf.append(chunk, static_cast<std::size_t>(n));
  }
  first_line_ = buf.substr(0, buf.find('\n'));
  Json j = Json::parse(first_line_, nullptr, false);
  if (!j.is_discarded() && j.is_object()) ports_ = j;
}

SimProcess::~SimProcess() {
  if (!reaped_ && pid_ > 0) stop(SIGTERM, std::chrono::seconds(10));
  if (out_fd_ >= 0) ::close(out_fd_);
  ::unlink(err_path_.c_str());
}

std::unique_ptr<httplib::Client> SimProcess::client(const std::string& name) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port(name));
  c->set_connection_timeout(std::chrono::seconds(2));
  c->set_read_timeout(std::chrono::seconds(10));
  c->set_write_timeout(std::chrono::seconds(10));
  return c;
}

ExitStatus SimProcess::stop(int signo, std::chrono::milliseconds deadline) {
  if (reaped_) return status_;
  ::kill(pid_, signo);
  return wait(deadline);
}

ExitStatus SimProcess::wait(std::chrono::milliseconds deadline) {
  if (reaped_) return status_;
  status_ = wait_for(pid_, deadline);
  reaped_ = true;
  return status_;
}

std::string SimProcess::log() const { return read_file(err_path_); }

RunResult run_sim(const std::vector<std::string>& args, std::chrono::milliseconds deadline) {
  RunResult r;
  const std::string err_path = temp_path();
  int out_fd = -1;
  const pid_t pid = spawn(command(args, false), &out_fd, err_path);
  const auto until = Clock::now() + deadline;
  while (Clock::now() < until) {
    pollfd p{out_fd, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char chunk[4096];
    const ssize_t n = ::read(out_fd, chunk, sizeof chunk);
    if (n <= 0) break;
    r.out.append(chunk, static_cast<std::size_t>(n));
  }
  r.status =
      wait_for(pid, until > Clock::now() ? std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now())
                                         : std::chrono::milliseconds(0));
  ::close(out_fd);
  r.err = read_file(err_path);
  ::unlink(err_path.c_str());
  return r;
}

httplib::Headers auth(const std::string& insurer) {
  if (insurer == "saa") return {{"X-API-Key", "dev-saa-key"}, {"Accept", "application/json"}};
  if (insurer == "trust") return {{"Authorization", "ApiKey dev-trust-key"}, {"Accept", "application/json"}};
  if (insurer == "caar") return {{"X-CAAR-Key", "dev-caar-key"}, {"Accept", "application/json"}};
  return {};
}

std::string Answer::header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

namespace {
Answer answer_of(const httplib::Result& r) {
  Answer a;
  if (!r) {
    a.error = r.error();
    return a;
  }
  a.status = r->status;
  a.headers = r->headers;
  Json j = Json::parse(r->body, nullptr, false);
  a.body = j.is_discarded() ? Json() : j;
  return a;
}
}  // namespace

Answer get(httplib::Client& c, const std::string& path, const httplib::Headers& headers) {
  return answer_of(c.Get(path.c_str(), headers));
}

Answer send(httplib::Client& c, const std::string& method, const std::string& path, const std::string& body,
            const httplib::Headers& headers) {
  const char* type = "application/json";
  if (method == "POST") return answer_of(c.Post(path.c_str(), headers, body, type));
  if (method == "PUT") return answer_of(c.Put(path.c_str(), headers, body, type));
  if (method == "DELETE") return answer_of(c.Delete(path.c_str(), headers, body, type));
  if (method == "PATCH") return answer_of(c.Patch(path.c_str(), headers, body, type));
  return answer_of(c.Get(path.c_str(), headers));
}

}  // namespace passerelle::sim::testing
