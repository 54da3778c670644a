// A YAML file read into JSON, with the file:line:column of every value kept for error messages
// and ${VAR} substituted in scalars.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "env_substitution.hpp"

namespace passerelle::host {

struct ConfigProblem {
  std::string place;    // "config/passerelle.yaml:12:5 adapters[1].settings.api_key"
  std::string message;
  std::string text() const { return place + ": " + message; }
};

struct YamlDocument {
  std::string file;
  nlohmann::json root;
  std::map<std::string, std::string> marks;  // dotted path -> "line:col"

  // "file:line:col path" for a dotted path, falling back to the nearest parent that has a mark.
  std::string place(const std::string& path) const;
};

// Plain scalars become bool/int/float/null as YAML 1.2 core reads them; quoted scalars stay
// strings. `path_prefix` roots the dotted paths (used for included fragments).
YamlDocument read_yaml_file(const std::string& file, const EnvLookup& env, std::vector<ConfigProblem>& problems,
                            const std::string& path_prefix = "");

}  // namespace passerelle::host
