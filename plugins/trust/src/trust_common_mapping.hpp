// Trust shapes shared by reports, coverage checks and policies: person, postal address,
// plate, carrier code, branch. Both directions live together so each pair stays symmetric.
#pragma once

#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "trust_reader.hpp"

namespace passerelle::trust {

template <typename T>
void put(Json& j, const char* key, const std::optional<T>& v) {
  if (v) j[key] = *v;
}

// Postal address {street, town, wilaya (number), zip, country}.
Json address_to_trust(const sdk::Address& a);
std::optional<sdk::Address> address_from_trust(const Json& j, const std::string& path, ReadContext& ctx);
std::optional<sdk::Address> opt_address(TrustReader& r, const std::string& key);

// Person {surname, givenName, organisation, address, phoneNumber, emailAddress}.
Json person_to_trust(const sdk::Person& p);
std::optional<sdk::Person> person_from_trust(const Json& j, const std::string& path, ReadContext& ctx);

// Trust prints Algerian plates with spaces ("12345 116 16"); other countries' as sent.
std::string plate_to_trust(const std::string& number, const std::optional<std::string>& country);
// Reads a plate number member; nullopt (with an error naming the member) when an Algerian one is malformed.
std::optional<std::string> read_plate(TrustReader& r, const std::string& key, bool required,
                                      const std::optional<std::string>& country);

// Trust names insurers by upper-case carrier codes ("TRUST", "SAA"); the canonical id is lower case.
// `strict` keeps to the characters of a canonical insurer id (constats require them).
std::string carrier_to_trust(const std::string& insurer_id);
std::optional<std::string> read_carrier(TrustReader& r, const std::string& key, bool required, bool strict = true);

// car {brand, modelName, plate {number, country}, chassisNumber, trailer {plateNumber, plateCountry}}.
// `r` reads the car object itself; the caller reads any further members of it.
Json vehicle_to_trust(const sdk::Vehicle& v);
void read_vehicle(TrustReader& r, sdk::Vehicle& v);

// policy {carrier, carrierName, number, greenCard, effectiveDate, expiryDate, branch, ownDamageCover}.
Json insurance_to_trust(const sdk::Insurance& in);
void read_insurance(TrustReader& r, sdk::Insurance& in);

// A JSON integer that fits in int64 (what TrustReader::integer accepts back).
bool is_int64(const Json& v);

}  // namespace passerelle::trust
