#include "dead_letter_reader.hpp"

#include <algorithm>

#include "kafka_conf.hpp"

namespace passerelle::host {

DeadLetterReader::DeadLetterReader(std::string bootstrap, std::map<std::string, std::string> properties,
                                   std::string topic)
    : bootstrap_(std::move(bootstrap)), properties_(std::move(properties)), topic_(std::move(topic)) {}

std::vector<DeadLetterRecord> DeadLetterReader::read(const DeadLetterQuery& q, std::chrono::milliseconds timeout) const {
  rd_kafka_conf_t* conf = make_kafka_conf(bootstrap_, properties_,
                                          {{"group.id", "passerelle-dlq-reader"},
                                           {"enable.auto.commit", "false"},
                                           {"enable.partition.eof", "true"}});
  char err[512];
  rd_kafka_t* raw = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!raw) {
    rd_kafka_conf_destroy(conf);
    throw KafkaError(std::string("cannot read the dead-letter topic: ") + err);
  }
  KafkaHandle rk(raw);
  const rd_kafka_metadata_t* md = nullptr;
  rd_kafka_topic_t* t = rd_kafka_topic_new(rk.get(), topic_.c_str(), nullptr);
  const auto me = rd_kafka_metadata(rk.get(), 0, t, &md, static_cast<int>(timeout.count()));
  rd_kafka_topic_destroy(t);
  if (me) throw KafkaError(std::string("cannot read the dead-letter topic: ") + rd_kafka_err2str(me));
  std::vector<std::int32_t> partitions;
  if (md->topic_cnt == 1 && !md->topics[0].err)
    for (int i = 0; i < md->topics[0].partition_cnt; ++i) partitions.push_back(md->topics[0].partitions[i].id);
  rd_kafka_metadata_destroy(md);
  if (q.partition) {
    if (std::find(partitions.begin(), partitions.end(), *q.partition) == partitions.end()) return {};
    partitions = {*q.partition};
  }

  rd_kafka_topic_partition_list_t* assign = rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size()));
  std::map<std::int32_t, std::int64_t> end;  // read up to, exclusive
  for (auto p : partitions) {
    std::int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(rk.get(), topic_.c_str(), p, &low, &high, static_cast<int>(timeout.count())))
      continue;
    std::int64_t from = std::max(low, high - static_cast<std::int64_t>(q.limit));
    std::int64_t to = high;
    if (q.from_offset) from = std::max(low, *q.from_offset);
    if (q.to_offset) to = std::min(high, *q.to_offset + 1);
    if (from >= to) continue;
    end[p] = to;
    rd_kafka_topic_partition_list_add(assign, topic_.c_str(), p)->offset = from;
  }
  std::vector<DeadLetterRecord> out;
  if (assign->cnt > 0) {
    rd_kafka_assign(rk.get(), assign);
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::size_t open = end.size();
    while (open > 0 && std::chrono::steady_clock::now() < until) {
      rd_kafka_message_t* m = rd_kafka_consumer_poll(rk.get(), 100);
      if (!m) continue;
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        if (end.erase(m->partition)) --open;
        rd_kafka_message_destroy(m);
        continue;
      }
      if (!m->err && end.count(m->partition)) {
        if (m->offset < end[m->partition]) {
          DeadLetterRecord r;
          r.partition = m->partition;
          r.offset = m->offset;
          r.timestamp_ms = rd_kafka_message_timestamp(m, nullptr);
          if (m->key) r.key.assign(static_cast<const char*>(m->key), m->key_len);
          if (m->payload) r.value.assign(static_cast<const char*>(m->payload), m->len);
          rd_kafka_headers_t* h = nullptr;
          if (rd_kafka_message_headers(m, &h) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const char* name;
            const void* val;
            size_t size;
            for (size_t i = 0; rd_kafka_header_get_all(h, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
              r.headers[name] = val ? std::string(static_cast<const char*>(val), size) : "";
          }
          out.push_back(std::move(r));
        }
        if (m->offset + 1 >= end[m->partition]) {
          end.erase(m->partition);
          --open;
        }
      }
      rd_kafka_message_destroy(m);
    }
  }
  rd_kafka_topic_partition_list_destroy(assign);
  rd_kafka_consumer_close(rk.get());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.timestamp_ms != b.timestamp_ms ? a.timestamp_ms > b.timestamp_ms : a.offset > b.offset;
  });
  if (!q.from_offset && out.size() > q.limit) out.resize(q.limit);
  return out;
}

}  // namespace passerelle::host
