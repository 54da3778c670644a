#include "passerelle/sdk/validation.hpp"

namespace passerelle::sdk {

std::string ValidationErrors::summary(std::size_t max_issues) const {
  std::string out;
  std::size_t n = 0;
  for (const auto& i : issues_) {
    if (n == max_issues) {
      out += "; and " + std::to_string(issues_.size() - n) + " more";
      break;
    }
    if (n++) out += "; ";
    out += i.path + ": " + i.message;
  }
  return out;
}

}  // namespace passerelle::sdk
