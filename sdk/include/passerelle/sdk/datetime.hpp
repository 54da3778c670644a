// Dates and date-times as the canonical model writes them, and the conversions adapters need.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::sdk {

struct DateTime {
  int year = 1970, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  std::string fraction;      // digits after the dot, kept verbatim ("" when absent)
  int offset_minutes = 0;    // east of UTC
  bool utc_z = false;        // written with "Z" rather than "+00:00"

  // Seconds since the Unix epoch of this instant.
  std::int64_t epoch_seconds() const;
};

struct Date {
  int year = 1970, month = 1, day = 1;
};

// RFC 3339 date-time with a mandatory offset: 2026-11-20T14:35:00+01:00, ...Z, fractions allowed.
std::optional<DateTime> parse_datetime(std::string_view s);
std::string format_datetime(const DateTime& dt);
// YYYY-MM-DD with a real calendar day.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(const Date& d);

// The same instant seen at another UTC offset (fraction kept).
DateTime to_offset(const DateTime& dt, int offset_minutes);
// Build from epoch seconds at a given offset.
DateTime from_epoch(std::int64_t epoch_seconds, int offset_minutes);
// Now, in UTC, with a "Z".
std::string now_rfc3339(std::chrono::system_clock::time_point tp = std::chrono::system_clock::now());

bool is_leap_year(int y);
int days_in_month(int y, int m);

}  // namespace passerelle::sdk
