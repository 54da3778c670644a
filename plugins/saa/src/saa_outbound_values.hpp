// Small helpers for writing canonical values in SAA's formats (outbound), shared by the
// constat, verification and envelope mappings.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "saa_canonical_complement.hpp"

namespace passerelle::saa {

template <typename T>
void put_if(sdk::Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

// A canonical date (already validated) as dd/MM/yyyy.
std::string saa_date(const std::string& canonical_date);
void put_date_if(sdk::Json& j, const char* key, const std::optional<std::string>& canonical_date);

// A canonical date-time as Algeria time to the minute; the exact value goes to the complement
// under `canonical_path` when the SAA form does not read back to it.
std::string saa_datetime(const std::string& canonical, const std::string& canonical_path,
                         CanonicalComplement& complement);

// Insurer ids are lowercase in the canonical model, upper case codes at SAA ("saa" <-> "SAA").
std::string saa_insurer_code(const std::string& insurer_id, const std::string& canonical_path,
                             CanonicalComplement& complement);
std::string canonical_insurer_id(const std::string& saa_code, const std::string& canonical_path,
                                 const CanonicalComplement* complement);

}  // namespace passerelle::saa
