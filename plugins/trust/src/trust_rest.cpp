#include "trust_rest.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "passerelle/sdk/datetime.hpp"
#include "passerelle/sdk/registration_number.hpp"
#include "trust_common_mapping.hpp"
#include "trust_policy_mapping.hpp"
#include "trust_report_mapping.hpp"
#include "trust_time.hpp"
#include "trust_verification_mapping.hpp"

namespace passerelle::trust {
namespace {

// Algeria keeps UTC+01:00 all year; "today" for a coverage check is the Algerian day.
constexpr int kAlgeriaOffsetMinutes = 60;

sdk::Headers request_headers(const TrustConfig& config, const sdk::GatewayQuery& q) {
  sdk::Headers h = {{"Authorization", "ApiKey " + config.api_key}, {"Accept", "application/json"}};
  if (!q.correlation_id.empty()) h["X-Trace-Id"] = q.correlation_id;
  return h;
}

// Everything but 200 (and the vehicle query's 404) becomes a Status. `endpoint` is the path
// template: the real path holds a plate or policy number, which must not reach logs.
sdk::Status status_of(const sdk::HttpResponse& r, const std::string& endpoint) {
  const std::string what = "Trust API GET " + endpoint;
  if (r.status == 0) return sdk::Status::retry(what + ": no answer (" + r.error + ")");
  if (r.status == 401 || r.status == 403)
    return sdk::Status::permanent(what + ": HTTP " + std::to_string(r.status) +
                                  ", the API key was refused (check setting api_key of this adapter)");
  if (r.status == 408 || r.status == 429 || r.status >= 500)
    return sdk::Status::retry(what + ": HTTP " + std::to_string(r.status));
  return sdk::Status::permanent(what + ": HTTP " + std::to_string(r.status));
}

std::optional<sdk::Json> parse_body(const sdk::HttpResponse& r) {
  sdk::Json j = sdk::Json::parse(r.body, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::string param(const sdk::GatewayQuery& q, const std::string& name) {
  auto it = q.params.find(name);
  return it == q.params.end() ? "" : it->second;
}

void attach_extensions(std::optional<sdk::Json>& ext_target, sdk::Json trust_fields, const sdk::Json& unmapped,
                       const std::string& adapter_id) {
  if (!unmapped.empty()) trust_fields["unmappedFields"] = unmapped;
  if (!trust_fields.empty()) ext_target = sdk::Json{{adapter_id, trust_fields}};
}

sdk::Result<sdk::Json> vehicle_query(const sdk::GatewayQuery& q, const TrustConfig& config, sdk::HostContext& context) {
  const std::string endpoint = "/v2/vehicles/{plate}/coverage";
  std::string country = param(q, "country");
  if (country.empty()) country = config.default_country;
  if (!(country.size() == 2 && std::all_of(country.begin(), country.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
    return sdk::Status::permanent("params.country: must be an ISO 3166 alpha-2 code such as DZ");
  std::string plate = q.key;
  if (plate.empty()) return sdk::Status::permanent("key: a registration number is required");
  if (country == "DZ") {
    auto norm = sdk::normalize_algerian_registration(plate, config.validation.wilaya_min, config.validation.wilaya_max);
    if (!norm) return sdk::Status::permanent("key: must be an Algerian registration number such as 12345-116-16");
    plate = *norm;
  }
  std::string as_of = param(q, "asOf");
  if (as_of.empty()) as_of = local_date(context.now(), kAlgeriaOffsetMinutes);
  else if (!sdk::parse_date(as_of)) return sdk::Status::permanent("params.asOf: must be a date YYYY-MM-DD");

  const std::string path = "/v2/vehicles/" + encode_path_segment(plate_to_trust(plate, country)) +
                           "/coverage?asOf=" + as_of + "&country=" + country;
  const sdk::HttpResponse r = context.http().get(path, request_headers(config, q));
  context.log(sdk::LogLevel::debug, "trust coverage query answered", {{"http_status", std::to_string(r.status)}});

  const std::string request_ref = param(q, "requestRef");
  const std::string constat_id = param(q, "constatId");
  sdk::VehicleVerification v;
  if (r.status == 404) {
    // Trust does not know the plate: that is a verdict, not a failure.
    v.verificationId = context.new_event_id();
    v.insurerId = context.adapter_id();
    v.vehicle.registrationNumber = plate;
    v.vehicle.registrationCountry = country;
    v.asOf = as_of;
    v.status = "unconfirmed";
    v.reasonCode = "vehicle_not_found";
    v.verifiedAt = trust_timestamp_of(context.now());
  } else if (r.status == 200) {
    auto body = parse_body(r);
    if (!body) return sdk::Status::permanent("Trust API GET " + endpoint + ": the answer is not JSON");
    sdk::ValidationErrors errors;
    sdk::Json unmapped = sdk::Json::object();
    ReadContext ctx{errors, unmapped, config.validation};
    auto read = coverage_from_trust(*body, "body", ctx);
    if (!read) return sdk::Status::permanent("Trust API GET " + endpoint + ": " + errors.summary());
    v = std::move(read->verification);
    if (v.vehicle.registrationNumber != plate || v.vehicle.registrationCountry != country)
      return sdk::Status::permanent("Trust API GET " + endpoint + ": the answer is about another vehicle (body.car.plate)");
    attach_extensions(v.extensions, std::move(read->trust_fields), unmapped, context.adapter_id());
  } else {
    return status_of(r, endpoint);
  }
  if (!v.requestRef && !request_ref.empty()) v.requestRef = request_ref;
  if (!v.constatId && !constat_id.empty()) v.constatId = constat_id;
  auto problems = sdk::validate(v, "data", config.validation);
  if (!problems.empty()) return sdk::Status::permanent("Trust API GET " + endpoint + ": " + problems.summary());
  return sdk::to_json(v);
}

sdk::Result<sdk::Json> policy_query(const sdk::GatewayQuery& q, const TrustConfig& config, sdk::HostContext& context) {
  const std::string endpoint = "/v2/policies/{policyNumber}";
  if (q.key.empty()) return sdk::Status::permanent("key: a policy number is required");
  const sdk::HttpResponse r = context.http().get("/v2/policies/" + encode_path_segment(q.key), request_headers(config, q));
  context.log(sdk::LogLevel::debug, "trust policy query answered", {{"http_status", std::to_string(r.status)}});
  if (r.status == 404) return sdk::Status::not_found("Trust API GET " + endpoint + ": policy not found (HTTP 404)");
  if (r.status != 200) return status_of(r, endpoint);
  auto body = parse_body(r);
  if (!body) return sdk::Status::permanent("Trust API GET " + endpoint + ": the answer is not JSON");
  sdk::ValidationErrors errors;
  sdk::Json unmapped = sdk::Json::object();
  ReadContext ctx{errors, unmapped, config.validation};
  auto policy = policy_from_trust(*body, "body", ctx, context.adapter_id());
  if (!policy) return sdk::Status::permanent("Trust API GET " + endpoint + ": " + errors.summary());
  return *policy;
}

sdk::Result<sdk::Json> constat_query(const sdk::GatewayQuery& q, const TrustConfig& config, sdk::HostContext& context) {
  const std::string endpoint = "/v2/accident-reports/{reportRef}";
  if (q.key.empty()) return sdk::Status::permanent("key: a constat id is required");
  const sdk::HttpResponse r =
      context.http().get("/v2/accident-reports/" + encode_path_segment(q.key), request_headers(config, q));
  context.log(sdk::LogLevel::debug, "trust report query answered", {{"http_status", std::to_string(r.status)}});
  if (r.status == 404) return sdk::Status::not_found("Trust API GET " + endpoint + ": report not found (HTTP 404)");
  if (r.status != 200) return status_of(r, endpoint);
  auto body = parse_body(r);
  if (!body) return sdk::Status::permanent("Trust API GET " + endpoint + ": the answer is not JSON");
  sdk::ValidationErrors errors;
  sdk::Json unmapped = sdk::Json::object();
  ReadContext ctx{errors, unmapped, config.validation};
  auto read = report_from_trust(*body, "body", ctx);
  if (!read) return sdk::Status::permanent("Trust API GET " + endpoint + ": " + errors.summary());
  attach_extensions(read->constat.extensions, std::move(read->trust_fields), unmapped, context.adapter_id());
  auto problems = sdk::validate(read->constat, "data", config.validation);
  if (!problems.empty()) return sdk::Status::permanent("Trust API GET " + endpoint + ": " + problems.summary());
  return sdk::to_json(read->constat);
}

}  // namespace

std::string encode_path_segment(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

sdk::Result<sdk::Json> run_gateway_query(const sdk::GatewayQuery& query, const TrustConfig& config,
                                         sdk::HostContext& context) {
  switch (query.kind) {
    case sdk::GatewayQuery::Kind::vehicle: return vehicle_query(query, config, context);
    case sdk::GatewayQuery::Kind::policy: return policy_query(query, config, context);
    case sdk::GatewayQuery::Kind::constat: return constat_query(query, config, context);
  }
  return sdk::Status::permanent("unknown gateway query kind");
}

}  // namespace passerelle::trust
