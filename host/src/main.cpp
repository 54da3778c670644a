#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"

namespace passerelle::host {

void print_usage() {
  std::cout << "usage: passerelle <command> [options]\n"
               "\n"
               "  --version                                   host version and plugin ABI\n"
               "  check-config --config F                     check a config and its adapters; exit 0 or 2\n"
               "  adapters --config F [--json]                one line per adapter: id, plugin, version, ABI, state\n"
               "  map --config F --adapter ID --to provider|canonical\n"
               "                                              dry-run one mapping: JSON on stdin, JSON on stdout\n"
               "  run --config F                              run the host until SIGTERM (SIGHUP reloads)\n";
}

}  // namespace passerelle::host

int main(int argc, char** argv) {
  using namespace passerelle::host;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    print_usage();
    return args.empty() ? kExitBadConfig : kExitOk;
  }
  const std::string command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    if (command == "--version" || command == "version") return command_version();
    if (command == "check-config") return command_check_config(rest);
    if (command == "adapters") return command_adapters(rest);
    if (command == "map") return command_map(rest);
    if (command == "run") return command_run(rest);
    std::cerr << "passerelle: unknown command \"" << command << "\" (see passerelle --help)\n";
    return kExitBadConfig;
  } catch (const std::invalid_argument& e) {
    std::cerr << "passerelle " << command << ": " << e.what() << "\n";
    return kExitBadConfig;
  } catch (const std::exception& e) {
    std::cerr << "passerelle " << command << ": " << e.what() << "\n";
    return kExitBadConfig;
  }
}
