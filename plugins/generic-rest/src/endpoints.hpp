// The insurer operations (endpoints setting) and their path templates.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "json_pointer.hpp"

namespace passerelle::generic_rest {

enum class Operation { constat_created, constat_updated, vehicle_verified, query_vehicle, query_policy, query_constat };
const char* to_string(Operation op) noexcept;

struct Endpoint {
  std::string method;
  std::string path;  // template, e.g. "/claims/{constatId}"
};

// constat_created and constat_updated are required; the others enable their feature.
std::map<Operation, Endpoint> parse_endpoints(const Json& j, std::vector<std::string>& problems);

// RFC 3986: everything but unreserved characters is percent-encoded, so a value can never
// add a path segment or a query parameter ("19/2026/000222" -> "19%2F2026%2F000222").
std::string url_encode(std::string_view value);

// Replaces each {name} by the URL-encoded value; nullopt with `missing` set when a value is absent.
std::optional<std::string> expand_path(const std::string& path_template, const std::map<std::string, std::string>& values,
                                       std::string& missing);

}  // namespace passerelle::generic_rest
