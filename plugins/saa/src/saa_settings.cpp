#include "saa_settings.hpp"

#include <set>

#include "passerelle/sdk/cloud_event.hpp"

namespace passerelle::saa {

std::optional<std::string> Config::topic_for(const std::string& event_type) const {
  if (event_type == sdk::kTypeConstatCreated) return topic_constat_created;
  if (event_type == sdk::kTypeConstatUpdated) return topic_constat_updated;
  if (event_type == sdk::kTypeVehicleVerified) return topic_vehicle_verified;
  return std::nullopt;
}

std::optional<std::string> Config::event_type_for(const std::string& topic) const {
  if (topic == topic_constat_created) return std::string(sdk::kTypeConstatCreated);
  if (topic == topic_constat_updated) return std::string(sdk::kTypeConstatUpdated);
  if (topic == topic_vehicle_verified) return std::string(sdk::kTypeVehicleVerified);
  return std::nullopt;
}

namespace {

bool has_control_or_space(const std::string& s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return true;
  return false;
}

// Kafka's own rule for topic names: [a-zA-Z0-9._-], at most 249 characters.
bool valid_topic(const std::string& t) {
  if (t.empty() || t.size() > 249 || t == "." || t == "..") return false;
  for (char c : t)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

}  // namespace

sdk::Result<Config> read_config(const sdk::Settings& settings, const std::string& adapter_id,
                                const sdk::ValidationOptions& host_validation) {
  Config c;
  c.adapter_id = adapter_id;
  c.host_validation = host_validation;
  c.base_url = settings.get_string("base_url");
  c.api_key = settings.get_string("api_key");
  c.topic_constat_created = settings.get_string("topic_constat_created", "saa-constat.created");
  c.topic_constat_updated = settings.get_string("topic_constat_updated", "saa-constat.updated");
  c.topic_vehicle_verified = settings.get_string("topic_vehicle_verified", "saa-vehicle.verified");
  c.sender = settings.get_string("sender", "E-ASSURANCE");
  const long long wilaya_max = settings.get_int("wilaya_max", 58);

  std::string problems;
  auto problem = [&](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
  if (c.base_url.rfind("https://", 0) != 0 && c.base_url.rfind("http://", 0) != 0)
    problem("base_url: must start with https:// or http://");
  // The key goes into an HTTP header: anything that could split or fold the header is refused.
  // The value itself is never echoed.
  if (c.api_key.empty()) problem("api_key: must not be empty");
  else if (has_control_or_space(c.api_key)) problem("api_key: must not contain spaces or control characters");
  struct NamedTopic {
    const char* name;
    const std::string* topic;
  };
  for (const NamedTopic& t : {NamedTopic{"topic_constat_created", &c.topic_constat_created},
                              NamedTopic{"topic_constat_updated", &c.topic_constat_updated},
                              NamedTopic{"topic_vehicle_verified", &c.topic_vehicle_verified}}) {
    if (!valid_topic(*t.topic)) problem(std::string(t.name) + ": \"" + *t.topic + "\" is not a valid Kafka topic name");
  }
  const std::set<std::string> distinct = {c.topic_constat_created, c.topic_constat_updated, c.topic_vehicle_verified};
  if (distinct.size() != 3)
    problem("topic_constat_created, topic_constat_updated and topic_vehicle_verified must be three different topics "
            "(the topic tells which SAA message type a record carries)");
  if (wilaya_max < 58 || wilaya_max > 99)
    problem("wilaya_max: must be between 58 (today's wilayas) and 99 (two digits), got " + std::to_string(wilaya_max));
  c.wilaya_max = static_cast<int>(wilaya_max);
  if (c.sender.empty()) problem("sender: must not be empty");
  if (adapter_id.empty()) problem("adapter id: must not be empty (it is the insurerId of canonical events)");
  if (!problems.empty()) return sdk::Status::invalid_config("saa: " + problems);
  return c;
}

}  // namespace passerelle::saa
