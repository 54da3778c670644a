#include "host_e2e_env.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace passerelle::testing {

std::string shipped_config() { return std::string(PASSERELLE_SOURCE_DIR) + "/config/passerelle.yaml"; }

// Port 0 everywhere: tests run in parallel and must not fight over 8080.
std::map<std::string, std::string> e2e_env() {
  return {{"PASSERELLE_PLUGIN_DIR", PLUGIN_DIR}, {"PASSERELLE_HTTP_LISTEN", "127.0.0.1:0"}};
}

ProcessResult run_passerelle(const std::vector<std::string>& args, const std::string& stdin_text) {
  std::vector<std::string> argv{PASSERELLE_BIN};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, stdin_text, std::chrono::seconds(60), e2e_env());
}

std::string write_temp_config(const std::string& name, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("passerelle-e2e-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::permissions(dir, fs::perms::owner_all);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

}  // namespace passerelle::testing
