// Command-line options of the passerelle binary: "--name value" and "--flag", nothing fancier.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace passerelle::host {

class CliArgs {
 public:
  // `flags` take no value; every other "--x" takes the next argument. Throws std::invalid_argument
  // naming an unknown option or a missing value.
  CliArgs(const std::vector<std::string>& args, const std::set<std::string>& options,
          const std::set<std::string>& flags);
  std::optional<std::string> get(const std::string& name) const;
  std::string require(const std::string& name) const;
  bool flag(const std::string& name) const { return flags_.count(name) > 0; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
};

}  // namespace passerelle::host
