#include "adapter_context.hpp"

#include <cstdio>
#include <mutex>

#include "log.hpp"

namespace passerelle::host {

std::string random_uuid() {
  thread_local std::mt19937_64 rng{std::random_device{}() ^
                                   static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  std::uint64_t hi = rng(), lo = rng();
  hi = (hi & ~0xF000ULL) | 0x4000ULL;
  lo = (lo & ~(0xC0ULL << 56)) | (0x80ULL << 56);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                static_cast<unsigned long long>((hi >> 16) & 0xFFFF), static_cast<unsigned long long>(hi & 0xFFFF),
                static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFULL));
  return buf;
}

AdapterContext::AdapterContext(std::string adapter_id, std::string plugin, HttpClientOptions http, Metrics& metrics,
                               sdk::ValidationOptions validation)
    : id_(std::move(adapter_id)),
      plugin_(std::move(plugin)),
      component_("adapter:" + plugin_ + ":" + id_),
      http_(std::move(http)),
      metrics_(metrics),
      validation_(validation) {}

void AdapterContext::log(sdk::LogLevel level, const std::string& message, const sdk::LogFields& fields) {
  log::write(level, component_, id_, message, fields);
}

std::string AdapterContext::new_event_id() { return random_uuid(); }

void AdapterContext::count(const std::string& name, double delta) {
  std::string clean;
  for (char c : name) clean += (std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  metrics_.add("passerelle_adapter_" + clean + "_total", "adapter=\"" + id_ + "\"", delta);
}

}  // namespace passerelle::host
