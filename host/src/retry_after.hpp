// The Retry-After header in both of its forms (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "passerelle/sdk/delivery.hpp"

namespace passerelle::host {

// How long to wait from `now`; nullopt when absent or unreadable. A date in the past gives zero.
std::optional<std::chrono::milliseconds> retry_after(const sdk::Headers& headers,
                                                     std::chrono::system_clock::time_point now =
                                                         std::chrono::system_clock::now());

}  // namespace passerelle::host
