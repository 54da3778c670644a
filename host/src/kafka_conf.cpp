#include "kafka_conf.hpp"

namespace passerelle::host {

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
  set("bootstrap.servers", bootstrap, "kafka.bootstrap_servers");
  for (const auto& [k, v] : properties) set(k, v, "kafka.properties.");
  for (const auto& [k, v] : forced) set(k, v, "(host)");
  return conf;
}

}  // namespace passerelle::host
