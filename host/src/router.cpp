#include "router.hpp"

#include <boost/asio/post.hpp>

#include "log.hpp"
#include "record_job.hpp"

namespace passerelle::host {

Router::Router(const HostConfig& config, AdapterSet& adapters, Metrics& metrics, std::string bootstrap)
    : config_(config),
      adapters_(adapters),
      counters_(metrics),
      metrics_(metrics),
      bootstrap_(std::move(bootstrap)),
      origin_(config.kafka.group_id),
      dedup_(static_cast<std::size_t>(config.routing.dedup_window)),
      pool_(static_cast<std::size_t>(config.routing.workers)) {
  retry_.initial_backoff = std::chrono::milliseconds(config.routing.initial_backoff_ms);
  retry_.max_backoff = std::chrono::milliseconds(config.routing.max_backoff_ms);
  retry_.max_attempts = config.routing.max_attempts;
  max_in_flight_ = static_cast<std::size_t>(config.routing.max_in_flight);
  const auto& t = config.kafka.topics;
  outbound_topics_ = {t.constat_created, t.constat_updated, t.vehicle_verified};
  for (const auto& a : adapters.adapters()) {
    for (const auto& topic : a->subscriptions()) {
      if (outbound_topics_.count(topic))
        throw KafkaError("adapter " + a->id() + " subscribes to the canonical topic " + topic);
      auto [it, inserted] = inbound_topics_.emplace(topic, a.get());
      if (!inserted)
        throw KafkaError("adapters " + it->second->id() + " and " + a->id() + " both subscribe to " + topic);
    }
  }
}

Router::~Router() {
  aborting_ = true;
  abort_pending();
  pool_.join();
  producer_.reset();
  consumer_.reset();
}

std::chrono::milliseconds Router::backoff(int attempt) {
  std::lock_guard<std::mutex> lock(rng_mu_);
  return retry_.backoff(attempt, rng_);
}

void Router::schedule(std::chrono::milliseconds delay, std::function<void(bool)> fn) {
  auto timer = std::make_shared<boost::asio::steady_timer>(pool_, delay);
  {
    std::lock_guard<std::mutex> lock(timers_mu_);
    if (aborting_) {
      boost::asio::post(pool_, [fn] { fn(true); });
      return;
    }
    timers_.insert(timer);
  }
  timer->async_wait([this, timer, fn](const boost::system::error_code& ec) {
    {
      std::lock_guard<std::mutex> lock(timers_mu_);
      timers_.erase(timer);
    }
    fn(ec || aborting_);
  });
}

void Router::abort_pending() {
  std::lock_guard<std::mutex> lock(timers_mu_);
  for (const auto& t : timers_) t->cancel();
}

void Router::dispatch(InputRecord record) {
  std::shared_ptr<Lane> lane;
  {
    std::lock_guard<std::mutex> lock(lanes_mu_);
    auto& slot = lanes_[{record.topic, record.partition}];
    if (!slot) slot = std::make_shared<Lane>();
    lane = slot;
  }
  {
    std::lock_guard<std::mutex> lock(idle_mu_);
    ++in_flight_;
  }
  bool start = false;
  {
    std::lock_guard<std::mutex> lock(lane->mu);
    lane->tracker.begin(record.offset);
    lane->queue.push_back(std::move(record));
    if (!lane->busy) start = lane->busy = true;
  }
  if (start) boost::asio::post(pool_, [this, lane] { run_lane(lane); });
}

void Router::run_lane(const std::shared_ptr<Lane>& lane) {
  InputRecord r;
  {
    std::lock_guard<std::mutex> lock(lane->mu);
    if (lane->queue.empty()) {
      lane->busy = false;
      return;
    }
    r = std::move(lane->queue.front());
    lane->queue.pop_front();
  }
  if (aborting_) {
    // Stopping: what has not started is left to the next consumer of this partition.
    record_finished(lane, r, true);
    boost::asio::post(pool_, [this, lane] { run_lane(lane); });
    return;
  }
  InputRecord coords{r.topic, r.partition, r.offset, {}, {}, {}};
  auto job = std::make_shared<RecordJob>(
      *this, std::move(r), [this, lane] { boost::asio::post(pool_, [this, lane] { run_lane(lane); }); },
      [this, lane, coords](bool handed_back) { record_finished(lane, coords, handed_back); });
  job->start();
}

void Router::record_finished(const std::shared_ptr<Lane>& lane, const InputRecord& r, bool handed_back) {
  if (!handed_back) {
    if (auto next = lane->tracker.finish(r.offset)) store_offset(r.topic, r.partition, *next);
  }
  std::lock_guard<std::mutex> lock(idle_mu_);
  --in_flight_;
  idle_cv_.notify_all();
}

void Router::store_offset(const std::string& topic, std::int32_t partition, std::int64_t next_offset) {
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = next_offset;
  // Fails harmlessly (_STATE) for a partition revoked meanwhile: its new owner re-reads.
  rd_kafka_offsets_store(consumer_.get(), list);
  rd_kafka_topic_partition_list_destroy(list);
}

bool Router::wait_idle(std::chrono::steady_clock::time_point until) {
  std::unique_lock<std::mutex> lock(idle_mu_);
  return idle_cv_.wait_until(lock, until, [this] { return in_flight_ == 0; });
}

void Router::rebalance_cb(rd_kafka_t*, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                          void* opaque) {
  static_cast<Router*>(opaque)->on_rebalance(err, partitions);
}

void Router::on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions) {
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    log::info("router", "partitions assigned", {{"count", std::to_string(partitions->cnt)}});
    rd_kafka_assign(consumer_.get(), partitions);
    return;
  }
  // Revoked: let what is in flight finish so its offsets are stored, commit, then let go.
  log::info("router", "partitions revoked", {{"count", std::to_string(partitions->cnt)}});
  wait_idle(std::chrono::steady_clock::now() + std::chrono::milliseconds(config_.routing.shutdown_timeout_ms));
  rd_kafka_commit(consumer_.get(), nullptr, 0);
  rd_kafka_assign(consumer_.get(), nullptr);
  std::lock_guard<std::mutex> lock(lanes_mu_);
  for (int i = 0; i < partitions->cnt; ++i) {
    auto it = lanes_.find({partitions->elems[i].topic, partitions->elems[i].partition});
    if (it != lanes_.end() && !it->second->busy && it->second->queue.empty()) lanes_.erase(it);
  }
}

void Router::subscribe() {
  std::map<std::string, std::string> forced = {
      {"group.id", config_.kafka.group_id},
      {"enable.auto.offset.store", "false"},  // offsets move only when effects are durable
      {"enable.partition.eof", "false"},
  };
  std::map<std::string, std::string> props = config_.kafka.for_consumer();
  props.emplace("auto.offset.reset", "earliest");
  props.emplace("enable.auto.commit", "true");
  props.emplace("auto.commit.interval.ms", "1000");
  rd_kafka_conf_t* conf = make_kafka_conf(bootstrap_, props, forced);
  rd_kafka_conf_set_opaque(conf, this);
  rd_kafka_conf_set_rebalance_cb(conf, &Router::rebalance_cb);
  char err[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    throw KafkaError(std::string("cannot create the Kafka consumer: ") + err);
  }
  consumer_.reset(rk);
  rd_kafka_poll_set_consumer(rk);
  std::vector<std::string> topics(outbound_topics_.begin(), outbound_topics_.end());
  for (const auto& [t, a] : inbound_topics_) topics.push_back(t);
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
  for (const auto& t : topics) rd_kafka_topic_partition_list_add(list, t.c_str(), RD_KAFKA_PARTITION_UA);
  const auto e = rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (e) throw KafkaError(std::string("cannot subscribe: ") + rd_kafka_err2str(e));
  std::string joined;
  for (const auto& t : topics) joined += (joined.empty() ? "" : ",") + t;
  log::info("router", "subscribed", {{"topics", joined}, {"group_id", config_.kafka.group_id}, {"bootstrap", bootstrap_}});
}

void Router::report_lag() {
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_assignment(consumer_.get(), &assigned) || !assigned) return;
  rd_kafka_position(consumer_.get(), assigned);
  for (int i = 0; i < assigned->cnt; ++i) {
    const auto& tp = assigned->elems[i];
    std::int64_t low = 0, high = 0;
    // Cached watermarks from fetch responses: no broker round trip on the consume loop.
    if (rd_kafka_get_watermark_offsets(consumer_.get(), tp.topic, tp.partition, &low, &high)) continue;
    const std::int64_t pos = tp.offset >= 0 ? tp.offset : low;
    metrics_.set_gauge("passerelle_consumer_lag",
                       "topic=\"" + std::string(tp.topic) + "\",partition=\"" + std::to_string(tp.partition) + "\"",
                       static_cast<double>(std::max<std::int64_t>(0, high - pos)));
  }
  rd_kafka_topic_partition_list_destroy(assigned);
}

void Router::run(const std::atomic<bool>& stop) {
  producer_ = std::make_unique<KafkaProducer>(bootstrap_, config_.kafka.for_producer());
  subscribe();
  auto next_lag = std::chrono::steady_clock::now();
  while (!stop.load()) {
    if (std::chrono::steady_clock::now() >= next_lag) {
      report_lag();
      next_lag = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    }
    {
      // Backpressure: stop reading while too much is in flight (a slow insurer, a broker outage).
      std::unique_lock<std::mutex> lock(idle_mu_);
      if (in_flight_ >= max_in_flight_) {
        idle_cv_.wait_for(lock, std::chrono::milliseconds(100));
        continue;
      }
    }
    rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer_.get(), 100);
    if (!m) continue;
    if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        log::warn("router", std::string("consumer: ") + rd_kafka_message_errstr(m),
                  {{"error", rd_kafka_err2name(m->err)}});
      }
      rd_kafka_message_destroy(m);
      continue;
    }
    InputRecord r;
    r.topic = rd_kafka_topic_name(m->rkt);
    r.partition = m->partition;
    r.offset = m->offset;
    if (m->key) r.key.assign(static_cast<const char*>(m->key), m->key_len);
    if (m->payload) r.value.assign(static_cast<const char*>(m->payload), m->len);
    rd_kafka_headers_t* hdrs = nullptr;
    if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      const char* name;
      const void* val;
      size_t size;
      for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
        r.headers[name] = val ? std::string(static_cast<const char*>(val), size) : std::string();
    }
    rd_kafka_message_destroy(m);
    dispatch(std::move(r));
  }

  // Drain: half the time for in-flight work to finish, then hand the rest back.
  const auto start = std::chrono::steady_clock::now();
  const auto timeout = std::chrono::milliseconds(config_.routing.shutdown_timeout_ms);
  log::info("router", "draining", {{"in_flight", std::to_string(in_flight_)}});
  if (!wait_idle(start + timeout / 2)) {
    log::warn("router", "shutdown timeout: handing back unfinished records", {{"in_flight", std::to_string(in_flight_)}});
    aborting_ = true;
    abort_pending();
    wait_idle(start + timeout);
  }
  aborting_ = true;
  abort_pending();
  pool_.join();
  const int left = producer_->flush(5000);
  if (left > 0) log::warn("router", "records not acknowledged at shutdown", {{"count", std::to_string(left)}});
  const auto ce = rd_kafka_commit(consumer_.get(), nullptr, 0);
  if (ce && ce != RD_KAFKA_RESP_ERR__NO_OFFSET)
    log::warn("router", std::string("final commit failed: ") + rd_kafka_err2str(ce));
  rd_kafka_consumer_close(consumer_.get());
  producer_.reset();
  consumer_.reset();
  counters_.log_all();
}

}  // namespace passerelle::host
