#include "passerelle/sdk/status.hpp"

namespace passerelle::sdk {

const char* to_string(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::ok: return "ok";
    case StatusCode::retry: return "retry";
    case StatusCode::permanent: return "permanent";
    case StatusCode::invalid_config: return "invalid_config";
    case StatusCode::not_found: return "not_found";
  }
  return "unknown";
}

}  // namespace passerelle::sdk
