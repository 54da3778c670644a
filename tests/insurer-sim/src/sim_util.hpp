// Small pure helpers of the insurer simulator: calendar dates in the insurers' formats,
// Algerian plates, time stamps, a deterministic pseudo-random sequence.
#pragma once

#include <chrono>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace passerelle::sim {

using Json = nlohmann::json;

enum class Insurer { saa, trust, caar };
inline constexpr Insurer kInsurers[] = {Insurer::saa, Insurer::trust, Insurer::caar};
const char* name_of(Insurer i);
std::optional<Insurer> insurer_named(std::string_view name);

struct CivilDate {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

// "dd/MM/yyyy" (SAA, CAAR) and "YYYY-MM-DD" (Trust, canonical); real calendar days only.
std::optional<CivilDate> parse_fr_date(std::string_view s);
std::optional<CivilDate> parse_iso_date(std::string_view s);
std::string format_fr_date(const CivilDate& d);
std::string format_iso_date(const CivilDate& d);

// Wall-clock stamps. Algeria is UTC+01:00 all year.
CivilDate algeria_today(std::time_t now);
std::string algeria_minute_fr(std::time_t now);                             // "20/11/2026 14:39" (SAA)
std::string algeria_rfc3339_seconds(std::time_t now);                       // "2026-11-20T14:39:05+01:00" (CAAR)
std::string utc_rfc3339_millis(std::chrono::system_clock::time_point now);  // "...T13:39:05.123Z" (Trust, logs)
std::string http_date(std::time_t t);  // "Fri, 20 Nov 2026 13:39:05 GMT" (IMF-fixdate)

// Algerian registration number "serial-Cyy-WW" from dashes or spaces; nullopt if not one.
std::optional<std::string> normalize_dz_plate(std::string_view s);
// The key plates are compared by: the normalised form for DZ, upper-cased text otherwise.
std::string plate_key(std::string_view plate, std::string_view country);

// Deterministic pseudo-random fraction in [0,1) for the n-th draw of a seed (splitmix64).
double draw(std::uint64_t seed, std::uint64_t n);

// Reads a string member, "" when absent or not a string.
std::string str_of(const Json& j, const char* key);

}  // namespace passerelle::sim
