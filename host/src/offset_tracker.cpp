#include "offset_tracker.hpp"

namespace passerelle::host {

void OffsetTracker::begin(std::int64_t offset) {
  std::lock_guard<std::mutex> lock(mu_);
  pending_.emplace(offset, false);
}

std::optional<std::int64_t> OffsetTracker::finish(std::int64_t offset) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = pending_.find(offset);
  if (it == pending_.end()) return std::nullopt;
  it->second = true;
  std::optional<std::int64_t> store;
  while (!pending_.empty() && pending_.begin()->second) {
    store = pending_.begin()->first + 1;
    pending_.erase(pending_.begin());
  }
  return store;
}

std::size_t OffsetTracker::in_flight() const {
  std::lock_guard<std::mutex> lock(mu_);
  return pending_.size();
}

}  // namespace passerelle::host
