// Problems found in an SAA record, named by SAA paths, and the translation of canonical paths
// back to the SAA fields they were read from.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "passerelle/sdk/validation.hpp"

namespace passerelle::saa {

// Messages say the rule in French (SAA's language) and in English (the platform's).
namespace msg {
inline constexpr const char* kRequired = "obligatoire (required)";
inline constexpr const char* kString = "doit être une chaîne (must be a string)";
inline constexpr const char* kInteger = "doit être un entier (must be an integer)";
inline constexpr const char* kNumber = "doit être un nombre (must be a number)";
inline constexpr const char* kObject = "doit être un objet (must be an object)";
inline constexpr const char* kArray = "doit être un tableau (must be an array)";
inline constexpr const char* kDate = "date invalide, attendu jj/mm/aaaa (invalid date, expected dd/MM/yyyy)";
inline constexpr const char* kDateTime =
    "date-heure invalide, attendu jj/mm/aaaa hh:mm, heure d'Algérie (invalid date-time, expected dd/MM/yyyy HH:mm, "
    "Algeria time)";
inline constexpr const char* kUnknownField = "champ inconnu (unknown field)";
}  // namespace msg

std::string child_path(const std::string& path, const std::string& key);
std::string index_path(const std::string& path, std::size_t i);

// Problems found in one SAA record.
class Problems {
 public:
  void add(std::string path, std::string message) { issues_.push_back({std::move(path), std::move(message)}); }
  bool empty() const noexcept { return issues_.empty(); }
  const std::vector<sdk::ValidationIssue>& issues() const noexcept { return issues_; }
  std::string summary(std::size_t max_issues = 10) const;

 private:
  std::vector<sdk::ValidationIssue> issues_;
};

// Which SAA field each canonical field was read from.
class Origins {
 public:
  void record(const std::string& canonical_path, const std::string& saa_path) { map_[canonical_path] = saa_path; }
  // The SAA path of `canonical_path`, or of its nearest recorded parent followed by the rest of
  // the canonical path; the canonical path itself, marked, when nothing matches.
  std::string saa_path_for(const std::string& canonical_path) const;

 private:
  std::map<std::string, std::string> map_;
};

}  // namespace passerelle::saa
