#include "log.hpp"

#include <memory>
#include <mutex>
#include <stdexcept>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::host::log {
namespace {

std::shared_ptr<spdlog::logger>& logger() {
  static std::shared_ptr<spdlog::logger> instance;
  return instance;
}

spdlog::level::level_enum to_spdlog(LogLevel l) {
  switch (l) {
    case LogLevel::trace: return spdlog::level::trace;
    case LogLevel::debug: return spdlog::level::debug;
    case LogLevel::info: return spdlog::level::info;
    case LogLevel::warn: return spdlog::level::warn;
    case LogLevel::error: return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* name_of(LogLevel l) {
  switch (l) {
    case LogLevel::trace: return "trace";
    case LogLevel::debug: return "debug";
    case LogLevel::info: return "info";
    case LogLevel::warn: return "warn";
    case LogLevel::error: return "error";
  }
  return "info";
}

std::once_flag default_once;

spdlog::logger& ensure() {
  // Commands that never call init() (tests, `map`) still get JSON lines, on stderr so that
  // stdout stays the command's own output.
  std::call_once(default_once, [] {
    if (!logger()) {
      logger() = std::make_shared<spdlog::logger>("passerelle", std::make_shared<spdlog::sinks::stderr_sink_mt>());
      logger()->set_pattern("%v");
      logger()->set_level(spdlog::level::warn);
    }
  });
  return *logger();
}

}  // namespace

bool parse_level(std::string_view name, LogLevel& out) {
  for (auto l : {LogLevel::trace, LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error}) {
    if (name == name_of(l)) {
      out = l;
      return true;
    }
  }
  return false;
}

void init(const std::string& level, bool to_stderr) {
  LogLevel l;
  if (!parse_level(level, l)) throw std::invalid_argument("log level must be trace|debug|info|warn|error");
  std::shared_ptr<spdlog::sinks::sink> sink;
  if (to_stderr)
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  else
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto lg = std::make_shared<spdlog::logger>("passerelle", sink);
  lg->set_pattern("%v");
  lg->set_level(to_spdlog(l));
  lg->flush_on(spdlog::level::trace);
  std::call_once(default_once, [] {});
  logger() = lg;
}

void set_level(const std::string& level) {
  LogLevel l;
  if (parse_level(level, l)) ensure().set_level(to_spdlog(l));
}

bool enabled(LogLevel level) { return ensure().should_log(to_spdlog(level)); }

void write(LogLevel level, std::string_view component, std::string_view adapter, std::string_view message,
           const LogFields& fields) {
  auto& lg = ensure();
  if (!lg.should_log(to_spdlog(level))) return;
  nlohmann::ordered_json line = nlohmann::ordered_json::object();
  line["time"] = sdk::now_rfc3339();
  line["level"] = name_of(level);
  line["component"] = component;
  if (!adapter.empty()) line["adapter"] = adapter;
  line["msg"] = message;
  for (const auto& [k, v] : fields) line[k] = v;
  lg.log(to_spdlog(level), "{}", line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace passerelle::host::log
