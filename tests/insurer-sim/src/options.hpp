// Command line of passerelle-insurer-sim.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim_util.hpp"

namespace passerelle::sim {

struct FaultFlag {
  std::vector<Insurer> insurers;
  Json patch;
};

struct Options {
  std::string listen = "127.0.0.1";
  std::map<Insurer, int> ports = {{Insurer::saa, 9101}, {Insurer::trust, 9102}, {Insurer::caar, 9103}};
  int admin_port = 0;
  std::map<Insurer, std::string> api_keys = {
      {Insurer::saa, "dev-saa-key"}, {Insurer::trust, "dev-trust-key"}, {Insurer::caar, "dev-caar-key"}};
  std::string caar_auth_header = "X-CAAR-Key";
  std::optional<std::string> seed_file;
  std::optional<double> duration_s;
  std::vector<FaultFlag> faults;
  bool help = false;
};

struct ParsedOptions {
  std::optional<Options> options;
  std::string error;  // set when options is empty
};

ParsedOptions parse_options(const std::vector<std::string>& args);
std::string usage();

// 127.0.0.0/8, ::1 and "localhost" are loopback; everything else is refused.
bool is_loopback(const std::string& host);

}  // namespace passerelle::sim
