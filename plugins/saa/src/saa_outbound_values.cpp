#include "saa_outbound_values.hpp"

#include "saa_formats.hpp"

namespace passerelle::saa {
namespace {

std::string ascii_upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string ascii_lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

}  // namespace

std::string saa_date(const std::string& canonical_date) {
  auto d = saa_date_from_canonical(canonical_date);
  // The event was validated before it reached the adapter; a bad date here is a host bug.
  if (!d) throw std::invalid_argument("not a canonical date: " + canonical_date);
  return *d;
}

void put_date_if(sdk::Json& j, const char* key, const std::optional<std::string>& canonical_date) {
  if (canonical_date) j[key] = saa_date(*canonical_date);
}

std::string saa_datetime(const std::string& canonical, const std::string& canonical_path,
                         CanonicalComplement& complement) {
  auto s = saa_datetime_from_canonical(canonical);
  if (!s) throw std::invalid_argument(canonical_path + ": not a canonical date-time");
  complement.keep_if_lossy(canonical_path, canonical, canonical_datetime_from_saa(*s));
  return *s;
}

std::string saa_insurer_code(const std::string& insurer_id, const std::string& canonical_path,
                             CanonicalComplement& complement) {
  std::string code = ascii_upper(insurer_id);
  complement.keep_if_lossy(canonical_path, insurer_id, ascii_lower(code));
  return code;
}

std::string canonical_insurer_id(const std::string& saa_code, const std::string& canonical_path,
                                 const CanonicalComplement* complement) {
  if (complement) {
    auto exact = complement->exact_for(canonical_path, saa_code,
                                       [](const std::string& c) { return std::optional<std::string>(ascii_upper(c)); });
    if (exact) return *exact;
  }
  return ascii_lower(saa_code);
}

}  // namespace passerelle::saa
