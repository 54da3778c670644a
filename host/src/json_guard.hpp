// Cheap checks on untrusted JSON text before any parser or adapter sees it: nesting depth
// (a 100 000-deep document would exhaust the stack of any recursive code downstream) and UTF-8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace passerelle::host {

inline constexpr int kMaxJsonDepth = 64;

// nullopt when acceptable; otherwise why not ("nested deeper than 64 levels", "not valid UTF-8 at byte N").
std::optional<std::string> check_json_text(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace passerelle::host
