// Which input offsets of one partition are fully handled. Records finish out of order (Kafka
// acks and HTTP calls complete when they do); the offset that may be stored is the one after
// the longest finished prefix, so a crash never skips a record whose effects were not durable.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>

namespace passerelle::host {

class OffsetTracker {
 public:
  void begin(std::int64_t offset);
  // Marks `offset` finished; returns the next offset to store when the finished prefix grew.
  std::optional<std::int64_t> finish(std::int64_t offset);
  std::size_t in_flight() const;

 private:
  mutable std::mutex mu_;
  std::map<std::int64_t, bool> pending_;  // offset -> finished
};

}  // namespace passerelle::host
