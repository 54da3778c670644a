// What the host writes to the dead-letter topic: the original record untouched, plus headers
// that say why, in Kafka Connect's manner (errors.deadletterqueue.context.headers.enable).
#pragma once

#include <cstdint>
#include <string>

#include "passerelle/sdk/delivery.hpp"

namespace passerelle::host {

enum class Stage { deserialize, validate, map, deliver };
const char* to_string(Stage s);

struct InputRecord {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key;
  std::string value;
  sdk::Headers headers;
};

struct DeadLetterReason {
  Stage stage = Stage::map;
  std::string error_class;  // e.g. "JsonParseError", "ValidationError", "permanent", "retry-exhausted"
  std::string message;      // no personal data: paths and codes, not values
  std::string adapter = "-";
  int attempts = 1;
};

// Headers of the dead letter: the original ones plus passerelle.error.*.
sdk::Headers dead_letter_headers(const InputRecord& r, const DeadLetterReason& why, const std::string& origin);

}  // namespace passerelle::host
