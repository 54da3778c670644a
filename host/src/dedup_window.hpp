// The ids of the last N events delivered on a route: an input seen again within the window is
// dropped (counted as filtered). Bounded in memory; the oldest ids leave first.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_set>

namespace passerelle::host {

class DedupWindow {
 public:
  explicit DedupWindow(std::size_t capacity) : capacity_(capacity) {}
  bool contains(const std::string& key) const;
  void remember(const std::string& key);
  std::size_t size() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_set<std::string> set_;
  std::deque<std::string> order_;
};

}  // namespace passerelle::host
