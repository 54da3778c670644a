#include "trust_restore.hpp"

#include <algorithm>
#include <array>

namespace passerelle::trust {
namespace {

// The patch may never change who an event is from or which event it is: those come from
// Trust's envelope and the adapter alone.
bool protected_path(const std::string& p) {
  static const std::array<const char*, 6> kProtected = {"/id", "/source", "/provider", "/type", "/specversion",
                                                         "/subject"};
  if (p.empty()) return true;
  return std::any_of(kProtected.begin(), kProtected.end(), [&](const char* q) {
    const std::string s(q);
    return p == s || p.rfind(s + "/", 0) == 0;
  });
}

bool test_passes(const Json& event, const Json& op) {
  try {
    const Json::json_pointer ptr(op.at("path").get<std::string>());
    return event.contains(ptr) && op.contains("value") && event.at(ptr) == op.at("value");
  } catch (const std::exception&) {
    return false;
  }
}

bool member_exists(const Json& event, const std::string& path) {
  try {
    const Json::json_pointer ptr(path);
    const Json::json_pointer parent = ptr.parent_pointer();
    if (!event.contains(parent)) return false;
    const Json& p = event.at(parent);
    return p.is_object() && p.contains(ptr.back());
  } catch (const std::exception&) {
    return false;
  }
}

bool apply_one(Json& event, const Json& op) {
  try {
    event.patch_inplace(Json::array({op}));
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

Json build_restore_patch(const Json& from, const Json& sent) {
  Json out = Json::array();
  for (const Json& op : Json::diff(from, sent)) {
    const std::string kind = op.at("op").get<std::string>();
    if (kind == "replace" || kind == "remove") {
      const std::string path = op.at("path").get<std::string>();
      out.push_back({{"op", "test"}, {"path", path}, {"value", from.at(Json::json_pointer(path))}});
    }
    out.push_back(op);
  }
  return out;
}

std::optional<RestoreResult> apply_restore_patch(const Json& event, const Json& patch, const std::string& path,
                                                 sdk::ValidationErrors& errors) {
  if (!patch.is_array()) {
    errors.add(path, "must be an array of JSON Patch operations");
    return std::nullopt;
  }
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const Json& op = patch[i];
    if (!op.is_object() || !op.contains("op") || !op["op"].is_string() || !op.contains("path") ||
        !op["path"].is_string()) {
      errors.add(path + "[" + std::to_string(i) + "]", "must be a JSON Patch operation with string \"op\" and \"path\"");
      return std::nullopt;
    }
  }
  RestoreResult r{event, 0, 0};
  for (std::size_t i = 0; i < patch.size(); ++i) {
    const Json& op = patch[i];
    const std::string kind = op["op"].get<std::string>();
    const std::string target = op["path"].get<std::string>();
    if (kind == "test") {
      // A test guards the operation right after it; both go or both are skipped.
      if (i + 1 >= patch.size()) continue;
      const Json& next = patch[++i];
      if (!test_passes(r.event, op) || protected_path(next["path"].get<std::string>()) || !apply_one(r.event, next))
        ++r.skipped;
      else
        ++r.applied;
      continue;
    }
    if (protected_path(target) || (kind == "add" && member_exists(r.event, target)) || !apply_one(r.event, op))
      ++r.skipped;
    else
      ++r.applied;
  }
  return r;
}

}  // namespace passerelle::trust
