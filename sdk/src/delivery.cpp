#include "passerelle/sdk/delivery.hpp"

#include <stdexcept>

namespace passerelle::sdk {
namespace {

// Bodies are shown as JSON when they are JSON, so that a dry run is readable.
nlohmann::json body_json(const std::string& s) {
  auto j = nlohmann::json::parse(s, nullptr, false);
  if (j.is_discarded()) return s;
  return j;
}

std::string body_text(const nlohmann::json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

Headers headers_from(const nlohmann::json& j, const char* where) {
  Headers h;
  if (j.is_null()) return h;
  if (!j.is_object()) throw std::invalid_argument(std::string(where) + ".headers: must be an object of strings");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!it->is_string())
      throw std::invalid_argument(std::string(where) + ".headers." + it.key() + ": must be a string");
    h[it.key()] = it->get<std::string>();
  }
  return h;
}

std::string required_string(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) throw std::invalid_argument(std::string(key) + ": required string");
  return it->get<std::string>();
}

}  // namespace

nlohmann::json to_json(const Delivery& d) {
  if (const auto* k = std::get_if<KafkaRecord>(&d)) {
    return {{"kind", "kafka"}, {"topic", k->topic}, {"key", k->key}, {"headers", k->headers}, {"value", body_json(k->value)}};
  }
  const auto& h = std::get<HttpCall>(d);
  return {{"kind", "http"}, {"method", h.method}, {"path", h.path}, {"headers", h.headers}, {"body", body_json(h.body)}};
}

Delivery delivery_from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("a delivery must be a JSON object");
  const std::string kind = j.contains("kind") && j["kind"].is_string() ? j["kind"].get<std::string>() : "";
  if (kind == "kafka") {
    KafkaRecord k;
    k.topic = required_string(j, "topic");
    k.key = j.contains("key") && j["key"].is_string() ? j["key"].get<std::string>() : "";
    k.headers = headers_from(j.value("headers", nlohmann::json()), "kafka");
    if (!j.contains("value")) throw std::invalid_argument("value: required");
    k.value = body_text(j["value"]);
    return k;
  }
  if (kind == "http") {
    HttpCall h;
    h.method = j.contains("method") && j["method"].is_string() ? j["method"].get<std::string>() : "POST";
    h.path = j.contains("path") && j["path"].is_string() ? j["path"].get<std::string>() : "";
    h.headers = headers_from(j.value("headers", nlohmann::json()), "http");
    if (!j.contains("body")) throw std::invalid_argument("body: required");
    h.body = body_text(j["body"]);
    return h;
  }
  throw std::invalid_argument("kind: must be \"kafka\" or \"http\"");
}

}  // namespace passerelle::sdk
