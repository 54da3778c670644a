// SAA's closed code lists and their canonical counterparts: constat statuses, impact zones,
// attachment kinds, signature modes, verification results, refusal reasons, policy states.
// Each table is a bijection on its primary codes, which is what keeps the round trip lossless;
// accented spellings SAA's agencies also send are accepted inbound as aliases.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace passerelle::saa {

struct VocabularyEntry {
  std::string canonical;
  std::string saa;                   // written outbound
  std::vector<std::string> aliases;  // also accepted inbound
};

class Vocabulary {
 public:
  Vocabulary(std::string name, std::vector<VocabularyEntry> entries);
  std::optional<std::string> to_saa(const std::string& canonical) const;
  std::optional<std::string> to_canonical(const std::string& saa) const;
  // "brouillon, signe, ..." for error messages.
  std::string saa_codes() const;
  const std::vector<VocabularyEntry>& entries() const noexcept { return entries_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::string name_;
  std::vector<VocabularyEntry> entries_;
};

const Vocabulary& constat_statuses();
const Vocabulary& impact_zones();
const Vocabulary& attachment_kinds();
const Vocabulary& signature_modes();
const Vocabulary& verification_results();
// Canonical reason codes SAA has its own code for; any other canonical code travels as
// motif "autre" with the code verbatim in motifAutre.
const Vocabulary& refusal_reasons();
inline constexpr const char* kOtherReason = "autre";
// State of a policy in SAA's REST answers ("etatPolice"/"etat") -> canonical policy status.
const Vocabulary& policy_states();

// SAA message types (entete.typeMessage) <-> canonical event types.
const Vocabulary& message_types();

}  // namespace passerelle::saa
