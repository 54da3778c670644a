#include "passerelle/sdk/registration_number.hpp"

#include <vector>

namespace passerelle::sdk {

std::optional<AlgerianPlate> parse_algerian_registration(std::string_view raw, int wilaya_min, int wilaya_max) {
  // Split on runs of spaces or dashes; exactly three groups of digits.
  std::vector<std::string> groups(1);
  bool in_sep = false;
  std::size_t b = 0, e = raw.size();
  while (b < e && raw[b] == ' ') ++b;
  while (e > b && raw[e - 1] == ' ') --e;
  for (std::size_t i = b; i < e; ++i) {
    const char c = raw[i];
    if (c == ' ' || c == '-') {
      if (!in_sep) groups.emplace_back();
      in_sep = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    in_sep = false;
    groups.back() += c;
  }
  if (groups.size() != 3) return std::nullopt;
  const auto& serial = groups[0];
  const auto& middle = groups[1];
  const auto& wilaya = groups[2];
  if (serial.empty() || serial.size() > 6 || middle.size() != 3 || wilaya.size() != 2) return std::nullopt;
  if (middle[0] == '0') return std::nullopt;
  const int w = (wilaya[0] - '0') * 10 + (wilaya[1] - '0');
  if (w < wilaya_min || w > wilaya_max) return std::nullopt;
  AlgerianPlate p;
  p.serial = serial;
  p.category = middle[0] - '0';
  p.year = middle.substr(1);
  p.wilaya = wilaya;
  return p;
}

std::optional<std::string> normalize_algerian_registration(std::string_view raw, int wilaya_min, int wilaya_max) {
  auto p = parse_algerian_registration(raw, wilaya_min, wilaya_max);
  if (!p) return std::nullopt;
  return p->serial + "-" + std::to_string(p->category) + p->year + "-" + p->wilaya;
}

}  // namespace passerelle::sdk
