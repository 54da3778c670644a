#include "trust_time.hpp"

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::trust {

std::optional<std::string> to_trust_timestamp(std::string_view canonical) {
  auto dt = sdk::parse_datetime(canonical);
  if (!dt) return std::nullopt;
  // Leap second 60 rolls into the next minute: Trust's instants have no 60th second.
  sdk::DateTime utc = sdk::to_offset(*dt, 0);
  std::string ms = dt->fraction.substr(0, 3);
  ms.append(3 - ms.size(), '0');
  utc.fraction = ms;
  utc.utc_z = true;
  return sdk::format_datetime(utc);
}

std::string local_date(std::chrono::system_clock::time_point now, int offset_minutes) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const sdk::DateTime dt = sdk::from_epoch(secs, offset_minutes);
  return sdk::format_date({dt.year, dt.month, dt.day});
}

std::string trust_timestamp_of(std::chrono::system_clock::time_point now) { return sdk::now_rfc3339(now); }

}  // namespace passerelle::trust
