#include "saa_formats.hpp"

#include <cstdio>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::saa {
namespace {

bool digits_at(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

// Reads "dd/MM/yyyy" at the start of `s`; the day must exist in that month.
std::optional<sdk::Date> read_saa_date(std::string_view s) {
  sdk::Date d;
  if (s.size() < 10 || s[2] != '/' || s[5] != '/') return std::nullopt;
  if (!digits_at(s, 0, 2, d.day) || !digits_at(s, 3, 2, d.month) || !digits_at(s, 6, 4, d.year)) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > sdk::days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::string write_saa_minute(int year, int month, int day, int hour, int minute) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d %02d:%02d", day, month, year, hour, minute);
  return buf;
}

}  // namespace

std::optional<std::string> canonical_date_from_saa(std::string_view saa) {
  if (saa.size() != 10) return std::nullopt;
  auto d = read_saa_date(saa);
  if (!d) return std::nullopt;
  return sdk::format_date(*d);
}

std::optional<std::string> saa_date_from_canonical(std::string_view canonical) {
  auto d = sdk::parse_date(canonical);
  if (!d) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", d->day, d->month, d->year);
  return std::string(buf);
}

std::optional<std::string> canonical_datetime_from_saa(std::string_view saa) {
  if (saa.size() != 16 || saa[10] != ' ' || saa[13] != ':') return std::nullopt;
  auto d = read_saa_date(saa.substr(0, 10));
  int hour = 0, minute = 0;
  if (!d || !digits_at(saa, 11, 2, hour) || !digits_at(saa, 14, 2, minute) || hour > 23 || minute > 59)
    return std::nullopt;
  sdk::DateTime dt;
  dt.year = d->year;
  dt.month = d->month;
  dt.day = d->day;
  dt.hour = hour;
  dt.minute = minute;
  dt.offset_minutes = kAlgeriaOffsetMinutes;
  return sdk::format_datetime(dt);
}

std::optional<std::string> saa_datetime_from_canonical(std::string_view canonical) {
  auto dt = sdk::parse_datetime(canonical);
  if (!dt) return std::nullopt;
  const sdk::DateTime local = sdk::to_offset(*dt, kAlgeriaOffsetMinutes);
  if (local.year >= 0 && local.year <= 9999)
    return write_saa_minute(local.year, local.month, local.day, local.hour, local.minute);
  return write_saa_minute(dt->year, dt->month, dt->day, dt->hour, dt->minute);
}

std::optional<bool> bool_from_saa(std::string_view saa) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  std::string s;
  for (char c : saa) s += lower(c);
  if (s == "oui") return true;
  if (s == "non") return false;
  return std::nullopt;
}

const char* saa_from_bool(bool b) { return b ? "oui" : "non"; }

std::string algeria_date_of_epoch(long long epoch_seconds) {
  const sdk::DateTime local = sdk::from_epoch(epoch_seconds, kAlgeriaOffsetMinutes);
  return sdk::format_date({local.year, local.month, local.day});
}

}  // namespace passerelle::saa
