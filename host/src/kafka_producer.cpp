#include "kafka_producer.hpp"

#include <chrono>

namespace passerelle::host {
namespace {

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  auto* done = static_cast<KafkaProducer::Done*>(m->_private);
  if (!done) return;
  (*done)(m->err);
  delete done;
}

}  // namespace

KafkaProducer::KafkaProducer(const std::string& bootstrap, const std::map<std::string, std::string>& properties) {
  // At-least-once end to end rests on these: they are not overridable from config.
  rd_kafka_conf_t* conf = make_kafka_conf(bootstrap, properties,
                                          {{"enable.idempotence", "true"},
                                           {"acks", "all"},
                                           {"linger.ms", properties.count("linger.ms") ? properties.at("linger.ms") : "5"}});
  rd_kafka_conf_set_dr_msg_cb(conf, &on_delivery);
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw KafkaError(std::string("cannot create the Kafka producer: ") + err);
  }
  rk_.reset(rk);
  poller_ = std::thread([this] {
    while (!stop_.load()) rd_kafka_poll(rk_.get(), 100);
  });
}

KafkaProducer::~KafkaProducer() {
  flush(5000);
  stop_ = true;
  if (poller_.joinable()) poller_.join();
  // Reports still pending are served (and their callbacks freed) by destroy's final poll.
  rd_kafka_poll(rk_.get(), 0);
}

void KafkaProducer::produce(const std::string& topic, const std::string& key, const sdk::Headers& headers,
                            const std::string& value, Done done) {
  auto* cb = new Done(std::move(done));
  for (int attempt = 0;; ++attempt) {
    rd_kafka_headers_t* hdrs = rd_kafka_headers_new(headers.size());
    for (const auto& [k, v] : headers) rd_kafka_header_add(hdrs, k.c_str(), -1, v.data(), static_cast<ssize_t>(v.size()));
    const rd_kafka_resp_err_t err = rd_kafka_producev(
        rk_.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(key.data(), key.size()),
        RD_KAFKA_V_VALUE(const_cast<char*>(value.data()), value.size()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_HEADERS(hdrs), RD_KAFKA_V_OPAQUE(cb), RD_KAFKA_V_END);
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
    rd_kafka_headers_destroy(hdrs);
    if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && attempt < 600) {
      // The local queue drains as the broker acknowledges; wait for room rather than fail.
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    (*cb)(err);
    delete cb;
    return;
  }
}

int KafkaProducer::flush(int timeout_ms) {
  rd_kafka_flush(rk_.get(), timeout_ms);
  return rd_kafka_outq_len(rk_.get());
}

}  // namespace passerelle::host
