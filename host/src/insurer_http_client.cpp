#include "insurer_http_client.hpp"

#include <httplib.h>

namespace passerelle::host {

InsurerHttpClient::InsurerHttpClient(HttpClientOptions options)
    : options_(std::move(options)), breaker_(options_.breaker) {
  // httplib::Client takes scheme://host:port; a path in the base URL is prepended to each call.
  std::string base = options_.base_url;
  const auto scheme_end = base.find("://");
  const auto path_start = base.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start != std::string::npos) {
    path_prefix_ = base.substr(path_start);
    if (!path_prefix_.empty() && path_prefix_.back() == '/') path_prefix_.pop_back();
    base = base.substr(0, path_start);
  }
  origin_ = base;
}

InsurerHttpClient::~InsurerHttpClient() = default;

sdk::HttpResponse InsurerHttpClient::get(const std::string& path, const sdk::Headers& headers) {
  return send("GET", path, headers, "");
}

sdk::HttpResponse InsurerHttpClient::send(const std::string& method, const std::string& path,
                                          const sdk::Headers& headers, const std::string& body) {
  sdk::HttpResponse out;
  // One client per call: gateway GETs and deliveries to the same insurer run in parallel, and
  // httplib's Client is not meant for concurrent requests.
  httplib::Client client(origin_);
  if (origin_.empty() || !client.is_valid()) {
    out.error = "no usable base_url configured for this insurer (\"" + options_.base_url + "\")";
    return out;
  }
  httplib::Headers h;
  std::string content_type = "application/json";
  for (const auto& [k, v] : headers) {
    if (k == "Content-Type" || k == "content-type") content_type = v;
    else h.emplace(k, v);
  }
  if (!breaker_.allow()) {
    out.error = std::string(kCircuitOpen) + " for " + options_.base_url + " (retry in " +
                std::to_string(breaker_.retry_in().count()) + " ms)";
    return out;
  }
  client.set_connection_timeout(std::chrono::milliseconds(options_.connect_timeout_ms));
  client.set_read_timeout(std::chrono::milliseconds(options_.read_timeout_ms));
  client.set_write_timeout(std::chrono::milliseconds(options_.read_timeout_ms));
  const std::string full = path_prefix_ + path;
  if (method != "GET" && method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") {
    out.error = "unsupported HTTP method " + method;
    return out;
  }
  auto res = [&] {
    if (method == "GET") return client.Get(full.c_str(), h);
    if (method == "POST") return client.Post(full.c_str(), h, body, content_type.c_str());
    if (method == "PUT") return client.Put(full.c_str(), h, body, content_type.c_str());
    if (method == "PATCH") return client.Patch(full.c_str(), h, body, content_type.c_str());
    return client.Delete(full.c_str(), h, body, content_type.c_str());
  }();
  if (!res) {
    breaker_.record(false);
    out.error = httplib::to_string(res.error());
    return out;
  }
  // What says "the insurer is in trouble": no answer, 5xx, 408, 429. A 4xx is the caller's.
  breaker_.record(!(res->status >= 500 || res->status == 408 || res->status == 429));
  out.status = res->status;
  for (const auto& [k, v] : res->headers) out.headers[k] = v;
  out.body = res->body;
  return out;
}

}  // namespace passerelle::host
