// Validation problems, each with the JSON path it concerns (e.g. data.sides[1].insurance.policyNumber).
#pragma once

#include <string>
#include <vector>

namespace passerelle::sdk {

struct ValidationIssue {
  std::string path;     // dotted path with [index], rooted where validation started
  std::string message;  // "required", "must be one of: ...", ...
};

class ValidationErrors {
 public:
  void add(std::string path, std::string message) { issues_.push_back({std::move(path), std::move(message)}); }
  bool empty() const noexcept { return issues_.empty(); }
  const std::vector<ValidationIssue>& issues() const noexcept { return issues_; }
  // "path: message; path: message" — one line, suitable for a log or a DLQ header.
  std::string summary(std::size_t max_issues = 20) const;

 private:
  std::vector<ValidationIssue> issues_;
};

}  // namespace passerelle::sdk
