// Structured JSON-line logging for the host and, through the host context, for adapters.
// One line per event on stdout: {"time","level","component","adapter","msg",...fields}.
// Fields with an event id and correlation id are added by callers that concern an event.
#pragma once

#include <string>
#include <string_view>

#include "passerelle/sdk/host_context.hpp"

namespace passerelle::host::log {

using sdk::LogFields;
using sdk::LogLevel;

// Call once at start. `level` is trace|debug|info|warn|error; anything else throws.
void init(const std::string& level, bool to_stderr = false);
void set_level(const std::string& level);
bool parse_level(std::string_view name, LogLevel& out);

// Whether a line at `level` would be written: skip building fields on the hot path otherwise.
bool enabled(LogLevel level);

void write(LogLevel level, std::string_view component, std::string_view adapter, std::string_view message,
           const LogFields& fields = {});

inline void info(std::string_view component, std::string_view message, const LogFields& fields = {}) {
  write(LogLevel::info, component, "", message, fields);
}
inline void warn(std::string_view component, std::string_view message, const LogFields& fields = {}) {
  write(LogLevel::warn, component, "", message, fields);
}
inline void error(std::string_view component, std::string_view message, const LogFields& fields = {}) {
  write(LogLevel::error, component, "", message, fields);
}
inline void debug(std::string_view component, std::string_view message, const LogFields& fields = {}) {
  write(LogLevel::debug, component, "", message, fields);
}

}  // namespace passerelle::host::log
