#include "trust_settings.hpp"

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

namespace passerelle::trust {
namespace {

bool is_country_code(const std::string& s) {
  return s.size() == 2 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A key with a space or control character could smuggle a second header line into requests.
bool is_header_safe_token(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
  });
}

}  // namespace

sdk::Status load_config(const sdk::Settings& settings, TrustConfig& out) {
  std::vector<std::string> problems;
  out.base_url = settings.get_string("base_url");
  out.api_key = settings.get_string("api_key");
  out.topic_created = settings.get_string("topic_constat_created", "trust-constat.created");
  out.topic_updated = settings.get_string("topic_constat_updated", "trust-constat.updated");
  out.topic_verified = settings.get_string("topic_vehicle_verified", "trust-vehicle.verified");
  out.report_key_prefix = settings.get_string("report_key_prefix", "report:");
  out.vehicle_key_prefix = settings.get_string("vehicle_key_prefix", "vehicle:");
  out.default_country = settings.get_string("default_registration_country", "DZ");
  const long long wilaya_max = settings.get_int("wilaya_max", 58);
  out.verify_round_trip = settings.get_bool("verify_round_trip", false);

  if (out.base_url.rfind("http://", 0) != 0 && out.base_url.rfind("https://", 0) != 0)
    problems.push_back("base_url: must start with http:// or https://");
  // Never quote the key itself: configuration errors end up in logs.
  if (!is_header_safe_token(out.api_key))
    problems.push_back("api_key: must be non-empty, without spaces or control characters");

  // One topic per event type: to_canonical() tells the type from the topic it came from.
  const std::vector<std::pair<const char*, const std::string*>> topics = {
      {"topic_constat_created", &out.topic_created},
      {"topic_constat_updated", &out.topic_updated},
      {"topic_vehicle_verified", &out.topic_verified}};
  std::set<std::string> seen;
  for (const auto& [name, value] : topics) {
    if (value->empty())
      problems.push_back(std::string(name) + ": must not be empty");
    else if (!seen.insert(*value).second)
      problems.push_back(std::string(name) + ": \"" + *value + "\" is already used by another topic setting");
  }
  if (out.report_key_prefix.empty()) problems.push_back("report_key_prefix: must not be empty");
  if (out.vehicle_key_prefix.empty()) problems.push_back("vehicle_key_prefix: must not be empty");
  if (!is_country_code(out.default_country))
    problems.push_back("default_registration_country: must be an ISO 3166 alpha-2 code such as DZ (got \"" +
                       out.default_country + "\")");
  if (wilaya_max < 1 || wilaya_max > 99) problems.push_back("wilaya_max: must be within 1..99");
  out.validation.wilaya_min = 1;
  out.validation.wilaya_max = static_cast<int>(std::clamp(wilaya_max, 1LL, 99LL));

  if (!problems.empty()) {
    std::string all;
    for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
    return sdk::Status::invalid_config(all);
  }
  return sdk::Status::success();
}

}  // namespace passerelle::trust
