// SAA fields the canonical model has no place for, and canonical extensions.<insurerId>.
//
// Every SAA object the mapping reads has a FieldSchema: the members the mapping knows. Anything
// else SAA sends is gathered, keeping SAA's nesting, into the canonical `extensions.saa`
// ("extra fields"): a member unknown at the top of `corps` keeps its name; one inside a known
// object sits under that object's SAA name; inside `parties` the party is named by its letter,
// inside other lists by its position ("0", "1", ...). For example
//   corps.referenceSinistre                  -> extensions.saa.referenceSinistre
//   corps.parties[<lettre B>].vehicule.usage -> extensions.saa.parties.B.vehicule.usage
//   corps.temoins[0].numeroPiece             -> extensions.saa.temoins.0.numeroPiece
// On the way out the same layout is written back into SAA's fields. Whatever cannot be written
// back exactly (a name SAA already uses, a party that does not exist, an empty object, ...) and
// other insurers' extensions travel in the canonical complement instead.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "passerelle/sdk/model.hpp"
#include "saa_canonical_complement.hpp"

namespace passerelle::saa {

class FieldSchema {
 public:
  enum class Kind { value, object, list_by_letter, list_by_position };
  struct Member {
    Kind kind = Kind::value;
    const FieldSchema* schema = nullptr;  // for objects and lists of objects
  };
  explicit FieldSchema(std::map<std::string, Member> members) : members_(std::move(members)) {}
  const Member* member(const std::string& name) const;
  const std::map<std::string, Member>& members() const noexcept { return members_; }

 private:
  std::map<std::string, Member> members_;
};

const FieldSchema& constat_body_schema();
const FieldSchema& verification_body_schema();
const FieldSchema& attestation_schema();  // REST: GET /api/v1/vehicules/{immatriculation}/attestation
const FieldSchema& policy_schema();       // REST: GET /api/v1/polices/{numeroPolice}

// The members of `saa_object` the schema does not know, laid out as described above.
sdk::Json collect_extra_fields(const sdk::Json& saa_object, const FieldSchema& schema);
// Writes `extra` into `saa_object` so that collect_extra_fields() gives back exactly `extra`;
// returns false and leaves `saa_object` untouched when that is not possible.
bool place_extra_fields(sdk::Json& saa_object, const sdk::Json& extra, const FieldSchema& schema);

// Outbound: canonical data.extensions -> SAA body fields and/or the complement.
void write_extensions(const std::optional<sdk::Json>& extensions, const std::string& own_insurer_id,
                      sdk::Json& saa_body, const FieldSchema& schema, CanonicalComplement& complement);
// Inbound: SAA extra fields and the complement -> canonical data.extensions (nullopt: none).
std::optional<sdk::Json> read_extensions(const sdk::Json& saa_body, const std::string& own_insurer_id,
                                         const FieldSchema& schema, const CanonicalComplement* complement);

}  // namespace passerelle::saa
