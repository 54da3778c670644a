#include "embedded_cluster.hpp"

#include <librdkafka/rdkafka_mock.h>

namespace passerelle::host {

EmbeddedCluster::EmbeddedCluster(int brokers, const std::vector<std::string>& topics, int partitions) {
  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  route_kafka_logs(conf);
  // This handle only hosts the cluster; its "no bootstrap.servers" warning would mislead.
  rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) throw KafkaError(std::string("cannot start the embedded cluster: ") + err);
  owner_.reset(rk);
  cluster_ = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster_) throw KafkaError("cannot start the embedded cluster (rd_kafka_mock_cluster_new failed)");
  for (const auto& t : topics) rd_kafka_mock_topic_create(cluster_, t.c_str(), partitions, 1);
  bootstrap_ = rd_kafka_mock_cluster_bootstraps(cluster_);
}

EmbeddedCluster::~EmbeddedCluster() {
  if (cluster_) rd_kafka_mock_cluster_destroy(cluster_);
}

}  // namespace passerelle::host
