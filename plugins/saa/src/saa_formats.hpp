// SAA's wire formats for dates, date-times and booleans, and their canonical counterparts.
//
// SAA writes Algeria local time (UTC+01:00 all year, no DST) to the minute: "20/11/2026 14:35";
// plain dates as "20/11/2026"; booleans as "oui"/"non". A canonical date-time with seconds, a
// fraction or another offset has no exact SAA form: to_saa_datetime() gives the closest one
// and the caller carries the exact value alongside (see saa_canonical_complement.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace passerelle::saa {

inline constexpr int kAlgeriaOffsetMinutes = 60;

// "20/11/2026" <-> "2026-11-20". Both directions validate the calendar day.
std::optional<std::string> canonical_date_from_saa(std::string_view saa);
std::optional<std::string> saa_date_from_canonical(std::string_view canonical);

// "20/11/2026 14:35" -> "2026-11-20T14:35:00+01:00".
std::optional<std::string> canonical_datetime_from_saa(std::string_view saa);
// Any RFC 3339 date-time -> the same instant in Algeria time, truncated to the minute. When that
// instant falls outside years 0000..9999 (only near the ends of the canonical range) the wall
// clock of the original is written instead, so there is always a readable SAA value; the exact
// value then travels in the complement.
std::optional<std::string> saa_datetime_from_canonical(std::string_view canonical);

// "oui"/"non", any letter case.
std::optional<bool> bool_from_saa(std::string_view saa);
const char* saa_from_bool(bool b);

// Today's date in Algeria for an instant given as epoch seconds, as a canonical date.
std::string algeria_date_of_epoch(long long epoch_seconds);

}  // namespace passerelle::saa
