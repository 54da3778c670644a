#include "gateway_cache.hpp"

namespace passerelle::host {

void GatewayCache::put(const std::string& key, const nlohmann::json& answer, Clock::time_point now) {
  if (ttl_.count() == 0 || capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = entries_.insert_or_assign(key, std::make_pair(answer, now));
  (void)it;
  if (inserted) order_.push_back(key);
  while (order_.size() > capacity_) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
}

std::optional<GatewayCache::Hit> GatewayCache::get(const std::string& key, Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const auto age = std::chrono::duration_cast<std::chrono::milliseconds>(now - it->second.second);
  if (age > ttl_) return std::nullopt;
  return Hit{it->second.first, age};
}

}  // namespace passerelle::host
