// Reads Trust JSON member by member. Every problem is recorded with its Trust path
// ("payload.accidentReport.parties[1].policy.number: required"), and members this adapter does
// not know are collected with their path instead of being dropped: they travel on to
// extensions.<adapter id>.unmappedFields.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "passerelle/sdk/model_json.hpp"
#include "passerelle/sdk/validation.hpp"
#include "trust_codes.hpp"

namespace passerelle::trust {

using Json = sdk::Json;

struct ReadContext {
  sdk::ValidationErrors& errors;
  Json& unmapped;  // object: Trust path -> value
  const sdk::ValidationOptions& validation;
};

std::string index_path(const std::string& path, std::size_t i);

class TrustReader {
 public:
  TrustReader(const Json& j, std::string path, ReadContext& ctx);
  ~TrustReader();  // collects unknown members
  TrustReader(const TrustReader&) = delete;
  TrustReader& operator=(const TrustReader&) = delete;

  bool valid() const noexcept { return valid_; }
  const std::string& path() const noexcept { return path_; }
  std::string child(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  ReadContext& context() noexcept { return ctx_; }
  void error(const std::string& key, const std::string& message);

  // Each returns nullopt when absent (recording "required" when it must be there) or wrong.
  std::optional<std::string> str(const std::string& key, bool required);
  std::optional<std::string> text(const std::string& key, bool required);  // non-empty
  std::optional<bool> flag(const std::string& key, bool required);
  std::optional<std::int64_t> integer(const std::string& key, bool required);
  std::optional<double> number(const std::string& key, bool required);
  std::optional<std::string> date(const std::string& key, bool required);
  // An RFC 3339 instant (Trust writes UTC, "...Z"); returned verbatim.
  std::optional<std::string> timestamp(const std::string& key, bool required);
  std::optional<std::string> country(const std::string& key, bool required);
  // Trust numbers wilayas (16); the canonical model writes them as two digits ("16").
  std::optional<std::string> wilaya(const std::string& key, bool required);
  // A Trust code, returned as its canonical value.
  std::optional<std::string> code(const std::string& key, bool required, const CodeTable& table);
  const Json* object(const std::string& key, bool required);
  const Json* array(const std::string& key, bool required);
  // Marks a member as known and returns it (any type).
  const Json* raw(const std::string& key);

 private:
  const Json* take(const std::string& key, bool required);

  const Json& j_;
  std::string path_;
  ReadContext& ctx_;
  bool valid_ = true;
  std::set<std::string> seen_;
};

}  // namespace passerelle::trust
