#include "insurer_http_client.hpp"

#include <httplib.h>

namespace passerelle::host {

InsurerHttpClient::InsurerHttpClient(HttpClientOptions options) : options_(std::move(options)) {
  // httplib::Client takes scheme://host:port; a path in the base URL is prepended to each call.
  std::string base = options_.base_url;
  const auto scheme_end = base.find("://");
  const auto path_start = base.find('/', scheme_end == std::string::npos ? 0 : scheme_end + 3);
  if (path_start != std::string::npos) {
    path_prefix_ = base.substr(path_start);
    if (!path_prefix_.empty() && path_prefix_.back() == '/') path_prefix_.pop_back();
    base = base.substr(0, path_start);
  }
  if (!base.empty()) {
    client_ = std::make_unique<httplib::Client>(base);
    client_->set_connection_timeout(std::chrono::milliseconds(options_.connect_timeout_ms));
    client_->set_read_timeout(std::chrono::milliseconds(options_.read_timeout_ms));
    client_->set_write_timeout(std::chrono::milliseconds(options_.read_timeout_ms));
  }
}

InsurerHttpClient::~InsurerHttpClient() = default;

sdk::HttpResponse InsurerHttpClient::get(const std::string& path, const sdk::Headers& headers) {
  return send("GET", path, headers, "");
}

sdk::HttpResponse InsurerHttpClient::send(const std::string& method, const std::string& path,
                                          const sdk::Headers& headers, const std::string& body) {
  sdk::HttpResponse out;
  if (!client_ || !client_->is_valid()) {
    out.error = "no usable base_url configured for this insurer (\"" + options_.base_url + "\")";
    return out;
  }
  httplib::Headers h;
  std::string content_type = "application/json";
  for (const auto& [k, v] : headers) {
    if (k == "Content-Type" || k == "content-type") content_type = v;
    else h.emplace(k, v);
  }
  const std::string full = path_prefix_ + path;
  std::lock_guard<std::mutex> lock(mu_);
  if (method != "GET" && method != "POST" && method != "PUT" && method != "PATCH" && method != "DELETE") {
    out.error = "unsupported HTTP method " + method;
    return out;
  }
  auto res = [&] {
    if (method == "GET") return client_->Get(full.c_str(), h);
    if (method == "POST") return client_->Post(full.c_str(), h, body, content_type.c_str());
    if (method == "PUT") return client_->Put(full.c_str(), h, body, content_type.c_str());
    if (method == "PATCH") return client_->Patch(full.c_str(), h, body, content_type.c_str());
    return client_->Delete(full.c_str(), h, body, content_type.c_str());
  }();
  if (!res) {
    out.error = httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  for (const auto& [k, v] : res->headers) out.headers[k] = v;
  out.body = res->body;
  return out;
}

}  // namespace passerelle::host
