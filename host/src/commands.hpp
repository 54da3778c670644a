// The passerelle subcommands. Each returns the process exit code:
// 0 ok, 1 bad input (map), 2 bad config or usage.
#pragma once

#include <string>
#include <vector>

namespace passerelle::host {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitBadConfig = 2;

int command_version();
int command_check_config(const std::vector<std::string>& args);
int command_adapters(const std::vector<std::string>& args);
int command_map(const std::vector<std::string>& args);
int command_run(const std::vector<std::string>& args);
void print_usage();

}  // namespace passerelle::host
