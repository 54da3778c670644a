// The settings the trust plugin declares, and their checked form.
#pragma once

#include <string>

#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/plugin.hpp"
#include "passerelle/sdk/settings.hpp"
#include "passerelle/sdk/status.hpp"

namespace passerelle::trust {

inline constexpr passerelle_setting_spec kTrustSettings[] = {
    {"base_url", "string", nullptr, 1,
     "Root URL of Trust's REST API, e.g. https://api.trust.dz (the gateway's GETs go to <base_url>/v2/...)"},
    {"api_key", "secret", nullptr, 1,
     "Trust API key, sent as 'Authorization: ApiKey <api_key>'; use ${ENV} substitution, never a literal"},
    {"topic_constat_created", "string", "\"trust-constat.created\"", 0,
     "Kafka topic of Trust's ACCIDENT_REPORT_OPENED events (read and written)"},
    {"topic_constat_updated", "string", "\"trust-constat.updated\"", 0,
     "Kafka topic of Trust's ACCIDENT_REPORT_REVISED events (read and written)"},
    {"topic_vehicle_verified", "string", "\"trust-vehicle.verified\"", 0,
     "Kafka topic of Trust's VEHICLE_COVERAGE_CHECKED events (read and written)"},
    {"report_key_prefix", "string", "\"report:\"", 0, "Kafka key of report records is <report_key_prefix><constatId>"},
    {"vehicle_key_prefix", "string", "\"vehicle:\"", 0,
     "Kafka key of coverage records is <vehicle_key_prefix><country>:<registration number>"},
    {"default_registration_country", "string", "\"DZ\"", 0,
     "Registration country of gateway vehicle queries that give no 'country' parameter (ISO 3166 alpha-2)"},
    {"wilaya_max", "integer", "58", 0,
     "Highest wilaya number accepted in Trust addresses and Algerian plates (58 since 2019)"},
    {"verify_round_trip", "boolean", "false", 0,
     "Map every outgoing record back and refuse it (permanent, to the DLQ) unless it gives the very "
     "event that was sent; about 2.4x the outbound mapping cost, for onboarding a new Trust schema"},
};

struct TrustConfig {
  std::string base_url;
  std::string api_key;
  std::string topic_created;
  std::string topic_updated;
  std::string topic_verified;
  std::string report_key_prefix;
  std::string vehicle_key_prefix;
  std::string default_country;
  bool verify_round_trip = false;
  sdk::ValidationOptions validation;
};

// Cross-field checks the host cannot do from the declared types alone.
sdk::Status load_config(const sdk::Settings& settings, TrustConfig& out);

}  // namespace passerelle::trust
