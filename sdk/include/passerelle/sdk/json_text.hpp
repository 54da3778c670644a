// Reading JSON text into the SDK's Json tree, faster than Json::parse and with the same result.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "passerelle/sdk/model.hpp"

namespace passerelle::sdk {

// Parses `text` into the same tree Json::parse(text) gives (positive integers as unsigned, the
// last of duplicate keys kept), about three times faster on events: the bytes are parsed by
// simdjson, then the tree is built from its index. Text simdjson refuses (invalid JSON, integers
// beyond 64 bits, ...) goes through Json::parse, so what is accepted is exactly Json::parse's.
// Returns nullopt on invalid JSON, with Json::parse's error position (1-based byte offset) in
// `error_byte` when given. Its message is not offered: it quotes the input, which may be
// personal data.
std::optional<Json> parse_json(std::string_view text, std::size_t* error_byte = nullptr);

}  // namespace passerelle::sdk
