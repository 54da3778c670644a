// The adapter interface: what an insurer's plugin implements. Only mapping and conventions;
// threads, Kafka handles, retries, dead-lettering and circuit breaking belong to the host.
//
// Rules every implementation follows:
//  - No exception is meant to leave these functions; the host still catches anything thrown
//    and treats it as a permanent failure of that one record.
//  - Failures are returned as a Status: retry (transient) or permanent (this input can never
//    succeed). configure() returns invalid_config for cross-field setting problems.
//  - Calls may come from several host threads at once, but never before configure() returned
//    ok; keep per-call state on the stack.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/delivery.hpp"
#include "passerelle/sdk/host_context.hpp"
#include "passerelle/sdk/settings.hpp"
#include "passerelle/sdk/status.hpp"

namespace passerelle::sdk {

// A GET operation of the host's REST gateway, to be answered from the insurer's API.
struct GatewayQuery {
  enum class Kind { vehicle, policy, constat };
  Kind kind = Kind::vehicle;
  std::string key;  // registration number, policy number or constat id
  std::map<std::string, std::string> params;  // e.g. "asOf" -> "2026-11-20"
  std::string correlation_id;
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  // Called once with settings already checked against the declared SettingSpecs (defaults
  // applied). The context outlives the adapter.
  virtual Status configure(const Settings& settings, HostContext& context) = 0;

  // The insurer topics this adapter consumes (inbound). Empty for REST-only insurers.
  virtual std::vector<std::string> subscriptions() const = 0;

  // Canonical -> insurer. `event` is a validated canonical event that concerns this insurer.
  // An empty vector means "nothing to deliver" (the host counts it as filtered).
  virtual Result<std::vector<Delivery>> to_provider(const CloudEvent& event) = 0;

  // Insurer -> canonical. Returned events must validate; the host checks them and sets
  // `provider` and `source` when the adapter left them empty.
  virtual Result<std::vector<CloudEvent>> to_canonical(const InboundRecord& record) = 0;

  // Answer a gateway GET through context.http(); return canonical JSON (the `data` of a
  // vehicle.verified for vehicles, a constat for constats, a policy object for policies).
  virtual Result<Json> query(const GatewayQuery& query) = 0;
};

}  // namespace passerelle::sdk
