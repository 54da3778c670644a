// The "drop" outage: a listener that accepts every connection and closes it without a byte,
// so a client sees its connection reset / closed (httplib: status 0, Error::Read).
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

namespace passerelle::sim {

class DropListener {
 public:
  // Binds host:port (SO_REUSEADDR) and starts accepting; nullptr and `error` set on failure.
  static std::unique_ptr<DropListener> start(const std::string& host, int port, std::function<void()> on_drop,
                                             std::string& error);
  ~DropListener();
  void stop();

 private:
  DropListener() = default;
  void run();
  int fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::function<void()> on_drop_;
  std::thread thread_;
};

}  // namespace passerelle::sim
