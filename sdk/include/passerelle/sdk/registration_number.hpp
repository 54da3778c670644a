// Algerian registration numbers: serial-Cyy-WW, e.g. "12345-116-16".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace passerelle::sdk {

struct AlgerianPlate {
  std::string serial;    // 1–6 digits
  int category = 0;      // 1–9
  std::string year;      // two digits
  std::string wilaya;    // "01".."58" (range is a setting)
};

// Accepts spaces or dashes between the three groups and returns the dashed form,
// or nullopt when the shape or the wilaya range is wrong.
std::optional<std::string> normalize_algerian_registration(std::string_view raw, int wilaya_min = 1,
                                                           int wilaya_max = 58);
std::optional<AlgerianPlate> parse_algerian_registration(std::string_view raw, int wilaya_min = 1,
                                                         int wilaya_max = 58);

}  // namespace passerelle::sdk
