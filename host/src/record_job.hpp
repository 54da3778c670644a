// The handling of one consumed record, outbound or inbound, as a small state machine: each
// step either finishes, issues deliveries, or waits for a retry timer and resumes. The lane is
// released when the record's deliveries are issued; the offset is stored when they are durable.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dead_letter.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/host_context.hpp"
#include "route_counters.hpp"

namespace passerelle::host {

class Router;
class AdapterInstance;

class RecordJob : public std::enable_shared_from_this<RecordJob> {
 public:
  using LaneDone = std::function<void()>;
  using Finished = std::function<void(bool handed_back)>;

  RecordJob(Router& router, InputRecord record, LaneDone lane_done, Finished finished);
  void start();

 private:
  // One adapter's share of this record: done when all its deliveries are acknowledged.
  struct Share {
    AdapterInstance* adapter = nullptr;  // null: the record concerns no adapter ("-")
    Direction direction = Direction::outbound;
    std::string dedup_key;
    std::atomic<int> pending{0};  // decremented on the producer's poll thread and on the pool
    std::atomic<bool> failed{false};
    DeadLetterReason reason;
  };
  struct HttpWork {
    std::shared_ptr<Share> share;
    sdk::HttpCall call;
    int attempts = 0;
  };

  void outbound_begin();
  void outbound_next();
  void inbound_begin(AdapterInstance* adapter);
  void inbound_map();
  void issue(const std::shared_ptr<Share>& share, std::vector<sdk::Delivery> deliveries);
  void http_next();
  void produce(const std::shared_ptr<Share>& share, std::string topic, std::string key, sdk::Headers headers,
               std::string value, int attempt);
  void share_delivered(const std::shared_ptr<Share>& share);
  // One delivery of the share failed for good: the first failure dead-letters the record for
  // this adapter. `failed` is set before `pending` drops so an ack racing it cannot count the
  // share as delivered too.
  void share_failed(const std::shared_ptr<Share>& share, DeadLetterReason reason);
  void dead_letter(const std::string& adapter, Direction direction, DeadLetterReason reason, int attempt = 1);
  void end_processing();  // the lane may move on
  // Runs `step` again after `delay` (a retry, or waiting for a breaker), unless the host stops.
  void resume_after(std::chrono::milliseconds delay, void (RecordJob::*step)());
  void hold();
  void release();         // one effect finished; at zero the record is done
  void hand_back();       // stopping: leave the record for the next consumer
  sdk::LogFields event_fields() const;

  Router& router_;
  InputRecord record_;
  LaneDone lane_done_;
  Finished finished_;
  std::atomic<int> holds_{1};  // the processing itself, plus one per issued delivery
  std::atomic<bool> handed_back_{false};
  bool lane_released_ = false;

  std::optional<sdk::CloudEvent> event_;
  std::vector<AdapterInstance*> targets_;
  std::size_t target_ = 0;
  int attempts_ = 0;
  AdapterInstance* inbound_adapter_ = nullptr;
  std::vector<HttpWork> http_;
  std::size_t http_index_ = 0;
};

}  // namespace passerelle::host
