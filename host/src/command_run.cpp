// `passerelle run`: load everything, route until SIGTERM/SIGINT; SIGHUP reloads the config
// (the new one is checked in full first; a broken one is refused and the running one stays).
#include <atomic>
#include <iostream>
#include <thread>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "config_check.hpp"
#include "embedded_cluster.hpp"
#include "event_publisher.hpp"
#include "http_server.hpp"
#include "kafka_probe.hpp"
#include "log.hpp"
#include "router.hpp"
#include "version.hpp"

namespace passerelle::host {
namespace {

void log_adapters(const AdapterSet& set) {
  for (const auto& a : set.adapters()) {
    std::string subs;
    for (const auto& s : a->subscriptions()) subs += (subs.empty() ? "" : ",") + s;
    log::write(sdk::LogLevel::info, "host", a->id(), "adapter started",
               {{"plugin", a->plugin().name()}, {"plugin_version", a->plugin().version()}, {"state", a->state()},
                {"subscriptions", subs}});
  }
  for (const auto& a : set.disabled()) {
    log::write(sdk::LogLevel::info, "host", a.id, "adapter disabled in config", {{"plugin", a.plugin}});
  }
}

std::vector<std::string> topics_of(const HostConfig& c, const AdapterSet& set) {
  std::vector<std::string> t = {c.kafka.topics.constat_created, c.kafka.topics.constat_updated,
                                c.kafka.topics.vehicle_verified, c.kafka.topics.dead_letter};
  for (const auto& a : set.adapters())
    for (const auto& s : a->subscriptions()) t.push_back(s);
  return t;
}

}  // namespace

int command_run(const std::vector<std::string>& args) {
  CliArgs cli(args, {"config"}, {});
  const std::string file = cli.require("config");
  Metrics metrics;
  // Signals are ours from the first instant: a SIGTERM during start-up must not kill the
  // process with the default action, it must stop it cleanly like any other.
  std::atomic<bool> stop{false};
  std::atomic<bool> quit{false};
  std::mutex pending_mu;
  std::optional<LoadedHost> pending;

  boost::asio::io_context io;
  boost::asio::signal_set stop_signals(io, SIGTERM, SIGINT);
  boost::asio::signal_set reload_signal(io, SIGHUP);
  stop_signals.async_wait([&](const boost::system::error_code& ec, int signo) {
    if (ec) return;
    log::info("host", "stopping", {{"signal", std::to_string(signo)}});
    quit = true;
    stop = true;
    reload_signal.cancel();
  });
  std::function<void(const boost::system::error_code&, int)> on_hup = [&](const boost::system::error_code& ec, int) {
    if (ec) return;
    auto next = load_host(file, metrics);
    if (!next.ok()) {
      for (const auto& p : next.problems) log::error("config", "reload refused: " + p.text());
      log::warn("config", "keeping the running configuration");
    } else {
      log::info("config", "configuration reloaded: restarting the routes");
      std::lock_guard<std::mutex> lock(pending_mu);
      pending.emplace(std::move(next));
      stop = true;
    }
    reload_signal.async_wait(on_hup);
  };
  reload_signal.async_wait(on_hup);
  std::thread signal_thread([&] { io.run(); });
  // Whatever happens below, the signal thread is stopped and joined.
  struct JoinSignals {
    boost::asio::io_context& io;
    std::thread& t;
    ~JoinSignals() {
      io.stop();
      if (t.joinable()) t.join();
    }
  } join_signals{io, signal_thread};
  auto host = load_host(file, metrics);
  if (!host.ok()) {
    print_problems(host.problems);
    return kExitBadConfig;
  }
  log::init(host.config->log_level);
  log::info("host", "passerelle starting",
            {{"version", PASSERELLE_HOST_VERSION}, {"instance", host.config->instance}, {"config", file}});
  log_adapters(*host.adapters);

  std::unique_ptr<EmbeddedCluster> embedded;
  std::string bootstrap = host.config->kafka.bootstrap_servers;
  if (bootstrap == "embedded") {
    embedded = std::make_unique<EmbeddedCluster>(1, topics_of(*host.config, *host.adapters), 3);
    bootstrap = embedded->bootstrap();
    log::warn("host", "kafka.bootstrap_servers is \"embedded\": an in-process mock cluster, for trying things out only",
              {{"bootstrap", bootstrap}});
  }

  std::mutex host_mu;  // guards `host` against the HTTP threads' snapshots
  auto snapshot = [&] {
    std::lock_guard<std::mutex> lock(host_mu);
    return HostSnapshot{host.config, host.adapters, bootstrap};
  };
  std::unique_ptr<KafkaProbe> probe;
  std::unique_ptr<KafkaProducer> webhook_producer;
  std::unique_ptr<EventPublisher> publisher;
  std::unique_ptr<HttpServer> http;
  try {
    probe = std::make_unique<KafkaProbe>(bootstrap, host.config->kafka.for_producer());
    webhook_producer = std::make_unique<KafkaProducer>(bootstrap, host.config->kafka.for_producer());
    publisher = std::make_unique<EventPublisher>(*webhook_producer);
    const auto& listen = host.config->http.listen;
    if (!listen.empty() && listen != "off") {
      http = std::make_unique<HttpServer>(host.config->http, metrics, snapshot, [&] { return probe->check(); });
      http->set_publisher(publisher.get());
      http->start();
    }
  } catch (const std::exception& e) {
    log::error("host", e.what());
    std::cerr << "passerelle run: " << e.what() << "\n";
    return kExitBadConfig;
  }



  int rc = kExitOk;
  try {
    while (true) {
      {
        Router router(*host.config, *host.adapters, metrics, bootstrap);
        router.run(stop);
      }
      if (quit) break;
      std::lock_guard<std::mutex> lock(pending_mu);
      if (pending) {
        std::lock_guard<std::mutex> host_lock(host_mu);
        host = std::move(*pending);
        pending.reset();
        log::set_level(host.config->log_level);
        log_adapters(*host.adapters);
      }
      stop = quit.load();
    }
  } catch (const KafkaError& e) {
    log::error("host", std::string("Kafka: ") + e.what());
    std::cerr << "passerelle run: " << e.what() << "\n";
    rc = kExitBadConfig;
  }
  if (http) http->stop();
  log::info("host", "stopped");
  return rc;
}

}  // namespace passerelle::host
