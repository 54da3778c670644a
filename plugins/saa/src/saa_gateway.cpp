#include "saa_gateway.hpp"

#include <cstdio>

#include "passerelle/sdk/datetime.hpp"
#include "passerelle/sdk/registration_number.hpp"
#include "saa_formats.hpp"
#include "saa_rest_mapping.hpp"

namespace passerelle::saa {
namespace {

using sdk::Json;

const char* kind_name(sdk::GatewayQuery::Kind k) {
  switch (k) {
    case sdk::GatewayQuery::Kind::vehicle: return "vehicle";
    case sdk::GatewayQuery::Kind::policy: return "policy";
    case sdk::GatewayQuery::Kind::constat: return "constat";
  }
  return "unknown";
}

std::optional<std::string> param(const sdk::GatewayQuery& q, const std::string& name) {
  auto it = q.params.find(name);
  if (it == q.params.end()) return std::nullopt;
  return it->second;
}

// What an HTTP outcome other than 200 and a meaningful 404 means for the host. Messages never
// hold the key, the path or the body: the path carries plates and policy numbers.
sdk::Status failure_status(const sdk::HttpResponse& r) {
  const std::string code = std::to_string(r.status);
  if (r.status == 0) return sdk::Status::retry("saa: SAA API unreachable (" + r.error + ")");
  if (r.status == 401 || r.status == 403)
    return sdk::Status::permanent("saa: SAA rejected the API key (HTTP " + code +
                                  "); check the adapter's api_key setting");
  if (r.status == 408 || r.status == 425 || r.status == 429 || r.status >= 500)
    return sdk::Status::retry("saa: SAA API unavailable (HTTP " + code + ")");
  return sdk::Status::permanent("saa: SAA refused the request (HTTP " + code + ")");
}

sdk::Result<Json> parse_body(const sdk::HttpResponse& r) {
  Json j = Json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return sdk::Status::permanent("saa: SAA answered HTTP 200 with a body that is not a JSON object");
  return j;
}

sdk::Result<Json> vehicle(const sdk::GatewayQuery& q, const Config& config, sdk::HostContext& context,
                          const sdk::Headers& headers) {
  const auto country = param(q, "registrationCountry").value_or("DZ");
  if (country != "DZ")
    return sdk::Status::permanent("saa: SAA's attestation API only covers Algerian registrations (country DZ), not " +
                                  country);
  auto plate = sdk::normalize_algerian_registration(q.key, 1, config.wilaya_max);
  if (!plate)
    return sdk::Status::permanent("saa: the key is not an Algerian registration number serial-Cyy-WW (wilaya 01.." +
                                  std::to_string(config.wilaya_max) + ")");
  VehicleRequest request;
  request.registration_number = *plate;
  const auto now = context.now();
  request.now = sdk::now_rfc3339(now);
  const auto epoch = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  request.as_of = param(q, "asOf").value_or(algeria_date_of_epoch(epoch));
  if (!sdk::parse_date(request.as_of)) return sdk::Status::permanent("saa: asOf must be a date YYYY-MM-DD");
  request.request_ref = param(q, "requestRef");
  request.constat_id = param(q, "constatId");

  const std::string path = std::string(kApiPrefix) + "/vehicules/" + encode_path_segment(*plate) +
                           "/attestation?date=" + *saa_date_from_canonical(request.as_of);
  const sdk::HttpResponse r = context.http().get(path, headers);
  if (r.status == 200) {
    auto body = parse_body(r);
    if (!body) return body.status();
    request.verification_id = context.new_event_id();
    return verification_from_attestation(body.value(), request, config);
  }
  if (r.status == 404) {
    request.verification_id = context.new_event_id();
    return verification_vehicle_not_found(request, config);
  }
  return failure_status(r);
}

sdk::Result<Json> policy(const sdk::GatewayQuery& q, const Config& config, sdk::HostContext& context,
                         const sdk::Headers& headers) {
  if (q.key.empty()) return sdk::Status::permanent("saa: a policy query needs a policy number");
  const sdk::HttpResponse r =
      context.http().get(std::string(kApiPrefix) + "/polices/" + encode_path_segment(q.key), headers);
  if (r.status == 200) {
    auto body = parse_body(r);
    if (!body) return body.status();
    return policy_from_saa(body.value(), config);
  }
  if (r.status == 404) return sdk::Status::not_found("saa: SAA has no policy with that number (HTTP 404)");
  return failure_status(r);
}

sdk::Result<Json> constat(const sdk::GatewayQuery& q, const Config& config, sdk::HostContext& context,
                          const sdk::Headers& headers) {
  if (q.key.empty()) return sdk::Status::permanent("saa: a constat query needs a constat id");
  const sdk::HttpResponse r =
      context.http().get(std::string(kApiPrefix) + "/constats/" + encode_path_segment(q.key), headers);
  if (r.status == 200) {
    auto body = parse_body(r);
    if (!body) return body.status();
    return constat_from_saa(body.value(), config);
  }
  // Constat ids are not personal data: naming it helps whoever reads the gateway's answer.
  if (r.status == 404) return sdk::Status::not_found("saa: SAA has no constat " + q.key + " (HTTP 404)");
  return failure_status(r);
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

sdk::Result<Json> answer_query(const sdk::GatewayQuery& query, const Config& config, sdk::HostContext& context) {
  sdk::Headers headers = {{kApiKeyHeader, config.api_key}, {"Accept", "application/json"}};
  if (!query.correlation_id.empty()) headers["X-Correlation-ID"] = query.correlation_id;
  sdk::Result<Json> result = sdk::Status::permanent("saa: unknown query kind");
  switch (query.kind) {
    case sdk::GatewayQuery::Kind::vehicle: result = vehicle(query, config, context, headers); break;
    case sdk::GatewayQuery::Kind::policy: result = policy(query, config, context, headers); break;
    case sdk::GatewayQuery::Kind::constat: result = constat(query, config, context, headers); break;
  }
  context.log(result.ok() ? sdk::LogLevel::debug : sdk::LogLevel::warn, "SAA gateway query answered",
              {{"kind", kind_name(query.kind)},
               {"outcome", result.ok() ? "ok" : sdk::to_string(result.status().code)},
               {"correlation_id", query.correlation_id}});
  return result;
}

}  // namespace passerelle::saa
