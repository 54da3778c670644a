#include "cli_args.hpp"

namespace passerelle::host {

CliArgs::CliArgs(const std::vector<std::string>& args, const std::set<std::string>& options,
                 const std::set<std::string>& flags) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.rfind("--", 0) != 0) throw std::invalid_argument("unexpected argument \"" + a + "\"");
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      flags_.insert(name);
    } else if (options.count(name)) {
      if (inline_value) values_[name] = *inline_value;
      else if (i + 1 < args.size()) values_[name] = args[++i];
      else throw std::invalid_argument("--" + name + " needs a value");
    } else {
      throw std::invalid_argument("unknown option --" + name);
    }
  }
}

std::optional<std::string> CliArgs::get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string CliArgs::require(const std::string& name) const {
  auto v = get(name);
  if (!v) throw std::invalid_argument("--" + name + " is required");
  return *v;
}

}  // namespace passerelle::host
