// Reading SAA JSON into canonical JSON, one object at a time, with every problem named by its
// SAA path ("corps.parties[1].assurance.numeroPolice: obligatoire (required)").
//
// The reader checks what belongs to SAA's format (types, required SAA fields, dd/MM/yyyy,
// "oui"/"non", French codes). Value rules of the canonical model (plate shape, country codes,
// wilaya range, ...) are left to the SDK validator, whose canonical paths Origins translates
// back to the SAA fields they were read from.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "passerelle/sdk/model.hpp"
#include "saa_canonical_complement.hpp"
#include "saa_problems.hpp"
#include "saa_vocabulary.hpp"

namespace passerelle::saa {

using sdk::Json;

struct InboundState {
  Problems problems;
  Origins origins;
  const CanonicalComplement* complement = nullptr;  // exact values to restore, may be null
};

enum class Need { optional, required };

// Maps the members of one SAA object into one canonical object. Absent and null members are
// the same thing; a required one that is absent is a problem.
class FieldMapper {
 public:
  FieldMapper(const Json& src, std::string saa_path, Json& dst, std::string canonical_path, InboundState& state);

  bool valid() const noexcept { return valid_; }
  std::string saa(const std::string& key) const { return child_path(saa_path_, key); }
  std::string canonical(const std::string& key) const { return child_path(canonical_path_, key); }
  InboundState& state() noexcept { return state_; }

  // The member when present and not null; records "required" when asked for and absent.
  const Json* find(const std::string& saa_key, Need need);
  const Json* object(const std::string& saa_key, const std::string& canonical_key, Need need);
  const Json* array(const std::string& saa_key, const std::string& canonical_key, Need need);
  std::optional<std::string> read_text(const std::string& saa_key, Need need);

  void text(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void yes_no(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void date(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  // Restores the exact canonical value from the complement when SAA's value still matches it.
  void datetime(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void integer(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void number(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void code(const std::string& saa_key, const std::string& canonical_key, const Vocabulary& vocabulary,
            Need need = Need::optional);
  void texts(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void integers(const std::string& saa_key, const std::string& canonical_key, Need need = Need::optional);
  void codes(const std::string& saa_key, const std::string& canonical_key, const Vocabulary& vocabulary,
             Need need = Need::optional);

  // Writes a canonical member that does not come 1:1 from a single SAA member.
  void put(const std::string& canonical_key, Json value, const std::string& saa_key);
  void problem(const std::string& saa_key, std::string message) { state_.problems.add(saa(saa_key), std::move(message)); }

 private:
  const Json& src_;
  std::string saa_path_;
  Json& dst_;
  std::string canonical_path_;
  InboundState& state_;
  bool valid_ = true;
};

// Maps the SAA object member `saa_key` into a new canonical object member `canonical_key`.
template <typename Fill>
void map_object(FieldMapper& m, const std::string& saa_key, const std::string& canonical_key, Need need, Fill fill) {
  const Json* src = m.object(saa_key, canonical_key, need);
  if (!src) return;
  Json out = Json::object();
  FieldMapper sub(*src, m.saa(saa_key), out, m.canonical(canonical_key), m.state());
  fill(sub);
  m.put(canonical_key, std::move(out), saa_key);
}

// Maps an SAA array of objects into a canonical array of objects, element by element.
template <typename Fill>
void map_list(FieldMapper& m, const std::string& saa_key, const std::string& canonical_key, Need need, Fill fill) {
  const Json* src = m.array(saa_key, canonical_key, need);
  if (!src) return;
  Json out = Json::array();
  for (std::size_t i = 0; i < src->size(); ++i) {
    Json item = Json::object();
    FieldMapper sub((*src)[i], index_path(m.saa(saa_key), i), item, index_path(m.canonical(canonical_key), i),
                    m.state());
    if (sub.valid()) fill(sub);
    out.push_back(std::move(item));
  }
  m.put(canonical_key, std::move(out), saa_key);
}

// Restores the exact canonical date-time recorded under `canonical_path` when `saa_value` is still
// what that exact value looks like in SAA's format; otherwise SAA's value stands (SAA changed it).
std::string restore_datetime(const CanonicalComplement* complement, const std::string& canonical_path,
                             const std::string& saa_value, const std::string& from_saa);

}  // namespace passerelle::saa
