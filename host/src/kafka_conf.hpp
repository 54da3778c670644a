// librdkafka configuration from the host's config: the bootstrap list, the pass-through
// properties, then the settings the host's guarantees depend on (which config cannot override).
#pragma once

#include <map>
#include <memory>
#include <stdexcept>
#include <string>

#include <librdkafka/rdkafka.h>

namespace passerelle::host {

class KafkaError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KafkaHandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaHandleDeleter>;

void route_kafka_logs(rd_kafka_conf_t* conf);

// Applies `properties` then `forced`, in that order; throws KafkaError naming the property.
rd_kafka_conf_t* make_kafka_conf(const std::string& bootstrap, const std::map<std::string, std::string>& properties,
                                 const std::map<std::string, std::string>& forced);

}  // namespace passerelle::host
