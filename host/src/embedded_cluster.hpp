// `kafka.bootstrap_servers: embedded`: librdkafka's mock cluster inside the host, so the host
// runs on a machine with no broker. For trying things out only: nothing is persisted, and it
// is not Kafka (no transactions guarantees, simplified group protocol).
#pragma once

#include <string>
#include <vector>

#include "kafka_conf.hpp"

struct rd_kafka_mock_cluster_s;

namespace passerelle::host {

class EmbeddedCluster {
 public:
  EmbeddedCluster(int brokers, const std::vector<std::string>& topics, int partitions);
  ~EmbeddedCluster();
  const std::string& bootstrap() const { return bootstrap_; }

 private:
  KafkaHandle owner_;  // the mock cluster lives inside a client handle
  rd_kafka_mock_cluster_s* cluster_ = nullptr;
  std::string bootstrap_;
};

}  // namespace passerelle::host
