#include "plugin_loader.hpp"

#include <cstring>
#include <dlfcn.h>
#include <mutex>

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>

namespace passerelle::host {
namespace {

// Never destroyed: see the header. Kept reachable so leak checkers see them as owned.
std::vector<std::unique_ptr<boost::dll::shared_library>>& loaded_libraries() {
  static auto* libs = new std::vector<std::unique_ptr<boost::dll::shared_library>>();
  return *libs;
}
std::mutex loaded_mutex;

std::string version_text(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

// The minimum descriptor this host understands: ABI 1.0's fields.
constexpr std::size_t kMinStructSize = offsetof(passerelle_plugin_descriptor, destroy) + sizeof(void (*)(void*));

}  // namespace

void check_descriptor(const passerelle_plugin_descriptor* d, const std::string& library) {
  if (!d) throw PluginLoadError(library + ": the gate " PASSERELLE_PLUGIN_ENTRY_SYMBOL " returned no descriptor");
  // struct_size and abi_major are read first: they are at fixed offsets in every ABI version.
  if (d->abi_major != PASSERELLE_ABI_MAJOR) {
    throw PluginLoadError(library + ": plugin ABI " + version_text(d->abi_major, d->abi_minor) +
                          " is not supported by this host (host ABI " +
                          version_text(PASSERELLE_ABI_MAJOR, PASSERELLE_ABI_MINOR) + "); rebuild the plugin against SDK " +
                          PASSERELLE_SDK_VERSION);
  }
  if (d->struct_size > sizeof(passerelle_plugin_descriptor) || d->struct_size < kMinStructSize) {
    throw PluginLoadError(library + ": plugin descriptor is " + std::to_string(d->struct_size) +
                          " bytes, this host knows " + std::to_string(sizeof(passerelle_plugin_descriptor)) +
                          " (plugin ABI " + version_text(d->abi_major, d->abi_minor) + ", host ABI " +
                          version_text(PASSERELLE_ABI_MAJOR, PASSERELLE_ABI_MINOR) + ")");
  }
  if (!d->fingerprint || std::strcmp(d->fingerprint, PASSERELLE_BUILD_FINGERPRINT) != 0) {
    throw PluginLoadError(library + ": build fingerprint \"" + (d->fingerprint ? d->fingerprint : "(none)") +
                          "\" does not match the host's \"" PASSERELLE_BUILD_FINGERPRINT
                          "\"; build the plugin with the same compiler, standard library and SDK");
  }
  if (!d->name || !*d->name || !d->version || !d->create || !d->destroy || (d->settings_count && !d->settings)) {
    throw PluginLoadError(library + ": plugin descriptor is incomplete (name, version, create and destroy are required)");
  }
}

LoadedPlugin load_plugin(const std::string& library) {
  LoadedPlugin p;
  p.library = library;
  if (library.rfind("static:", 0) == 0) {
    const auto& reg = sdk::static_plugin_registry();
    auto it = reg.find(library.substr(7));
    if (it == reg.end()) throw PluginLoadError(library + ": no plugin of that name is linked into this program");
    p.descriptor = it->second;
  } else {
    // dlopen first, on our own, for dlerror()'s text ("undefined symbol: ...", "wrong ELF class"):
    // Boost.DLL folds it into a generic error code. Boost's handle below keeps it loaded.
    void* probe = ::dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!probe) {
      const char* why = ::dlerror();
      throw PluginLoadError(library + ": cannot load the library: " + (why ? why : "unknown dlopen error"));
    }
    auto lib = std::make_unique<boost::dll::shared_library>();
    boost::dll::fs::error_code ec;
    lib->load(library, ec, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    ::dlclose(probe);
    if (ec) throw PluginLoadError(library + ": cannot load the library: " + ec.message());
    if (!lib->has(PASSERELLE_PLUGIN_ENTRY_SYMBOL)) {
      throw PluginLoadError(library + ": not a Passerelle plugin: the gate symbol " PASSERELLE_PLUGIN_ENTRY_SYMBOL
                                      " is missing (build it with PASSERELLE_PLUGIN(...) from passerelle/sdk/plugin.hpp)");
    }
    auto entry = lib->get<const passerelle_plugin_descriptor*()>(PASSERELLE_PLUGIN_ENTRY_SYMBOL);
    p.descriptor = entry();
    std::lock_guard<std::mutex> lock(loaded_mutex);
    loaded_libraries().push_back(std::move(lib));
  }
  check_descriptor(p.descriptor, library);
  p.settings = sdk::settings_from_descriptor(*p.descriptor);
  return p;
}

}  // namespace passerelle::host
