#include "event_publisher.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>

namespace passerelle::host {

bool EventPublisher::publish(const std::vector<sdk::KafkaRecord>& records, std::chrono::milliseconds timeout,
                             std::string& error) {
  struct Wait {
    std::mutex mu;
    std::condition_variable cv;
    std::size_t left;
    std::string error;
  };
  // Shared with the delivery callbacks, which may outlive this call after a timeout.
  auto w = std::make_shared<Wait>();
  w->left = records.size();
  for (const auto& r : records) {
    producer_.produce(r.topic, r.key, r.headers, r.value, [w](rd_kafka_resp_err_t err) {
      std::lock_guard<std::mutex> lock(w->mu);
      if (err && w->error.empty()) w->error = rd_kafka_err2str(err);
      --w->left;
      w->cv.notify_all();
    });
  }
  std::unique_lock<std::mutex> lock(w->mu);
  if (!w->cv.wait_for(lock, timeout, [&] { return w->left == 0; })) {
    error = "Kafka did not acknowledge within " + std::to_string(timeout.count()) + " ms";
    return false;
  }
  error = w->error;
  return error.empty();
}

}  // namespace passerelle::host
