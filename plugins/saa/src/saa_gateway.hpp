// The host's REST gateway GETs, answered from SAA's REST API: paths, the X-API-Key header, and
// what each HTTP outcome means for the host (retry or not).
#pragma once

#include "passerelle/sdk/adapter.hpp"
#include "saa_settings.hpp"

namespace passerelle::saa {

inline constexpr const char* kApiKeyHeader = "X-API-Key";
inline constexpr const char* kApiPrefix = "/api/v1";

sdk::Result<sdk::Json> answer_query(const sdk::GatewayQuery& query, const Config& config, sdk::HostContext& context);

// Percent-encodes one path segment (everything but RFC 3986 unreserved characters), so that
// policy numbers such as "16/2026/007777" stay one segment.
std::string encode_path_segment(const std::string& s);

}  // namespace passerelle::saa
