// Mapping benchmark (issue 5): what the host does per event on each route, for each adapter and
// direction, next to the floor every route pays: parsing the same bytes with nlohmann::json and
// serialising them back.
//
//   outbound (to_provider):  record text -> host's UTF-8/depth check -> sdk::parse_json ->
//                            sdk::parse_cloud_event -> adapter.to_provider (which serialises the
//                            deliveries) -> the host's delivery headers
//   inbound  (to_canonical): the insurer's record bytes -> host's check -> adapter.to_canonical ->
//                            host::finish_inbound_event (re-validation, headers, the record for
//                            the canonical topic: host/src/inbound_event.cpp itself)
//
// The inbound record of each adapter is what its own to_provider wrote for the same event (the
// dry run the SDK's Delivery/InboundRecord symmetry allows): a Kafka record for saa and trust, the
// HTTP body of the CAAR webhook for generic-rest.
//
// Usage:
//   mapping_bench [google benchmark flags]         figures as name=value lines on stdout at the end
//   mapping_bench --profile=ROUTE --iterations=N   run one route N times (for callgrind:
//                                                  --toggle-collect='*profile_loop*'); ROUTE is a
//                                                  name printed by --list, e.g. saa.to_provider.constat
//   mapping_bench --list                           route names
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include <simdjson.h>

#include "../host/src/inbound_event.hpp"
#include "../host/src/json_guard.hpp"
#include "adapter_harness.hpp"
#include "passerelle/sdk/adapter.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/json_text.hpp"
#include "test_context.hpp"

namespace {

using passerelle::sdk::Json;
namespace sdk = passerelle::sdk;
namespace host = passerelle::host;
namespace pt = passerelle::testing;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The host's AdapterContext drops lines below its level before building anything (log_level warn
// in the end-to-end run); TestContext would keep every line in memory.
class BenchContext : public pt::TestContext {
 public:
  using pt::TestContext::TestContext;
  void log(sdk::LogLevel level, const std::string& message, const sdk::LogFields&) override {
    if (level < sdk::LogLevel::warn) return;
    if (++warnings_ <= 3) std::fprintf(stderr, "adapter %s: %s\n", adapter_id().c_str(), message.c_str());
  }

 private:
  int warnings_ = 0;
};

struct Subject {
  std::string id;      // adapter id: the insurerId ("caar" for generic-rest)
  std::string plugin;  // plugin name
  std::unique_ptr<BenchContext> context;
  pt::AdapterPtr adapter;
};

struct Route {
  std::string name;    // saa.to_provider.constat
  std::string figure;  // mapping.saa.to_provider (constat) / mapping.saa.to_provider.vehicle_verified
  Subject* subject = nullptr;
  bool outbound = true;
  std::string input;          // the bytes the route starts from (canonical text or record value)
  sdk::InboundRecord record;  // inbound: the record handed to to_canonical
};

const sdk::ValidationOptions kValidation{};  // the host's defaults (validation.wilaya_max 58)
const host::HostConfig kHostConfig{};        // the same defaults, for host::finish_inbound_event
const std::string kOrigin = "passerelle";

// ---- what the host does per event (record_job.cpp), minus Kafka ---------------------------

std::size_t host_outbound(Subject& s, const std::string& text) {
  if (auto bad = host::check_json_text(text)) throw std::runtime_error("outbound: " + *bad);
  auto json = sdk::parse_json(text);
  if (!json || !json->is_object()) throw std::runtime_error("outbound: not a JSON object");
  sdk::ValidationErrors errors;
  auto event = sdk::parse_cloud_event(std::move(*json), errors, &kValidation);
  if (!event) throw std::runtime_error("outbound: invalid event: " + errors.summary());
  // The insurers the event names (the host's targets).
  std::vector<std::string> insurers;
  if (event->type == sdk::kTypeVehicleVerified) {
    insurers.push_back(event->data.at("insurerId").get<std::string>());
  } else {
    for (const auto& side : event->data.at("sides")) {
      auto id = side.at("insurance").at("insurerId").get<std::string>();
      if (std::find(insurers.begin(), insurers.end(), id) == insurers.end()) insurers.push_back(std::move(id));
    }
  }
  const std::string dedup_key = s.id + ":" + event->id;
  benchmark::DoNotOptimize(dedup_key.data());
  auto result = s.adapter->to_provider(*event);
  if (!result.ok()) throw std::runtime_error("to_provider: " + result.status().message);
  std::size_t bytes = insurers.size();
  for (auto& d : result.value()) {
    if (auto* k = std::get_if<sdk::KafkaRecord>(&d)) {
      k->headers["passerelle.origin"] = kOrigin;
      k->headers["passerelle.event_id"] = event->id;
      if (event->correlationid) k->headers["passerelle.correlation_id"] = *event->correlationid;
      bytes += k->value.size();
    } else {
      auto& call = std::get<sdk::HttpCall>(d);
      sdk::Headers headers = call.headers;
      headers["Idempotency-Key"] = event->id;
      if (event->correlationid) headers["X-Correlation-Id"] = *event->correlationid;
      bytes += call.body.size() + headers.size();
    }
  }
  benchmark::DoNotOptimize(result);
  return bytes;
}

std::size_t host_inbound(Subject& s, const sdk::InboundRecord& record) {
  const std::string& value = std::holds_alternative<sdk::KafkaRecord>(record) ? std::get<sdk::KafkaRecord>(record).value
                                                                              : std::get<sdk::HttpCall>(record).body;
  const bool looks_json = !value.empty() && (value[0] == '{' || value[0] == '[');
  if (auto bad = looks_json ? host::check_json_text(value) : std::nullopt) throw std::runtime_error("inbound: " + *bad);
  // The host hands the adapter a record built from its own copy of the consumed message.
  sdk::InboundRecord copy = record;
  auto result = s.adapter->to_canonical(copy);
  if (!result.ok()) throw std::runtime_error("to_canonical: " + result.status().message);
  std::size_t bytes = 0;
  for (auto& e : result.value()) {
    sdk::ValidationErrors errors;
    auto checked = host::finish_inbound_event(std::move(e), s.id, kHostConfig, errors);
    if (!checked) throw std::runtime_error("inbound: adapter produced an invalid event: " + errors.summary());
    const std::string key = "in:" + s.id + ":" + checked->event.id;
    bytes += checked->record.value.size() + key.size();
    benchmark::DoNotOptimize(checked);
  }
  return bytes;
}

std::size_t floor_parse_serialize(const std::string& text) {
  const auto json = Json::parse(text);
  const std::string out = json.dump();
  return out.size();
}

std::size_t run_route(Route& r) {
  return r.outbound ? host_outbound(*r.subject, r.input) : host_inbound(*r.subject, r.record);
}

// ---- set-up -------------------------------------------------------------------------------

struct World {
  std::vector<std::unique_ptr<Subject>> subjects;
  std::vector<Route> routes;
  std::map<std::string, std::string> event_text;  // "constat" / "vehicle_verified" -> compact canonical JSON
};

World make_world() {
  World w;
  const std::string data = pt::test_data_dir() + "/canonical/";
  // Compact, as a producer writes it with dump(): about 1.6 KB for the two-sided constat.
  w.event_text["constat"] = Json::parse(read_text(data + "constat_two_sides_saa_trust.json")).dump();
  w.event_text["vehicle_verified"] = Json::parse(read_text(data + "vehicle_verified_confirmed_coverage.json")).dump();

  const Json saa_settings = {{"base_url", "http://127.0.0.1:9101"}, {"api_key", "bench-saa-key"}};
  const Json trust_settings = {{"base_url", "http://127.0.0.1:9102"}, {"api_key", "bench-trust-key"}};
  const Json caar_settings = Json::parse(read_text(PASSERELLE_BENCH_CAAR_SETTINGS));
  for (const auto& [id, plugin, settings] : std::vector<std::tuple<std::string, std::string, Json>>{
           {"saa", "saa", saa_settings}, {"trust", "trust", trust_settings}, {"caar", "generic-rest", caar_settings}}) {
    auto s = std::make_unique<Subject>();
    s->id = id;
    s->plugin = plugin;
    s->context = std::make_unique<BenchContext>(id);
    s->adapter = pt::make_static_adapter(plugin, settings, *s->context);
    w.subjects.push_back(std::move(s));
  }
  for (auto& s : w.subjects) {
    const std::string label = s->plugin;  // figures are named by adapter plugin: saa, trust, generic-rest
    for (const char* kind : {"constat", "vehicle_verified"}) {
      // The verification concerns the insurer of the adapter, as the host would route it.
      std::string text = w.event_text[kind];
      if (std::string(kind) == "vehicle_verified") {
        Json j = Json::parse(text);
        j["data"]["insurerId"] = s->id;
        text = j.dump();
      }
      const std::string suffix = std::string(kind) == "constat" ? "" : ".vehicle_verified";
      Route out;
      out.name = label + ".to_provider." + kind;
      out.figure = "mapping." + label + ".to_provider" + suffix;
      out.subject = s.get();
      out.outbound = true;
      out.input = text;
      // The inbound record: what to_provider wrote for this event.
      sdk::ValidationErrors errors;
      auto event = sdk::parse_cloud_event(Json::parse(text), errors, &kValidation);
      if (!event) throw std::runtime_error("sample " + std::string(kind) + " is invalid: " + errors.summary());
      auto deliveries = s->adapter->to_provider(*event);
      if (!deliveries.ok() || deliveries.value().size() != 1)
        throw std::runtime_error(
            out.name + ": expected one delivery: " +
            (deliveries.ok() ? std::to_string(deliveries.value().size()) : deliveries.status().message));
      Route in;
      in.name = label + ".to_canonical." + kind;
      in.figure = "mapping." + label + ".to_canonical" + suffix;
      in.subject = s.get();
      in.outbound = false;
      in.record = deliveries.value()[0];
      if (auto* k = std::get_if<sdk::KafkaRecord>(&in.record)) {
        in.input = k->value;
      } else {
        auto& call = std::get<sdk::HttpCall>(in.record);
        call.path = "/v1/inbound/" + s->id;  // as the webhook hands it over
        in.input = call.body;
      }
      // The round trip must hold, or the figure would measure an error path.
      auto back = s->adapter->to_canonical(in.record);
      if (!back.ok() || back.value().size() != 1 || back.value()[0].data != event->data)
        throw std::runtime_error(in.name + ": the round trip does not give back the event" +
                                 (back.ok() ? std::string() : ": " + back.status().message));
      w.routes.push_back(std::move(out));
      w.routes.push_back(std::move(in));
    }
  }
  return w;
}

// ---- figures --------------------------------------------------------------------------------

// Collects every run (each repetition) to take the median events/s per benchmark, on CPU time:
// on a shared machine CPU time is what the code costs, wall time is what the neighbours leave.
class Collector : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.error_occurred || r.cpu_accumulated_time <= 0) continue;
      eps_[r.run_name.function_name].push_back(static_cast<double>(r.iterations) / r.cpu_accumulated_time);
    }
    ConsoleReporter::ReportRuns(runs);
  }
  double median(const std::string& name) const {
    auto it = eps_.find(name);
    if (it == eps_.end() || it->second.empty()) return 0;
    auto v = it->second;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
  }

 private:
  std::map<std::string, std::vector<double>> eps_;
};

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// callgrind: --toggle-collect='*profile_loop*' counts only this loop.
__attribute__((noinline)) std::size_t profile_loop(Route& r, long iterations) {
  std::size_t bytes = 0;
  for (long i = 0; i < iterations; ++i) bytes += run_route(r);
  return bytes;
}

__attribute__((noinline)) std::size_t profile_floor_loop(const std::string& text, long iterations) {
  std::size_t bytes = 0;
  for (long i = 0; i < iterations; ++i) bytes += floor_parse_serialize(text);
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  std::string profile;
  long iterations = 1000;
  bool list = false;
  std::vector<char*> rest = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a.rfind("--profile=", 0) == 0)
      profile = a.substr(10);
    else if (a.rfind("--iterations=", 0) == 0)
      iterations = std::stol(a.substr(13));
    else if (a == "--list")
      list = true;
    else
      rest.push_back(argv[i]);
  }
  World world;
  try {
    world = make_world();
  } catch (const std::exception& e) {
    std::cerr << "mapping_bench: set-up failed: " << e.what() << "\n";
    return 2;
  }
  if (list) {
    for (const auto& r : world.routes) std::cout << r.name << "  (" << r.input.size() << " bytes in)\n";
    std::cout << "floor.<route>  (parse+serialise of that route's input)\n";
    return 0;
  }
  if (!profile.empty()) {
    const bool floor = profile.rfind("floor.", 0) == 0;
    const std::string name = floor ? profile.substr(6) : profile;
    for (auto& r : world.routes) {
      if (r.name != name) continue;
      const auto bytes = floor ? profile_floor_loop(r.input, iterations) : profile_loop(r, iterations);
      std::cout << profile << ": " << iterations << " iterations, " << bytes << " bytes out\n";
      return 0;
    }
    std::cerr << "mapping_bench: no route " << name << " (see --list)\n";
    return 2;
  }

  // Repetitions and a minimum time per run unless the caller chose otherwise.
  bool has_reps = false, has_min_time = false;
  for (auto* a : rest) {
    has_reps = has_reps || std::strncmp(a, "--benchmark_repetitions", 23) == 0;
    has_min_time = has_min_time || std::strncmp(a, "--benchmark_min_time", 20) == 0;
  }
  std::string reps = "--benchmark_repetitions=3", min_time = "--benchmark_min_time=0.3";
  if (!has_reps) rest.push_back(reps.data());
  if (!has_min_time) rest.push_back(min_time.data());
  int bargc = static_cast<int>(rest.size());
  benchmark::Initialize(&bargc, rest.data());

  for (auto& r : world.routes) {
    benchmark::RegisterBenchmark(r.name.c_str(), [&r](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(run_route(r));
      state.SetItemsProcessed(state.iterations());
      state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(r.input.size()));
    });
    benchmark::RegisterBenchmark(("floor." + r.name).c_str(), [&r](benchmark::State& state) {
      for (auto _ : state) benchmark::DoNotOptimize(floor_parse_serialize(r.input));
      state.SetItemsProcessed(state.iterations());
      state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(r.input.size()));
    });
  }
  // The input side alone, on the outbound constat bytes: is a faster parser worth it?
  const std::string& constat = world.event_text["constat"];
  benchmark::RegisterBenchmark("json.parse.nlohmann", [&constat](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(Json::parse(constat));
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.dump.nlohmann", [&constat](benchmark::State& state) {
    const Json j = Json::parse(constat);
    for (auto _ : state) benchmark::DoNotOptimize(j.dump());
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.check_json_text", [&constat](benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(host::check_json_text(constat));
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.parse_cloud_event", [&constat](benchmark::State& state) {
    const Json j = Json::parse(constat);
    for (auto _ : state) {
      sdk::ValidationErrors errors;
      benchmark::DoNotOptimize(sdk::parse_cloud_event(j, errors, &kValidation));
    }
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.parse.simdjson_dom", [&constat](benchmark::State& state) {
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(constat);
    for (auto _ : state) {
      simdjson::dom::element doc;
      if (parser.parse(padded).get(doc)) state.SkipWithError("simdjson parse failed");
      benchmark::DoNotOptimize(doc);
    }
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.parse_json_then_dump", [&constat](benchmark::State& state) {
    // The floor again with the parser the host now uses: a stricter yardstick than the issue's.
    for (auto _ : state) benchmark::DoNotOptimize(sdk::parse_json(constat)->dump());
    state.SetItemsProcessed(state.iterations());
  });
  benchmark::RegisterBenchmark("json.parse.sdk_parse_json", [&constat](benchmark::State& state) {
    // What the host and the adapters use: simdjson, then the same tree Json::parse gives.
    for (auto _ : state) benchmark::DoNotOptimize(sdk::parse_json(constat));
    state.SetItemsProcessed(state.iterations());
  });

  Collector reporter;
  reporter.SetOutputStream(&std::cerr);
  reporter.SetErrorStream(&std::cerr);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  // name=value lines, one per figure.
  std::cout << "mapping.input_bytes.constat=" << world.event_text["constat"].size() << "\n";
  std::cout << "mapping.input_bytes.vehicle_verified=" << world.event_text["vehicle_verified"].size() << "\n";
  for (const auto& r : world.routes) {
    const double eps = reporter.median(r.name);
    const double floor = reporter.median("floor." + r.name);
    if (eps <= 0) continue;  // filtered out by --benchmark_filter
    std::cout << r.figure << ".eps=" << fmt(eps, 0) << "\n";
    if (floor > 0) {
      std::cout << r.figure << ".floor_eps=" << fmt(floor, 0) << "\n";
      std::cout << r.figure << ".ratio_to_parse_serialize=" << fmt(eps / floor, 3) << "\n";
    }
  }
  for (const char* n : {"json.parse.nlohmann", "json.dump.nlohmann", "json.check_json_text", "json.parse_cloud_event",
                        "json.parse.simdjson_dom", "json.parse.sdk_parse_json", "json.parse_json_then_dump"}) {
    const double eps = reporter.median(n);
    if (eps > 0) std::cout << "mapping." << n << ".eps=" << fmt(eps, 0) << "\n";
  }
  return 0;
}
