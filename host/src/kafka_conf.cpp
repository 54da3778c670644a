#include "kafka_conf.hpp"

#include "log.hpp"

namespace passerelle::host {

void route_kafka_logs(rd_kafka_conf_t* conf) {
  // librdkafka's own lines become JSON lines like the rest (syslog levels: 0-3 error, 4 warning).
  rd_kafka_conf_set_log_cb(conf, [](const rd_kafka_t* rk, int level, const char* fac, const char* buf) {
    const auto lvl = level <= 3 ? sdk::LogLevel::error : level == 4 ? sdk::LogLevel::warn
                                                     : level <= 6 ? sdk::LogLevel::info : sdk::LogLevel::debug;
    log::write(lvl, "kafka", "", buf, {{"facility", fac}, {"client", rd_kafka_name(rk)}});
  });
}

rd_kafka_conf_t* make_kafka_conf(const std::string& bootstrap, const std::map<std::string, std::string>& properties,
                                 const std::map<std::string, std::string>& forced) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  auto set = [&](const std::string& k, const std::string& v, const char* origin) {
    if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw KafkaError(std::string(origin) + " " + k + ": " + err);
    }
  };
  route_kafka_logs(conf);
  set("bootstrap.servers", bootstrap, "kafka.bootstrap_servers");
  for (const auto& [k, v] : properties) set(k, v, "kafka.properties.");
  for (const auto& [k, v] : forced) set(k, v, "(host)");
  return conf;
}

}  // namespace passerelle::host
