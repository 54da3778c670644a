// Trust keeps every instant in UTC with millisecond precision ("2026-11-20T13:35:00.000Z").
// The canonical model keeps the sender's offset and fraction; what Trust cannot hold goes back
// through x-canonical (trust_restore.hpp), not through here.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::trust {

// nullopt when `canonical` is not an RFC 3339 date-time.
std::optional<std::string> to_trust_timestamp(std::string_view canonical);

// The calendar day of `now` at a fixed UTC offset (Algeria: +01:00, no daylight saving).
std::string local_date(std::chrono::system_clock::time_point now, int offset_minutes);

// An instant as Trust writes it.
std::string trust_timestamp_of(std::chrono::system_clock::time_point now);

}  // namespace passerelle::trust
