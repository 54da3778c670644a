#include "retry_after.hpp"

#include <cstdlib>
#include <ctime>
#include <strings.h>

namespace passerelle::host {

std::optional<std::chrono::milliseconds> retry_after(const sdk::Headers& headers,
                                                     std::chrono::system_clock::time_point now) {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), "Retry-After") != 0) continue;
    char* end = nullptr;
    const long s = std::strtol(v.c_str(), &end, 10);
    if (end != v.c_str() && *end == '\0' && s >= 0) return std::chrono::milliseconds(std::min(s, 86400L) * 1000);
    std::tm tm{};
    const char* rest = strptime(v.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (!rest || *rest != '\0') return std::nullopt;
    const auto at = std::chrono::system_clock::from_time_t(timegm(&tm));
    if (at <= now) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
  }
  return std::nullopt;
}

}  // namespace passerelle::host
