#include "retry_policy.hpp"

#include <algorithm>

namespace passerelle::host {

std::chrono::milliseconds RetryPolicy::backoff(int attempt, std::mt19937_64& rng) const {
  const int exponent = std::clamp(attempt - 2, 0, 30);
  const auto grown = initial_backoff.count() * (std::int64_t{1} << exponent);
  const std::int64_t base = std::min<std::int64_t>(grown, max_backoff.count());
  if (base <= 1) return std::chrono::milliseconds(base);
  const std::int64_t half = base / 2;
  return std::chrono::milliseconds(half + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(base - half + 1)));
}

}  // namespace passerelle::host
