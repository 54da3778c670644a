// SHA-256 as lowercase hex, for API keys stored as hashes in config.
#pragma once

#include <string>
#include <string_view>

namespace passerelle::host {

std::string sha256_hex(std::string_view data);
// Compares two strings in time that depends only on their lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace passerelle::host
