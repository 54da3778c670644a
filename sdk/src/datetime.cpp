#include "passerelle/sdk/datetime.hpp"

#include <cstdio>
#include <ctime>

namespace passerelle::sdk {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// Days from 1970-01-01 to y-m-d (proleptic Gregorian), Howard Hinnant's algorithm.
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

std::int64_t DateTime::epoch_seconds() const {
  return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
         static_cast<std::int64_t>(offset_minutes) * 60;
}

std::optional<Date> parse_date(std::string_view s) {
  Date d;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!digits(s, 0, 4, d.year) || !digits(s, 5, 2, d.month) || !digits(s, 8, 2, d.day)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string format_date(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<DateTime> parse_datetime(std::string_view s) {
  if (s.size() < 20) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return std::nullopt;
  DateTime dt;
  dt.year = date->year;
  dt.month = date->month;
  dt.day = date->day;
  if (!digits(s, 11, 2, dt.hour) || !digits(s, 14, 2, dt.minute) || !digits(s, 17, 2, dt.second)) return std::nullopt;
  if (dt.hour > 23 || dt.minute > 59 || dt.second > 60) return std::nullopt;
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return std::nullopt;
    dt.fraction = std::string(s.substr(start, pos - start));
  }
  if (pos >= s.size()) return std::nullopt;  // the offset is mandatory
  if (s[pos] == 'Z' || s[pos] == 'z') {
    dt.utc_z = true;
    return pos + 1 == s.size() ? std::optional<DateTime>(dt) : std::nullopt;
  }
  if ((s[pos] != '+' && s[pos] != '-') || pos + 6 != s.size() || s[pos + 3] != ':') return std::nullopt;
  int oh = 0, om = 0;
  if (!digits(s, pos + 1, 2, oh) || !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) return std::nullopt;
  dt.offset_minutes = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
  return dt;
}

std::string format_datetime(const DateTime& dt) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", dt.year, dt.month, dt.day, dt.hour, dt.minute,
                dt.second);
  std::string out = buf;
  if (!dt.fraction.empty()) out += "." + dt.fraction;
  if (dt.utc_z && dt.offset_minutes == 0) return out + "Z";
  const int off = dt.offset_minutes < 0 ? -dt.offset_minutes : dt.offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", dt.offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return out + buf;
}

DateTime from_epoch(std::int64_t epoch_seconds, int offset_minutes) {
  const std::int64_t local = epoch_seconds + static_cast<std::int64_t>(offset_minutes) * 60;
  std::int64_t days = local / 86400;
  std::int64_t rem = local % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  DateTime dt;
  civil_from_days(days, dt.year, dt.month, dt.day);
  dt.hour = static_cast<int>(rem / 3600);
  dt.minute = static_cast<int>((rem % 3600) / 60);
  dt.second = static_cast<int>(rem % 60);
  dt.offset_minutes = offset_minutes;
  return dt;
}

DateTime to_offset(const DateTime& dt, int offset_minutes) {
  DateTime out = from_epoch(dt.epoch_seconds(), offset_minutes);
  out.fraction = dt.fraction;
  return out;
}

std::string now_rfc3339(std::chrono::system_clock::time_point tp) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(tp.time_since_epoch()).count();
  DateTime dt = from_epoch(ms / 1000, 0);
  char frac[8];
  std::snprintf(frac, sizeof frac, "%03lld", static_cast<long long>(ms % 1000));
  dt.fraction = frac;
  dt.utc_z = true;
  return format_datetime(dt);
}

}  // namespace passerelle::sdk
