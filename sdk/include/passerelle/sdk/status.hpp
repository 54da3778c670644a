// How an adapter reports failure: a status code that tells the host whether a retry can help.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace passerelle::sdk {

enum class StatusCode {
  ok,
  retry,           // transient: 5xx, 429, timeouts, insurer unreachable; the host retries with backoff
  permanent,       // the input can never succeed (4xx, unmappable record); the host dead-letters it
  invalid_config,  // the adapter's settings are wrong; the host refuses to start the adapter
  not_found,       // a gateway query about something the insurer does not know (HTTP 404 to the platform);
                   // elsewhere the host treats it as permanent
};

const char* to_string(StatusCode code) noexcept;

struct Status {
  StatusCode code = StatusCode::ok;
  std::string message;

  static Status success() { return {}; }
  static Status retry(std::string m) { return {StatusCode::retry, std::move(m)}; }
  static Status permanent(std::string m) { return {StatusCode::permanent, std::move(m)}; }
  static Status invalid_config(std::string m) { return {StatusCode::invalid_config, std::move(m)}; }
  static Status not_found(std::string m) { return {StatusCode::not_found, std::move(m)}; }

  bool is_ok() const noexcept { return code == StatusCode::ok; }
};

// A value or a non-ok Status. Small on purpose: adapters return it from every mapping call.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {
    if (std::get<Status>(v_).is_ok()) std::get<Status>(v_) = Status::permanent("Result built from ok status without a value");
  }

  bool ok() const noexcept { return std::holds_alternative<T>(v_); }
  explicit operator bool() const noexcept { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Status& status() const { return std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace passerelle::sdk
