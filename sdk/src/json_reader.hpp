// Internal to the SDK: reads one JSON object member by member, recording every problem with
// its path, and reports members nobody asked for as unknown.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "passerelle/sdk/model.hpp"
#include "passerelle/sdk/validation.hpp"

namespace passerelle::sdk::detail {

class JsonReader {
 public:
  JsonReader(const Json& j, std::string path, ValidationErrors& errors);
  ~JsonReader();  // reports unknown members
  JsonReader(const JsonReader&) = delete;
  JsonReader& operator=(const JsonReader&) = delete;

  bool valid() const noexcept { return valid_; }
  const std::string& path() const noexcept { return path_; }
  std::string child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  // Each returns nullopt/false when absent or wrong; "required" when required and absent.
  std::optional<std::string> str(std::string_view key, bool required);
  std::optional<std::string> nonempty(std::string_view key, bool required);
  std::optional<std::string> one_of(std::string_view key, bool required, const std::vector<std::string>& allowed);
  std::optional<std::string> date(std::string_view key, bool required);
  std::optional<std::string> datetime(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<std::int64_t> integer(std::string_view key, bool required);
  std::optional<double> number(std::string_view key, bool required);
  // Returns the member when present (object or array as asked); records an error otherwise.
  const Json* object(std::string_view key, bool required);
  const Json* array(std::string_view key, bool required);
  // Marks a member as known without reading it.
  const Json* raw(std::string_view key, bool required);

 private:
  const Json* take(std::string_view key, bool required);
  void error(std::string_view key, const std::string& message);

  const Json& j_;
  std::string path_;
  ValidationErrors& errors_;
  bool valid_ = true;
  // Members found so far, by address in j_ (stable while the reader lives): the destructor then
  // needs no string comparisons unless some member was not asked for. A set of key strings here
  // was a tenth of the SDK's validation time.
  std::vector<const Json*> seen_;
};

std::string join(const std::vector<std::string>& v, const char* sep = ", ");

}  // namespace passerelle::sdk::detail
