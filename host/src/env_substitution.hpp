// ${VAR} and ${VAR:-default} in config values, so secrets stay out of the file.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace passerelle::host {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

EnvLookup process_environment();

// Replaces every ${NAME} / ${NAME:-fallback}; "$${" stays a literal "${". Names of variables
// that are unset (and have no fallback) are appended to `missing`.
std::string substitute_env(const std::string& text, const EnvLookup& lookup, std::vector<std::string>& missing);

}  // namespace passerelle::host
