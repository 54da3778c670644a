// passerelle-insurer-sim: serves the REST APIs of SAA, Trust and CAAR on loopback, as the
// Passerelle adapters call them, with fault knobs. docs/insurer-simulator.md is its manual.
#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "options.hpp"
#include "simulator.hpp"
#include "world.hpp"

using namespace passerelle::sim;

namespace {

int fail(const std::string& message, int code) {
  std::fprintf(stderr, "passerelle-insurer-sim: %s\n", message.c_str());
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const ParsedOptions parsed = parse_options(args);
  if (!parsed.options) return fail(parsed.error + " (--help lists the options)", 2);
  const Options& options = *parsed.options;
  if (options.help) {
    std::fputs(usage().c_str(), stdout);
    return 0;
  }

  std::string text;
  std::string origin = "the built-in world";
  if (options.seed_file) {
    std::ifstream in(*options.seed_file, std::ios::binary);
    if (!in) return fail("--seed " + *options.seed_file + ": cannot read it (" + std::strerror(errno) + ")", 2);
    std::ostringstream ss;
    ss << in.rdbuf();
    text = ss.str();
    origin = *options.seed_file;
  } else {
    text = std::string(default_world_text());
  }
  Json world;
  try {
    world = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return fail(origin + ": not JSON (" + e.what() + ")", 2);
  }
  const auto problems = validate_world(world);
  if (!problems.empty()) {
    for (const auto& p : problems) std::fprintf(stderr, "passerelle-insurer-sim: %s: %s\n", origin.c_str(), p.c_str());
    return fail(std::to_string(problems.size()) + " problem(s) in the world", 2);
  }

  // Signals are taken synchronously by this thread; every thread started from here inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  ::signal(SIGPIPE, SIG_IGN);

  Simulator sim(options, world);
  std::string error;
  if (!sim.start(error)) {
    sim.shutdown();
    return fail(error, 1);
  }
  std::printf("%s\n", sim.ports().dump().c_str());
  std::fflush(stdout);

  using Clock = std::chrono::steady_clock;
  std::optional<Clock::time_point> deadline;
  if (options.duration_s)
    deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(*options.duration_s));
  std::string reason = "duration elapsed";
  while (true) {
    timespec wait{0, 50 * 1000 * 1000};
    const int sig = sigtimedwait(&stop_signals, nullptr, &wait);
    if (sig == SIGINT || sig == SIGTERM) {
      reason = sig == SIGINT ? "SIGINT" : "SIGTERM";
      break;
    }
    if (deadline && Clock::now() >= *deadline) break;
    sim.tick();
  }
  sim.shutdown();
  log_line({{"msg", "stopped"}, {"reason", reason}});
  return 0;
}
