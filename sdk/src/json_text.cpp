#include "passerelle/sdk/json_text.hpp"

#include <simdjson.h>

namespace passerelle::sdk {
namespace {

Json to_tree(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::OBJECT: {
      Json o(Json::value_t::object);
      auto& members = *o.get_ptr<Json::object_t*>();
      for (auto field : simdjson::dom::object(e)) {
        // Duplicate keys: the last one wins, as with Json::parse.
        members.insert_or_assign(std::string(field.key), to_tree(field.value));
      }
      return o;
    }
    case simdjson::dom::element_type::ARRAY: {
      Json a(Json::value_t::array);
      auto& items = *a.get_ptr<Json::array_t*>();
      const simdjson::dom::array arr(e);
      items.reserve(arr.size());
      for (auto v : arr) items.push_back(to_tree(v));
      return a;
    }
    case simdjson::dom::element_type::STRING:
      return Json(std::string(std::string_view(e)));
    case simdjson::dom::element_type::INT64: {
      // Json::parse stores every non-negative integer as unsigned.
      const std::int64_t v = std::int64_t(e);
      return v >= 0 ? Json(static_cast<std::uint64_t>(v)) : Json(v);
    }
    case simdjson::dom::element_type::UINT64:
      return Json(std::uint64_t(e));
    case simdjson::dom::element_type::DOUBLE:
      return Json(double(e));
    case simdjson::dom::element_type::BOOL:
      return Json(bool(e));
    case simdjson::dom::element_type::NULL_VALUE:
      return Json(nullptr);
  }
  return Json(nullptr);
}

// One parser and one padded buffer per thread: both keep their memory between calls.
struct ThreadParser {
  simdjson::dom::parser parser;
  std::string buffer;
};

std::optional<Json> parse_with_nlohmann(std::string_view text, std::size_t* error_byte) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    if (error_byte) *error_byte = e.byte;
    return std::nullopt;
  }
}

// simdjson reads the integer -0 as 0, which Json::parse keeps signed: such texts (and, harmlessly,
// strings ending in "-0") are handed to Json::parse. Dates ("2026-01-20") do not match.
bool may_hold_negative_zero(std::string_view t) {
  for (auto i = t.find("-0"); i != std::string_view::npos; i = t.find("-0", i + 2)) {
    const auto j = i + 2;
    if (j == t.size()) return true;
    const char c = t[j];
    if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E')) return true;
  }
  return false;
}

}  // namespace

std::optional<Json> parse_json(std::string_view text, std::size_t* error_byte) {
  if (may_hold_negative_zero(text)) return parse_with_nlohmann(text, error_byte);
  thread_local ThreadParser tp;
  tp.buffer.assign(text.data(), text.size());
  tp.buffer.append(simdjson::SIMDJSON_PADDING, '\0');
  simdjson::dom::element root;
  if (tp.parser.parse(tp.buffer.data(), text.size(), false).get(root) != simdjson::SUCCESS)
    return parse_with_nlohmann(text, error_byte);
  return to_tree(root);
}

}  // namespace passerelle::sdk
