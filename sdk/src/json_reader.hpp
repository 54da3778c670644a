// Internal to the SDK: reads one JSON object member by member, recording every problem with
// its path, and reports members nobody asked for as unknown.
#pragma once

#include <optional>
#include <set>
#include <string>
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
  std::string child(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  // Each returns nullopt/false when absent or wrong; "required" when required and absent.
  std::optional<std::string> str(const std::string& key, bool required);
  std::optional<std::string> nonempty(const std::string& key, bool required);
  std::optional<std::string> one_of(const std::string& key, bool required, const std::vector<std::string>& allowed);
  std::optional<std::string> date(const std::string& key, bool required);
  std::optional<std::string> datetime(const std::string& key, bool required);
  std::optional<bool> boolean(const std::string& key, bool required);
  std::optional<std::int64_t> integer(const std::string& key, bool required);
  std::optional<double> number(const std::string& key, bool required);
  // Returns the member when present (object or array as asked); records an error otherwise.
  const Json* object(const std::string& key, bool required);
  const Json* array(const std::string& key, bool required);
  // Marks a member as known without reading it.
  const Json* raw(const std::string& key, bool required);

 private:
  const Json* take(const std::string& key, bool required);
  void error(const std::string& key, const std::string& message);

  const Json& j_;
  std::string path_;
  ValidationErrors& errors_;
  bool valid_ = true;
  std::set<std::string> seen_;
};

std::string join(const std::vector<std::string>& v, const char* sep = ", ");

}  // namespace passerelle::sdk::detail
