#include "canonical_generator.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <tuple>
#include <utility>

#include "passerelle/sdk/datetime.hpp"

namespace passerelle::testing {
namespace {

using sdk::Json;

// Only the engine's raw output is used (modulo, no distributions): std::*_distribution are
// implementation-defined, and a seed that fails must reproduce on every standard library.
class Dice {
 public:
  explicit Dice(std::mt19937_64& rng) : rng_(rng) {}

  std::uint64_t raw() { return rng_(); }
  int between(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(raw() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  bool chance(int percent) { return between(0, 99) < percent; }
  bool coin() { return chance(50); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(raw() % v.size())];
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(raw() % i)]);
  }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + between(0, 9));
    return s;
  }
  std::string letters(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('A' + between(0, 25));
    return s;
  }
  std::string hex(int n, bool upper = false) {
    static const char* lower_digits = "0123456789abcdef";
    static const char* upper_digits = "0123456789ABCDEF";
    std::string s;
    for (int i = 0; i < n; ++i) s += (upper ? upper_digits : lower_digits)[between(0, 15)];
    return s;
  }
  template <typename T, typename F>
  std::optional<T> maybe(F make) {
    if (coin()) return make();
    return std::nullopt;
  }

 private:
  std::mt19937_64& rng_;
};

// Names deliberately mix scripts, accents, apostrophes and quotes: the characters adapters
// most often mangle (encoding, escaping in XML/CSV, fixed-width truncation).
const std::vector<std::string> kLastNames = {
    "بن علي", "بوزيد", "Benaïssa", "Mébarki", "O'Connor", "D'Alembert", "Œuvre", "Zerrouki",
    "Aït \"Le Grand\" Saïd", "Haddad", "Lefèvre", "Kaci-Ouali", "عبد القادر", "Çelik", "L'Hôpital", "Bouchène"};
const std::vector<std::string> kFirstNames = {"محمد", "فاطمة", "Hélène", "Amine", "Zoé",   "Noël",     "Jean-François",
                                              "Aïcha", "Kheïra", "Yacine", "Anaïs", "Mohamed", "Ève",   "Lyès"};
const std::vector<std::string> kCompanies = {"SARL Transports \"Ouled Naïl\"", "شركة النقل السريع",
                                             "EURL Éclair d'Algérie", "SPA Sonelgaz"};
const std::vector<std::string> kCities = {"Alger", "Oran", "Tizi Ouzou", "Béjaïa", "قسنطينة", "Sétif", "El Eulma", "Blida"};
const std::vector<std::string> kPlaces = {"Rue Didouche Mourad", "Carrefour de l'Étoile", "طريق وطني رقم 5",
                                          "Autoroute Est-Ouest PK 42", "Parking \"Ardis\"", "Boulevard Zighout Youcef"};
const std::vector<std::string> kLines = {"12 rue Larbi Ben M'hidi", "Cité 500 logements, bât. B", "حي النصر رقم 14",
                                         "3 impasse des Œillets", "Lot n°7 \"El Feth\""};
const std::vector<std::string> kMakes = {"Renault", "Peugeot", "Hyundai", "Dacia", "Volkswagen", "Toyota", "Chery", "Seat"};
const std::vector<std::string> kModels = {"Clio", "208", "Accent", "Logan", "Golf", "Hilux", "Tiggo 2", "Ibiza", "Symbol"};
const std::vector<std::string> kForeignCountries = {"FR", "TN", "MA", "ES", "DE", "IT"};
const std::vector<std::string> kOffsets = {"Z", "+00:00", "+01:00", "-05:00", "+05:30", "-03:30", "+02:00", "-00:00"};
const std::vector<std::string> kGuarantees = {"RC", "DR", "DASC", "VIV", "BDG", "PT"};
const std::vector<std::string> kReasonCodes = {"policy_expired", "policy_suspended", "vehicle_not_found",
                                               "policy_not_found", "insurer_specific_block"};
const std::vector<std::string> kLicenceCategories = {"A", "A1", "B", "C", "C1", "D", "E"};

std::string two(int n) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", n);
  return buf;
}

std::string date(Dice& d, int year_lo = 1950, int year_hi = 2030) {
  sdk::Date out;
  out.year = d.between(year_lo, year_hi);
  out.month = d.between(1, 12);
  out.day = d.between(1, sdk::days_in_month(out.year, out.month));
  return sdk::format_date(out);
}

std::string datetime(Dice& d) {
  std::string s = date(d, 2000, 2030) + "T" + two(d.between(0, 23)) + ":" + two(d.between(0, 59)) + ":" +
                  two(d.between(0, 59));
  if (d.chance(30)) s += "." + d.digits(d.between(1, 9));
  return s + d.pick(kOffsets);
}

std::string wilaya(Dice& d) { return two(d.between(1, 58)); }

std::string algerian_plate(Dice& d) {
  return d.digits(d.between(1, 6)) + "-" + std::to_string(d.between(1, 9)) + d.digits(2) + "-" + wilaya(d);
}

std::string foreign_plate(Dice& d, const std::string& country) {
  if (country == "FR") return d.letters(2) + "-" + d.digits(3) + "-" + d.letters(2);
  if (country == "TN") return d.digits(3) + " TU " + d.digits(4);
  if (country == "MA") return d.digits(5) + "-" + d.letters(1) + "-" + std::to_string(d.between(1, 89));
  if (country == "ES") return d.digits(4) + " " + d.letters(3);
  if (country == "DE") return "B-" + d.letters(2) + " " + d.digits(4);
  return d.letters(2) + d.digits(3) + d.letters(2);
}

// Country and number drawn together: the number's rule depends on the country.
std::pair<std::string, std::string> plate(Dice& d) {
  if (d.chance(75)) return {"DZ", algerian_plate(d)};
  const std::string country = d.pick(kForeignCountries);
  return {country, foreign_plate(d, country)};
}

std::string vin(Dice& d) {
  static const std::string alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";  // no I, O, Q
  std::string s;
  for (int i = 0; i < 17; ++i) s += alphabet[static_cast<std::size_t>(d.between(0, static_cast<int>(alphabet.size()) - 1))];
  return s;
}

std::string phone(Dice& d) {
  return d.coin() ? "+213 " + std::to_string(d.between(5, 7)) + d.digits(2) + " " + d.digits(2) + " " + d.digits(2) +
                        " " + d.digits(2)
                  : "0" + std::to_string(d.between(5, 7)) + d.digits(8);
}

std::string uuid_v4(Dice& d) {
  std::string h = d.hex(32);
  h[12] = '4';
  h[16] = "89ab"[d.between(0, 3)];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string insurer(Dice& d, const GeneratorOptions& o) { return o.insurers.empty() ? "saa" : d.pick(o.insurers); }

std::string insurer_name(const std::string& id) {
  if (id == "saa") return "Société Nationale d'Assurance";
  if (id == "trust") return "Trust Algeria Assurances & Réassurance";
  if (id == "caar") return "CAAR – Compagnie Algérienne d'Assurance et de Réassurance";
  std::string upper = id;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper;
}

std::string policy_number(Dice& d) {
  switch (d.between(0, 2)) {
    case 0: return "POL-" + wilaya(d) + "-" + std::to_string(d.between(2015, 2027)) + "-" + d.digits(7);
    case 1: return wilaya(d) + "/" + d.digits(4) + "/" + d.digits(6);
    default: return d.digits(d.between(6, 12));
  }
}

sdk::Address address(Dice& d) {
  sdk::Address a;
  a.countryCode = d.chance(85) ? "DZ" : d.pick(kForeignCountries);
  a.line = d.maybe<std::string>([&] { return d.pick(kLines); });
  a.city = d.maybe<std::string>([&] { return d.pick(kCities); });
  if (a.countryCode == "DZ") a.wilayaCode = d.maybe<std::string>([&] { return wilaya(d); });
  a.postalCode = d.maybe<std::string>([&] { return d.digits(5); });
  return a;
}

sdk::Person person(Dice& d) {
  sdk::Person p;
  p.lastName = d.pick(kLastNames);
  p.firstName = d.maybe<std::string>([&] { return d.pick(kFirstNames); });
  if (d.chance(15)) p.companyName = d.pick(kCompanies);
  p.address = d.maybe<sdk::Address>([&] { return address(d); });
  p.phone = d.maybe<std::string>([&] { return phone(d); });
  p.email = d.maybe<std::string>([&] { return "user" + d.digits(4) + "@exemple.dz"; });
  return p;
}

sdk::Attachment attachment(Dice& d, const std::string& kind) {
  sdk::Attachment a;
  a.kind = kind;
  if (kind == "photo") a.mediaType = d.coin() ? "image/jpeg" : "image/png";
  else if (kind == "sketch") a.mediaType = "image/svg+xml";
  else if (kind == "scan") a.mediaType = "image/tiff";
  else a.mediaType = "application/pdf";
  a.uri = (d.coin() ? "https://files.eassurance.dz/" : "s3://eassurance-constats/") + d.hex(12) + "/" + kind + "-" +
          std::to_string(d.between(1, 99));
  if (d.coin()) a.sha256 = d.hex(64, d.chance(20));
  return a;
}

// Dates drawn independently, then ordered, because the validator rejects validTo < validFrom.
void ordered_dates(Dice& d, std::optional<std::string>& from, std::optional<std::string>& to) {
  from = d.maybe<std::string>([&] { return date(d, 2015, 2028); });
  to = d.maybe<std::string>([&] { return date(d, 2015, 2028); });
  if (from && to && *to < *from) std::swap(from, to);
}

sdk::Vehicle vehicle(Dice& d) {
  sdk::Vehicle v;
  v.make = d.pick(kMakes);
  v.model = d.maybe<std::string>([&] { return d.pick(kModels); });
  std::tie(v.registrationCountry, v.registrationNumber) = plate(d);
  v.vin = d.maybe<std::string>([&] { return vin(d); });
  if (d.chance(20)) {
    sdk::Trailer t;
    if (d.chance(80)) {
      auto [country, number] = plate(d);
      t.registrationCountry = country;
      if (d.chance(90)) t.registrationNumber = number;
    } else if (d.coin()) {
      // No country: the number cannot be checked, so any non-empty text is kept as sent.
      t.registrationNumber = "REM-" + d.digits(5);
    }
    v.trailer = t;
  }
  return v;
}

sdk::Insurance insurance(Dice& d, const GeneratorOptions& o) {
  sdk::Insurance in;
  in.insurerId = insurer(d, o);
  if (d.coin()) in.insurerName = insurer_name(in.insurerId);
  in.policyNumber = policy_number(d);
  in.greenCardNumber = d.maybe<std::string>([&] { return "DZ/" + d.digits(3) + "/" + d.digits(8); });
  ordered_dates(d, in.validFrom, in.validTo);
  if (d.chance(40)) {
    sdk::Agency a;
    a.code = d.maybe<std::string>([&] { return std::to_string(d.between(100, 999)); });
    a.name = d.maybe<std::string>([&] { return "Agence " + d.pick(kCities); });
    a.address = d.maybe<sdk::Address>([&] { return address(d); });
    a.phone = d.maybe<std::string>([&] { return phone(d); });
    in.agency = a;
  }
  in.ownDamageCovered = d.maybe<bool>([&] { return d.coin(); });
  return in;
}

sdk::Driver driver(Dice& d) {
  sdk::Driver dr;
  dr.lastName = d.pick(kLastNames);
  dr.firstName = d.maybe<std::string>([&] { return d.pick(kFirstNames); });
  dr.dateOfBirth = d.maybe<std::string>([&] { return date(d, 1940, 2007); });
  dr.address = d.maybe<sdk::Address>([&] { return address(d); });
  dr.phone = d.maybe<std::string>([&] { return phone(d); });
  if (d.coin()) {
    sdk::Licence l;
    l.number = d.digits(d.between(6, 10));
    l.category = d.maybe<std::string>([&] { return d.pick(kLicenceCategories); });
    l.issuedAt = d.maybe<std::string>([&] { return date(d, 1960, 2025); });
    l.validUntil = d.maybe<std::string>([&] { return date(d, 2020, 2040); });
    dr.licence = l;
  }
  return dr;
}

std::vector<int> circumstances(Dice& d) {
  const int mode = d.between(0, 9);
  if (mode == 0) return {};
  std::vector<int> all;
  for (int i = 1; i <= 17; ++i) all.push_back(i);
  d.shuffle(all);
  if (mode == 1) return all;  // all 17, in a random order
  all.resize(static_cast<std::size_t>(d.between(1, 5)));
  if (d.coin()) std::sort(all.begin(), all.end());
  return all;
}

sdk::Side side(Dice& d, const GeneratorOptions& o, char letter) {
  sdk::Side s;
  s.side = std::string(1, letter);
  s.policyholder = person(d);
  s.vehicle = vehicle(d);
  s.insurance = insurance(d, o);
  s.driver = driver(d);
  if (d.coin()) {
    sdk::InitialImpact imp;
    imp.zones = sdk::kImpactZones;
    d.shuffle(imp.zones);
    imp.zones.resize(static_cast<std::size_t>(d.between(0, static_cast<int>(imp.zones.size()))));
    imp.note = d.maybe<std::string>([&] { return "Choc léger à l'avant, \"rayure\" sur l'aile"; });
    s.initialImpact = imp;
  }
  s.visibleDamage = d.maybe<std::string>([&] { return d.coin() ? "Pare-chocs enfoncé" : "خدوش على الباب الأيمن"; });
  s.circumstances = circumstances(d);
  s.remarks = d.maybe<std::string>([&] { return d.coin() ? "L'autre conducteur roulait vite" : "لا توجد ملاحظات"; });
  s.signature.isSigned = d.chance(70);
  s.signature.signedAt = d.maybe<std::string>([&] { return datetime(d); });
  s.signature.method = d.maybe<std::string>([&] { return d.pick(sdk::kSignatureMethods); });
  return s;
}

Json extensions(Dice& d, const GeneratorOptions& o) {
  Json ext = Json::object();
  const int n = d.between(1, 2);
  for (int i = 0; i < n; ++i) {
    Json fields = {{"k", "v"}};
    if (d.coin()) fields["codeAgent"] = d.digits(4);
    if (d.coin()) fields["note"] = "ملاحظة «spéciale»";
    if (d.coin()) fields["flags"] = Json::array({d.coin(), d.between(0, 1000)});
    ext[d.chance(30) ? std::string("other") : insurer(d, o)] = fields;
  }
  return ext;
}

std::string constat_id(Dice& d) {
  return d.chance(70) ? "CST-" + std::to_string(d.between(2020, 2027)) + "-" + d.digits(6) : uuid_v4(d);
}

}  // namespace

sdk::Constat random_constat(std::mt19937_64& rng, const GeneratorOptions& options) {
  Dice d(rng);
  sdk::Constat c;
  c.constatId = constat_id(d);
  c.revision = d.between(1, 50);
  c.status = d.pick(sdk::kConstatStatuses);
  if (d.chance(10)) c.formScheme = "EAS-17-DZ";
  c.accident.occurredAt = datetime(d);
  auto& loc = c.accident.location;
  loc.countryCode = d.chance(90) ? "DZ" : d.pick(kForeignCountries);
  if (loc.countryCode == "DZ") loc.wilayaCode = d.maybe<std::string>([&] { return wilaya(d); });
  loc.city = d.maybe<std::string>([&] { return d.pick(kCities); });
  loc.place = d.pick(kPlaces);
  if (d.coin()) {
    // Whole micro-degrees, and now and then the exact bounds the validator must accept.
    sdk::GeoPoint g;
    g.lat = d.chance(5) ? (d.coin() ? 90.0 : -90.0) : d.between(19000000, 37100000) / 1e6;
    g.lon = d.chance(5) ? (d.coin() ? 180.0 : -180.0) : d.between(-8700000, 12000000) / 1e6;
    loc.geo = g;
  }
  c.accident.injuries = d.coin();
  c.accident.damageOtherVehicles = d.coin();
  c.accident.damageOtherProperty = d.coin();
  if (d.coin()) {
    std::vector<sdk::Person> w;
    const int n = d.between(0, 3);
    for (int i = 0; i < n; ++i) w.push_back(person(d));
    c.witnesses = w;
  }
  const int lo = std::clamp(options.min_sides, 1, 26);
  const int hi = std::clamp(options.max_sides, lo, 26);
  const int sides = d.between(lo, hi);
  for (int i = 0; i < sides; ++i) c.sides.push_back(side(d, options, static_cast<char>('A' + i)));
  if (d.coin()) c.sketch = attachment(d, "sketch");
  if (d.coin()) {
    std::vector<sdk::Attachment> at;
    const int n = d.between(0, 4);
    for (int i = 0; i < n; ++i) at.push_back(attachment(d, d.pick(sdk::kAttachmentKinds)));
    c.attachments = at;
  }
  if (d.chance(30)) c.extensions = extensions(d, options);
  return c;
}

sdk::VehicleVerification random_verification(std::mt19937_64& rng, const GeneratorOptions& options) {
  Dice d(rng);
  sdk::VehicleVerification v;
  v.verificationId = d.coin() ? uuid_v4(d) : "VRF-" + d.digits(10);
  v.requestRef = d.maybe<std::string>([&] { return "REQ-" + d.digits(8); });
  v.insurerId = insurer(d, options);
  v.policyNumber = d.maybe<std::string>([&] { return policy_number(d); });
  std::tie(v.vehicle.registrationCountry, v.vehicle.registrationNumber) = plate(d);
  v.vehicle.vin = d.maybe<std::string>([&] { return vin(d); });
  v.vehicle.make = d.maybe<std::string>([&] { return d.pick(kMakes); });
  v.vehicle.model = d.maybe<std::string>([&] { return d.pick(kModels); });
  v.vehicle.year = d.maybe<std::int64_t>([&] { return static_cast<std::int64_t>(d.between(1980, 2026)); });
  v.asOf = date(d, 2020, 2030);
  v.status = d.pick(sdk::kVerificationStatuses);
  if (v.status == "unconfirmed") v.reasonCode = d.pick(kReasonCodes);
  if (d.chance(v.status == "confirmed" ? 70 : 20)) {
    sdk::Coverage cov;
    ordered_dates(d, cov.validFrom, cov.validTo);
    std::vector<std::string> g = kGuarantees;
    d.shuffle(g);
    g.resize(static_cast<std::size_t>(d.between(0, static_cast<int>(g.size()))));
    cov.guarantees = g;
    v.coverage = cov;
  }
  v.policyholderName = d.maybe<std::string>([&] {
    return d.coin() ? d.pick(kFirstNames) + " " + d.pick(kLastNames) : d.pick(kCompanies);
  });
  if (d.chance(40)) {
    sdk::AgencyRef a;
    a.code = d.maybe<std::string>([&] { return std::to_string(d.between(100, 999)); });
    a.name = d.maybe<std::string>([&] { return "Agence " + d.pick(kCities); });
    v.agency = a;
  }
  v.verifiedAt = datetime(d);
  v.constatId = d.maybe<std::string>([&] { return constat_id(d); });
  if (d.chance(20)) v.extensions = extensions(d, options);
  return v;
}

namespace {
void envelope_options(Dice& d, sdk::CloudEvent& e) {
  if (d.coin()) e.correlationid = d.coin() ? uuid_v4(d) : "corr-" + d.hex(10);
  if (d.chance(30)) e.causationid = uuid_v4(d);
}
}  // namespace

sdk::CloudEvent random_constat_event(std::mt19937_64& rng, const GeneratorOptions& options) {
  sdk::Constat c = random_constat(rng, options);
  Dice d(rng);
  const bool updated = d.coin();
  // constat.updated carries the constat at a later revision than its creation.
  if (updated && c.revision == 1) c.revision = d.between(2, 50);
  sdk::CloudEvent e = sdk::make_constat_event(updated ? sdk::kTypeConstatUpdated : sdk::kTypeConstatCreated, c,
                                              uuid_v4(d), datetime(d), "/eassurance");
  envelope_options(d, e);
  return e;
}

sdk::CloudEvent random_verification_event(std::mt19937_64& rng, const GeneratorOptions& options) {
  sdk::VehicleVerification v = random_verification(rng, options);
  Dice d(rng);
  sdk::CloudEvent e = sdk::make_verification_event(v, uuid_v4(d), datetime(d), "/eassurance");
  envelope_options(d, e);
  return e;
}

}  // namespace passerelle::testing
