// Reads the dead-letter topic for operators: the most recent records, or a range, or those of
// some event ids. Uses its own short-lived consumer with explicit assignment, no group offsets.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dead_letter.hpp"

namespace passerelle::host {

struct DeadLetterRecord {
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::int64_t timestamp_ms = 0;
  std::string key;
  std::string value;
  sdk::Headers headers;
};

struct DeadLetterQuery {
  std::size_t limit = 50;                   // most recent, across partitions
  std::optional<std::int32_t> partition;    // with from/to: a range of one partition
  std::optional<std::int64_t> from_offset;
  std::optional<std::int64_t> to_offset;    // inclusive
};

class DeadLetterReader {
 public:
  DeadLetterReader(std::string bootstrap, std::map<std::string, std::string> properties, std::string topic);
  // Throws KafkaError when the topic cannot be read.
  std::vector<DeadLetterRecord> read(const DeadLetterQuery& q, std::chrono::milliseconds timeout) const;

 private:
  std::string bootstrap_;
  std::map<std::string, std::string> properties_;
  std::string topic_;
};

}  // namespace passerelle::host
