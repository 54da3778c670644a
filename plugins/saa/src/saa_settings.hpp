// The settings an SAA adapter accepts, and their cross-field checks.
#pragma once

#include <algorithm>
#include <optional>
#include <string>

#include "passerelle/sdk/adapter.hpp"
#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/plugin.hpp"

namespace passerelle::saa {

inline constexpr passerelle_setting_spec kSettings[] = {
    {"base_url", "string", nullptr, 1,
     "Base URL of SAA's REST API, e.g. https://api.saa.dz (the adapter appends /api/v1/...)"},
    {"api_key", "secret", nullptr, 1, "API key SAA issued to E-assurance, sent as X-API-Key on every REST call"},
    {"topic_constat_created", "string", "\"saa-constat.created\"", 0,
     "SAA topic for new constats (CONSTAT_CREE), both directions"},
    {"topic_constat_updated", "string", "\"saa-constat.updated\"", 0,
     "SAA topic for changed constats (CONSTAT_MODIFIE), both directions"},
    {"topic_vehicle_verified", "string", "\"saa-vehicle.verified\"", 0,
     "SAA topic for vehicle verifications (VEHICULE_VERIFIE), both directions"},
    {"wilaya_max", "integer", "58", 0,
     "Highest wilaya code accepted in registration numbers and addresses (58..99; raise it when new wilayas "
     "are created)"},
    {"sender", "string", "\"E-ASSURANCE\"", 0, "Value of entete.emetteur in messages sent to SAA"},
};

struct Config {
  std::string adapter_id;  // the insurerId of canonical events ("saa")
  std::string base_url;
  std::string api_key;
  std::string topic_constat_created;
  std::string topic_constat_updated;
  std::string topic_vehicle_verified;
  int wilaya_max = 58;
  std::string sender;
  sdk::ValidationOptions host_validation;  // what the host checks canonical events against

  // What SAA sends is held to this adapter's own range.
  sdk::ValidationOptions validation() const { return {1, wilaya_max}; }
  // A canonical event the host already accepted is never refused on the way out for a wilaya
  // range narrower than the host's.
  sdk::ValidationOptions outbound_validation() const {
    return {std::min(1, host_validation.wilaya_min), std::max(wilaya_max, host_validation.wilaya_max)};
  }
  // Canonical event type <-> SAA topic.
  std::optional<std::string> topic_for(const std::string& event_type) const;
  std::optional<std::string> event_type_for(const std::string& topic) const;
  std::string source() const { return "/providers/" + adapter_id; }
};

// Settings were checked against kSettings by the host (types, required, defaults applied);
// this adds the checks that involve more than one setting or the value itself.
sdk::Result<Config> read_config(const sdk::Settings& settings, const std::string& adapter_id,
                                const sdk::ValidationOptions& host_validation);

}  // namespace passerelle::saa
