#include "saa_problems.hpp"

namespace passerelle::saa {

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string index_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string Problems::summary(std::size_t max_issues) const {
  std::string out;
  std::size_t n = 0;
  for (const auto& i : issues_) {
    if (n == max_issues) {
      out += "; et " + std::to_string(issues_.size() - n) + " autre(s) (and more)";
      break;
    }
    if (n++) out += "; ";
    out += i.path + ": " + i.message;
  }
  return out;
}

std::string Origins::saa_path_for(const std::string& canonical_path) const {
  if (auto it = map_.find(canonical_path); it != map_.end()) return it->second;
  std::string prefix = canonical_path;
  while (!prefix.empty()) {
    const auto cut = prefix.find_last_of(".[");
    if (cut == std::string::npos || cut == 0) break;
    prefix.resize(cut);
    if (auto it = map_.find(prefix); it != map_.end()) return it->second + canonical_path.substr(cut);
  }
  return "(canonique) " + canonical_path;
}

}  // namespace passerelle::saa
