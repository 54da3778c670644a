// SDK version, ABI version and the build fingerprint a plugin and the host must share.
#pragma once

#define PASSERELLE_SDK_VERSION "1.0.0"
#define PASSERELLE_ABI_MAJOR 1u
#define PASSERELLE_ABI_MINOR 0u

#define PASSERELLE_STR2(x) #x
#define PASSERELLE_STR(x) PASSERELLE_STR2(x)

#if defined(__clang__)
#define PASSERELLE_COMPILER "clang-" PASSERELLE_STR(__clang_major__) "." PASSERELLE_STR(__clang_minor__)
#elif defined(__GNUC__)
#define PASSERELLE_COMPILER "gcc-" PASSERELLE_STR(__GNUC__) "." PASSERELLE_STR(__GNUC_MINOR__)
#else
#define PASSERELLE_COMPILER "unknown"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI)
#define PASSERELLE_STDLIB "libstdc++-cxx11abi" PASSERELLE_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define PASSERELLE_STDLIB "libc++-" PASSERELLE_STR(_LIBCPP_VERSION)
#else
#define PASSERELLE_STDLIB "unknown-stdlib"
#endif

// The C++ interface behind the gate passes standard library types (std::string,
// nlohmann::json), so a plugin must be built with the same compiler family, the
// same standard library ABI and the same SDK as the host. The host compares this
// string byte for byte before it calls anything else in the plugin.
#define PASSERELLE_BUILD_FINGERPRINT \
  PASSERELLE_COMPILER ";" PASSERELLE_STDLIB ";sdk-" PASSERELLE_SDK_VERSION
