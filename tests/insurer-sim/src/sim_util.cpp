#include "sim_util.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <vector>

namespace passerelle::sim {
namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

std::optional<int> digits(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<CivilDate> checked(std::optional<int> y, std::optional<int> m, std::optional<int> d) {
  if (!y || !m || !d || *y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in(*y, *m)) return std::nullopt;
  return CivilDate{*y, *m, *d};
}

std::tm utc_tm(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

}  // namespace

const char* name_of(Insurer i) {
  switch (i) {
    case Insurer::saa:
      return "saa";
    case Insurer::trust:
      return "trust";
    case Insurer::caar:
      return "caar";
  }
  return "?";
}

std::optional<Insurer> insurer_named(std::string_view name) {
  for (Insurer i : kInsurers)
    if (name == name_of(i)) return i;
  return std::nullopt;
}

std::optional<CivilDate> parse_fr_date(std::string_view s) {
  if (s.size() != 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  return checked(digits(s.substr(6, 4)), digits(s.substr(3, 2)), digits(s.substr(0, 2)));
}

std::optional<CivilDate> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  return checked(digits(s.substr(0, 4)), digits(s.substr(5, 2)), digits(s.substr(8, 2)));
}

std::string format_fr_date(const CivilDate& d) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d.day, d.month, d.year);
  return buf;
}

std::string format_iso_date(const CivilDate& d) {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

CivilDate algeria_today(std::time_t now) {
  const std::tm tm = utc_tm(now + 3600);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string algeria_minute_fr(std::time_t now) {
  const std::tm tm = utc_tm(now + 3600);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900, tm.tm_hour,
                tm.tm_min);
  return buf;
}

std::string algeria_rfc3339_seconds(std::time_t now) {
  const std::tm tm = utc_tm(now + 3600);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d+01:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string utc_rfc3339_millis(std::chrono::system_clock::time_point now) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::tm tm = utc_tm(static_cast<std::time_t>(ms / 1000));
  char buf[128];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms % 1000));
  return buf;
}

std::string http_date(std::time_t t) {
  static constexpr const char* kDay[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::tm tm = utc_tm(t);
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDay[tm.tm_wday], tm.tm_mday, kMonth[tm.tm_mon],
                tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::optional<std::string> normalize_dz_plate(std::string_view s) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == ' ' || c == '-') {
      if (!parts.back().empty()) parts.emplace_back();
    } else if (c >= '0' && c <= '9') {
      parts.back() += c;
    } else {
      return std::nullopt;
    }
  }
  if (parts.back().empty()) parts.pop_back();
  if (parts.size() != 3) return std::nullopt;
  if (parts[0].size() > 6 || parts[1].size() != 3 || parts[1][0] == '0' || parts[2].size() != 2) return std::nullopt;
  const int wilaya = std::stoi(parts[2]);
  if (wilaya < 1) return std::nullopt;
  return parts[0] + "-" + parts[1] + "-" + parts[2];
}

std::string plate_key(std::string_view plate, std::string_view country) {
  if (country.empty() || country == "DZ") {
    if (auto n = normalize_dz_plate(plate)) return "DZ:" + *n;
  }
  std::string out(country.empty() ? "DZ" : std::string(country));
  out += ':';
  for (char c : plate) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

double draw(std::uint64_t seed, std::uint64_t n) {
  std::uint64_t z = seed * 0x9E3779B97F4A7C15ull + (n + 1) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}

std::string str_of(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace passerelle::sim
