// The "extensionsCanoniques" block: what a canonical event holds that SAA's own fields cannot
// hold exactly, carried next to SAA's fields so that canonical -> SAA -> canonical gives back
// the same event. SAA systems echo it unchanged when they send the constat back; they never
// need to read it.
//
// {
//   "valeursExactes": {"data.accident.occurredAt": "2026-11-20T13:35:27.5Z", ...},
//   "extensions": {"trust": {...}},             canonical data.extensions SAA fields cannot hold
//   "attributsCloudEvents": {"traceparent": ...}, other CloudEvents extension attributes
//   "dataschema": "urn:passerelle:constat.created:1.3"   when not this SDK's own minor
// }
//
// An exact value is restored only while SAA's field still shows what that value looks like in
// SAA's format: when SAA changes the field, SAA's value wins and the stale exact value is ignored.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "saa_problems.hpp"

namespace passerelle::saa {

inline constexpr const char* kComplementKey = "extensionsCanoniques";

class CanonicalComplement {
 public:
  using ToSaa = std::function<std::optional<std::string>(const std::string&)>;

  // Outbound: remember `canonical` under `canonical_path` when `saa_value`, read back, is not it.
  void keep_if_lossy(const std::string& canonical_path, const std::string& canonical,
                     const std::optional<std::string>& read_back);
  // Inbound: the exact value of `canonical_path` if one was carried and `to_saa(exact)` is still
  // `saa_value`.
  std::optional<std::string> exact_for(const std::string& canonical_path, const std::string& saa_value,
                                       const ToSaa& to_saa) const;

  std::optional<sdk::Json> extensions;  // canonical extensions carried verbatim
  sdk::Json cloud_event_attributes = sdk::Json::object();
  std::optional<std::string> dataschema;

  bool empty() const;
  sdk::Json to_saa_json() const;
  // Reads the block at `path`; problems are added and nullopt returned when it is malformed.
  static std::optional<CanonicalComplement> from_saa_json(const sdk::Json& j, const std::string& path,
                                                          Problems& problems);

 private:
  std::map<std::string, std::string> exact_values_;
};

}  // namespace passerelle::saa
