#include "kafka_probe.hpp"

namespace passerelle::host {

KafkaProbe::KafkaProbe(const std::string& bootstrap, const std::map<std::string, std::string>& properties) {
  rd_kafka_conf_t* conf = make_kafka_conf(bootstrap, properties, {});
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw KafkaError(std::string("cannot create the Kafka readiness probe: ") + err);
  }
  rk_.reset(rk);
}

std::string KafkaProbe::check() {
  std::lock_guard<std::mutex> lock(mu_);
  const auto now = std::chrono::steady_clock::now();
  if (checked_ != std::chrono::steady_clock::time_point{} && now - checked_ < std::chrono::seconds(2)) return last_;
  const rd_kafka_metadata_t* md = nullptr;
  const auto e = rd_kafka_metadata(rk_.get(), 0, nullptr, &md, 2000);
  if (e == RD_KAFKA_RESP_ERR_NO_ERROR) {
    last_ = md->broker_cnt > 0 ? "" : "Kafka answered with no brokers";
    rd_kafka_metadata_destroy(md);
  } else {
    last_ = std::string("Kafka is not reachable: ") + rd_kafka_err2str(e);
  }
  checked_ = now;
  return last_;
}

}  // namespace passerelle::host
