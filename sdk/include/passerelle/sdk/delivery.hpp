// What an adapter asks the host to carry out (outbound) and what the host hands it (inbound).
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::sdk {

using Headers = std::map<std::string, std::string>;

// A record for one of the insurer's Kafka topics. The host produces it with the idempotent
// producer and stores the input offset only once it is acknowledged.
struct KafkaRecord {
  std::string topic;
  std::string key;
  Headers headers;
  std::string value;
  bool operator==(const KafkaRecord&) const = default;
};

// A call to the insurer's REST API. `path` is relative to the adapter's configured base URL.
// The host adds the Idempotency-Key (the event id), timeouts, retries and the circuit breaker.
struct HttpCall {
  std::string method = "POST";
  std::string path;
  Headers headers;
  std::string body;
  bool operator==(const HttpCall&) const = default;
};

using Delivery = std::variant<KafkaRecord, HttpCall>;

// An insurer's record arriving at the host: a Kafka record from a topic the adapter subscribes
// to, or an HTTP body pushed to the host's webhook. Same shape as Delivery so that the output
// of to_provider() can be fed back to to_canonical() in a dry run.
using InboundRecord = Delivery;

// The JSON form used by `passerelle map`: {"kind":"kafka","topic","key","headers","value"} or
// {"kind":"http","method","path","headers","body"}. `value`/`body` are JSON when they parse as
// JSON, strings otherwise.
nlohmann::json to_json(const Delivery& d);
// Throws std::invalid_argument naming the missing or ill-typed field.
Delivery delivery_from_json(const nlohmann::json& j);

}  // namespace passerelle::sdk
