#include "dedup_window.hpp"

namespace passerelle::host {

bool DedupWindow::contains(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  return set_.count(key) > 0;
}

void DedupWindow::remember(const std::string& key) {
  if (capacity_ == 0) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (!set_.insert(key).second) return;
  order_.push_back(key);
  while (order_.size() > capacity_) {
    set_.erase(order_.front());
    order_.pop_front();
  }
}

std::size_t DedupWindow::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return set_.size();
}

}  // namespace passerelle::host
