// The canonical data model (shared/canonical-model.md) as C++ types.
//
// Field names follow the JSON names exactly. Dates ("YYYY-MM-DD") and date-times
// (RFC 3339 with an offset) are kept as the validated strings they arrived as, so
// that a round trip through an adapter gives back the same bytes.
//
// Fields marked PERSONAL hold personal data: they never appear in info-level logs
// and are redacted in dead-letter views (see personal_data.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace passerelle::sdk {

using Json = nlohmann::json;

struct Address {
  std::optional<std::string> line;        // PERSONAL
  std::optional<std::string> city;
  std::optional<std::string> wilayaCode;  // "01".."58"
  std::optional<std::string> postalCode;
  std::string countryCode;                // ISO 3166 alpha-2
  bool operator==(const Address&) const = default;
};

struct Person {
  std::string lastName;                    // PERSONAL
  std::optional<std::string> firstName;    // PERSONAL
  std::optional<std::string> companyName;
  std::optional<Address> address;          // PERSONAL
  std::optional<std::string> phone;        // PERSONAL
  std::optional<std::string> email;        // PERSONAL
  bool operator==(const Person&) const = default;
};

struct GeoPoint {
  double lat = 0;
  double lon = 0;
  bool operator==(const GeoPoint&) const = default;
};

struct Location {
  std::string countryCode;
  std::optional<std::string> wilayaCode;
  std::optional<std::string> city;
  std::string place;
  std::optional<GeoPoint> geo;
  bool operator==(const Location&) const = default;
};

struct Accident {
  std::string occurredAt;  // date-time
  Location location;
  bool injuries = false;
  bool damageOtherVehicles = false;
  bool damageOtherProperty = false;
  bool operator==(const Accident&) const = default;
};

struct Trailer {
  std::optional<std::string> registrationNumber;   // PERSONAL
  std::optional<std::string> registrationCountry;
  bool operator==(const Trailer&) const = default;
};

struct Vehicle {
  std::string make;
  std::optional<std::string> model;
  std::string registrationNumber;  // PERSONAL
  std::string registrationCountry;
  std::optional<std::string> vin;  // PERSONAL
  std::optional<Trailer> trailer;
  bool operator==(const Vehicle&) const = default;
};

struct Agency {
  std::optional<std::string> code;
  std::optional<std::string> name;
  std::optional<Address> address;
  std::optional<std::string> phone;
  bool operator==(const Agency&) const = default;
};

struct Insurance {
  std::string insurerId;  // lowercase, equals the adapter id in config
  std::optional<std::string> insurerName;
  std::string policyNumber;  // PERSONAL
  std::optional<std::string> greenCardNumber;
  std::optional<std::string> validFrom;  // date
  std::optional<std::string> validTo;    // date
  std::optional<Agency> agency;
  std::optional<bool> ownDamageCovered;
  bool operator==(const Insurance&) const = default;
};

struct Licence {
  std::string number;  // PERSONAL
  std::optional<std::string> category;
  std::optional<std::string> issuedAt;    // date
  std::optional<std::string> validUntil;  // date
  bool operator==(const Licence&) const = default;
};

struct Driver {
  std::string lastName;                  // PERSONAL
  std::optional<std::string> firstName;  // PERSONAL
  std::optional<std::string> dateOfBirth;  // date, PERSONAL
  std::optional<Address> address;        // PERSONAL
  std::optional<std::string> phone;      // PERSONAL
  std::optional<Licence> licence;
  bool operator==(const Driver&) const = default;
};

// Box 10. Zones come from a closed list; see kImpactZones.
struct InitialImpact {
  std::vector<std::string> zones;
  std::optional<std::string> note;
  bool operator==(const InitialImpact&) const = default;
};

struct Signature {
  bool isSigned = false;                  // JSON "signed"
  std::optional<std::string> signedAt;    // date-time
  std::optional<std::string> method;      // handwritten | electronic
  bool operator==(const Signature&) const = default;
};

struct Side {
  std::string side;  // one capital letter
  Person policyholder;
  Vehicle vehicle;
  Insurance insurance;
  Driver driver;
  std::optional<InitialImpact> initialImpact;
  std::optional<std::string> visibleDamage;
  std::vector<int> circumstances;  // 1..17, unique
  std::optional<std::string> remarks;
  Signature signature;
  bool operator==(const Side&) const = default;
};

struct Attachment {
  std::string kind;  // photo | sketch | scan | pdf
  std::string uri;
  std::string mediaType;
  std::optional<std::string> sha256;
  bool operator==(const Attachment&) const = default;
};

struct Constat {
  std::string constatId;
  std::int64_t revision = 1;
  std::string status;
  std::string formScheme = "EAS-17";
  Accident accident;
  std::optional<std::vector<Person>> witnesses;
  std::vector<Side> sides;
  std::optional<Attachment> sketch;
  std::optional<std::vector<Attachment>> attachments;
  std::optional<Json> extensions;  // object keyed by insurerId
  bool operator==(const Constat&) const = default;
};

struct VerifiedVehicle {
  std::string registrationNumber;  // PERSONAL
  std::string registrationCountry;
  std::optional<std::string> vin;  // PERSONAL
  std::optional<std::string> make;
  std::optional<std::string> model;
  std::optional<std::int64_t> year;
  bool operator==(const VerifiedVehicle&) const = default;
};

struct Coverage {
  std::optional<std::string> validFrom;  // date
  std::optional<std::string> validTo;    // date
  std::vector<std::string> guarantees;   // RC, DR, DASC, VIV, BDG, PT, ...
  bool operator==(const Coverage&) const = default;
};

struct AgencyRef {
  std::optional<std::string> code;
  std::optional<std::string> name;
  bool operator==(const AgencyRef&) const = default;
};

struct VehicleVerification {
  std::string verificationId;
  std::optional<std::string> requestRef;
  std::string insurerId;
  std::optional<std::string> policyNumber;  // PERSONAL
  VerifiedVehicle vehicle;
  std::string asOf;    // date
  std::string status;  // confirmed | unconfirmed
  std::optional<std::string> reasonCode;  // required when unconfirmed
  std::optional<Coverage> coverage;
  std::optional<std::string> policyholderName;  // PERSONAL
  std::optional<AgencyRef> agency;
  std::string verifiedAt;  // date-time
  std::optional<std::string> constatId;
  std::optional<Json> extensions;  // object keyed by insurerId
  bool operator==(const VehicleVerification&) const = default;
};

// Closed lists from the canonical model.
inline const std::vector<std::string> kConstatStatuses = {"draft",     "signed",   "submitted", "acknowledged",
                                                          "in_review", "settled",  "rejected",  "closed"};
inline const std::vector<std::string> kImpactZones = {"front", "front_left", "front_right", "left",     "right",
                                                      "rear",  "rear_left",  "rear_right",  "roof",     "underbody"};
inline const std::vector<std::string> kAttachmentKinds = {"photo", "sketch", "scan", "pdf"};
inline const std::vector<std::string> kSignatureMethods = {"handwritten", "electronic"};
inline const std::vector<std::string> kVerificationStatuses = {"confirmed", "unconfirmed"};

}  // namespace passerelle::sdk
