// Paths and helpers shared by the end-to-end tests of the passerelle binary.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "process_runner.hpp"

namespace passerelle::testing {

// config/passerelle.yaml, with the plugin directory of this build.
std::string shipped_config();
std::map<std::string, std::string> e2e_env();
ProcessResult run_passerelle(const std::vector<std::string>& args, const std::string& stdin_text = "");
// A config file in a fresh temporary directory; returns its path.
std::string write_temp_config(const std::string& name, const std::string& text);

}  // namespace passerelle::testing
