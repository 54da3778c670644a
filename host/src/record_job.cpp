#include "record_job.hpp"

#include <strings.h>

#include <boost/asio/post.hpp>

#include "inbound_event.hpp"
#include "json_guard.hpp"
#include "log.hpp"
#include "passerelle/sdk/json_text.hpp"
#include "retry_after.hpp"
#include "router.hpp"

namespace passerelle::host {
namespace {

bool retryable_http(int status) { return status == 0 || status == 408 || status == 429 || status >= 500; }

bool permanent_kafka_error(rd_kafka_resp_err_t err) {
  return err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE || err == RD_KAFKA_RESP_ERR_INVALID_RECORD ||
         err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED || err == RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION;
}

}  // namespace

RecordJob::RecordJob(Router& router, InputRecord record, LaneDone lane_done, Finished finished)
    : router_(router), record_(std::move(record)), lane_done_(std::move(lane_done)), finished_(std::move(finished)) {}

void RecordJob::hold() { holds_.fetch_add(1); }

void RecordJob::release() {
  if (holds_.fetch_sub(1) == 1) finished_(handed_back_.load());
}

void RecordJob::hand_back() { handed_back_ = true; }

void RecordJob::resume_after(std::chrono::milliseconds delay, void (RecordJob::*step)()) {
  auto self = shared_from_this();
  router_.schedule(delay, [self, step](bool aborted) {
    if (aborted) {
      // Stopping: this record is left for the next consumer of its partition.
      self->hand_back();
      self->end_processing();
      self->release();
    } else {
      ((*self).*step)();
    }
  });
}

void RecordJob::end_processing() {
  if (lane_released_) return;
  lane_released_ = true;
  lane_done_();
}

sdk::LogFields RecordJob::event_fields() const {
  sdk::LogFields f = {{"topic", record_.topic},
                      {"partition", std::to_string(record_.partition)},
                      {"offset", std::to_string(record_.offset)}};
  if (event_) {
    f.push_back({"event_id", event_->id});
    f.push_back({"correlation_id", event_->correlationid.value_or("")});
    f.push_back({"event_type", event_->type});
  }
  return f;
}

void RecordJob::start() {
  auto origin = record_.headers.find("passerelle.origin");
  if (origin != record_.headers.end() && origin->second == router_.origin_) {
    // Our own output on a topic both sides write (seed 000): not new input.
    router_.metrics_.add("passerelle_echo_skipped_total", "topic=\"" + record_.topic + "\"", 1);
    end_processing();
    release();
    return;
  }
  if (router_.outbound_topics_.count(record_.topic)) {
    outbound_begin();
    return;
  }
  auto it = router_.inbound_topics_.find(record_.topic);
  if (it != router_.inbound_topics_.end()) {
    inbound_begin(it->second);
    return;
  }
  router_.counters_.add("-", Direction::inbound, Outcome::in);
  dead_letter("-", Direction::inbound, {Stage::deserialize, "UnroutableTopic", "no route consumes this topic", "-", 1});
  end_processing();
  release();
}

// ---- outbound: canonical event -> the insurers it concerns -------------------------------

void RecordJob::outbound_begin() {
  if (auto bad = check_json_text(record_.value)) {
    router_.counters_.add("-", Direction::outbound, Outcome::in);
    dead_letter("-", Direction::outbound,
                {Stage::deserialize, "JsonParseError", "the record value is " + *bad, "-", 1});
    end_processing();
    release();
    return;
  }
  auto json = sdk::parse_json(record_.value);
  if (!json || !json->is_object()) {
    router_.counters_.add("-", Direction::outbound, Outcome::in);
    dead_letter("-", Direction::outbound,
                {Stage::deserialize, "JsonParseError",
                 !json ? "the record value is not valid JSON" : "the record value is not a JSON object", "-", 1});
    end_processing();
    release();
    return;
  }
  sdk::ValidationErrors errors;
  event_ = sdk::parse_cloud_event(std::move(*json), errors, &router_.config_.validation);
  if (!event_) {
    router_.counters_.add("-", Direction::outbound, Outcome::in);
    dead_letter("-", Direction::outbound, {Stage::validate, "ValidationError", errors.summary(), "-", 1});
    end_processing();
    release();
    return;
  }
  std::vector<std::string> insurers;
  auto add = [&](const std::string& id) {
    if (std::find(insurers.begin(), insurers.end(), id) == insurers.end()) insurers.push_back(id);
  };
  if (event_->type == sdk::kTypeVehicleVerified) {
    add(event_->data.at("insurerId").get<std::string>());
  } else {
    for (const auto& side : event_->data.at("sides")) add(side.at("insurance").at("insurerId").get<std::string>());
  }
  for (const auto& id : insurers) {
    if (auto* a = router_.adapters_.find(id)) {
      targets_.push_back(a);
    } else {
      // An insurer that is not (yet) integrated: the platform serves it directly.
      router_.metrics_.add("passerelle_unrouted_total", "insurer=\"" + id + "\"", 1);
      auto f = event_fields();
      f.push_back({"insurer", id});
      log::write(sdk::LogLevel::debug, "router", "", "no adapter for this insurer", f);
    }
  }
  // A replay from the dead-letter topic goes only to the adapter that failed it.
  if (auto replay = record_.headers.find("passerelle.replay.adapter");
      replay != record_.headers.end() && replay->second != "-") {
    std::erase_if(targets_, [&](AdapterInstance* a) { return a->id() != replay->second; });
  }
  if (targets_.empty()) {
    router_.counters_.add("-", Direction::outbound, Outcome::in);
    router_.counters_.add("-", Direction::outbound, Outcome::filtered);
    end_processing();
    release();
    return;
  }
  outbound_next();
}

void RecordJob::outbound_next() {
  while (target_ < targets_.size()) {
    AdapterInstance* a = targets_[target_];
    const std::string key = a->id() + ":" + event_->id;
    if (attempts_ == 0) {
      router_.counters_.add(a->id(), Direction::outbound, Outcome::in);
      if (router_.dedup_.contains(key)) {
        router_.counters_.add(a->id(), Direction::outbound, Outcome::filtered);
        ++target_;
        continue;
      }
    }
    ++attempts_;
    auto result = a->to_provider(*event_);
    if (!result.ok()) {
      const auto& st = result.status();
      if (st.code == sdk::StatusCode::retry && router_.retry_.may_retry(attempts_)) {
        resume_after(router_.backoff(attempts_ + 1), &RecordJob::outbound_next);
        return;
      }
      dead_letter(a->id(), Direction::outbound,
                  {Stage::map, st.code == sdk::StatusCode::retry ? "retry-exhausted" : sdk::to_string(st.code),
                   st.message, a->id(), attempts_});
      ++target_;
      attempts_ = 0;
      continue;
    }
    auto share = std::make_shared<Share>();
    share->adapter = a;
    share->direction = Direction::outbound;
    share->dedup_key = key;
    ++target_;
    attempts_ = 0;
    if (result.value().empty()) {
      router_.counters_.add(a->id(), Direction::outbound, Outcome::filtered);
      continue;
    }
    issue(share, std::move(result).value());
    if (http_index_ < http_.size()) {
      http_next();  // resumes outbound_next() when the calls are done
      return;
    }
  }
  // Every adapter has mapped the event: only its attributes (for log lines) are needed until the
  // deliveries are acknowledged. Freeing the data tree here, on the thread that built it, costs
  // less than on the delivery-report thread, and holds less memory while records are in flight.
  event_->data = sdk::Json();
  end_processing();
  release();
}

void RecordJob::issue(const std::shared_ptr<Share>& share, std::vector<sdk::Delivery> deliveries) {
  share->pending = static_cast<int>(deliveries.size());
  for (auto& d : deliveries) {
    if (auto* k = std::get_if<sdk::KafkaRecord>(&d)) {
      k->headers["passerelle.origin"] = router_.origin_;
      if (event_) {
        k->headers["passerelle.event_id"] = event_->id;
        if (event_->correlationid) k->headers["passerelle.correlation_id"] = *event_->correlationid;
      }
      produce(share, std::move(k->topic), std::move(k->key), std::move(k->headers), std::move(k->value), 1);
    } else {
      http_.push_back({share, std::get<sdk::HttpCall>(std::move(d)), 0});
    }
  }
}

void RecordJob::http_next() {
  while (http_index_ < http_.size()) {
    HttpWork& w = http_[http_index_];
    ++w.attempts;
    sdk::Headers headers = w.call.headers;
    // The same key on every retry and replay: the insurer applies the side effect once.
    headers["Idempotency-Key"] = event_->id;
    if (event_->correlationid) headers["X-Correlation-Id"] = *event_->correlationid;
    AdapterInstance* a = w.share->adapter;
    const auto resp = a->context().insurer_http().send(w.call.method, w.call.path, headers, w.call.body);
    if (resp.status >= 200 && resp.status < 300) {
      if (--w.share->pending == 0 && !w.share->failed) share_delivered(w.share);
      ++http_index_;
      continue;
    }
    auto& breaker = a->context().insurer_http().breaker();
    // Refused by the open breaker, or a failure that opened it: the insurer is down, not this
    // record's fault. Wait for the breaker; nothing is dropped and no attempt is spent.
    if ((resp.status == 0 && resp.error.rfind(kCircuitOpen, 0) == 0) ||
        (retryable_http(resp.status) && breaker.state() != CircuitBreaker::State::closed)) {
      // The insurer's breaker is open: wait for it, nothing is dropped and no attempt is spent.
      --w.attempts;
      const auto wait = std::max(breaker.retry_in(), std::chrono::milliseconds(100));
      resume_after(wait, &RecordJob::http_next);
      return;
    }
    const bool retryable = retryable_http(resp.status);
    const std::string what = resp.status == 0 ? "insurer unreachable: " + resp.error
                                              : "insurer answered HTTP " + std::to_string(resp.status);
    if (retryable && router_.retry_.may_retry(w.attempts)) {
      auto delay = router_.backoff(w.attempts + 1);
      if (auto ra = retry_after(resp.headers); ra && *ra > delay) delay = *ra;
      auto f = event_fields();
      f.push_back({"attempt", std::to_string(w.attempts)});
      f.push_back({"retry_in_ms", std::to_string(delay.count())});
      log::write(sdk::LogLevel::warn, "router", a->id(), "delivery failed, will retry: " + what, f);
      resume_after(delay, &RecordJob::http_next);
      return;
    }
    share_failed(w.share, {Stage::deliver, retryable ? "retry-exhausted" : "http-" + std::to_string(resp.status), what,
                           a->id(), w.attempts});
    ++http_index_;
  }
  http_.clear();
  http_index_ = 0;
  outbound_next();
}

// ---- inbound: an insurer's record -> canonical events ------------------------------------

void RecordJob::inbound_begin(AdapterInstance* adapter) {
  inbound_adapter_ = adapter;
  router_.counters_.add(adapter->id(), Direction::inbound, Outcome::in);
  const bool looks_json = !record_.value.empty() && (record_.value[0] == '{' || record_.value[0] == '[');
  if (auto bad = looks_json ? check_json_text(record_.value) : std::nullopt) {
    dead_letter(adapter->id(), Direction::inbound,
                {Stage::deserialize, "JsonParseError", "the record value is " + *bad, adapter->id(), 1});
    end_processing();
    release();
    return;
  }
  inbound_map();
}

void RecordJob::inbound_map() {
  AdapterInstance* a = inbound_adapter_;
  ++attempts_;
  auto result = a->to_canonical(sdk::KafkaRecord{record_.topic, record_.key, record_.headers, record_.value});
  if (!result.ok()) {
    const auto& st = result.status();
    if (st.code == sdk::StatusCode::retry && router_.retry_.may_retry(attempts_)) {
      resume_after(router_.backoff(attempts_ + 1), &RecordJob::inbound_map);
      return;
    }
    dead_letter(a->id(), Direction::inbound,
                {Stage::map, st.code == sdk::StatusCode::retry ? "retry-exhausted" : sdk::to_string(st.code),
                 st.message, a->id(), attempts_});
    end_processing();
    release();
    return;
  }
  std::vector<sdk::Delivery> deliveries;
  bool all_seen = true;
  auto share = std::make_shared<Share>();
  share->adapter = a;
  share->direction = Direction::inbound;
  for (auto& e : result.value()) {
    sdk::ValidationErrors errors;
    auto checked = finish_inbound_event(std::move(e), a->id(), router_.config_, errors);
    if (!checked) {
      dead_letter(a->id(), Direction::inbound,
                  {Stage::validate, "ValidationError",
                   "adapter produced an invalid canonical event: " + errors.summary(), a->id(), attempts_});
      end_processing();
      release();
      return;
    }
    const std::string key = "in:" + a->id() + ":" + checked->event.id;
    if (!event_) {
      event_ = std::move(checked->event);  // for the log fields of this record: not its data
      event_->data = sdk::Json();
    }
    all_seen = all_seen && router_.dedup_.contains(key);
    share->dedup_key += (share->dedup_key.empty() ? "" : "\n") + key;
    deliveries.push_back(std::move(checked->record));
  }
  if (deliveries.empty() || all_seen) {
    router_.counters_.add(a->id(), Direction::inbound, Outcome::filtered);
  } else {
    share->pending = static_cast<int>(deliveries.size());
    for (auto& d : deliveries) {
      auto& k = std::get<sdk::KafkaRecord>(d);
      produce(share, std::move(k.topic), std::move(k.key), std::move(k.headers), std::move(k.value), 1);
    }
  }
  end_processing();
  release();
}

// ---- deliveries and their outcomes --------------------------------------------------------

void RecordJob::produce(const std::shared_ptr<Share>& share, std::string topic, std::string key, sdk::Headers headers,
                        std::string value, int attempt) {
  hold();
  auto self = shared_from_this();
  auto payload = std::make_shared<std::tuple<std::string, std::string, sdk::Headers, std::string>>(
      std::move(topic), std::move(key), std::move(headers), std::move(value));
  const auto& [t, k, h, v] = *payload;
  router_.producer_->produce(t, k, h, v, [self, share, payload, attempt](rd_kafka_resp_err_t err) {
    // Runs on the producer's poll thread: never produce from here (a full queue would wait on
    // this very thread); hand anything but bookkeeping to the pool.
    if (!err) {
      if (--share->pending == 0 && !share->failed) self->share_delivered(share);
      self->release();
      return;
    }
    if (self->router_.aborting_) {
      self->hand_back();
      self->release();
      return;
    }
    boost::asio::post(self->router_.pool_, [self, share, payload, attempt, err] {
      auto& [topic, key, headers, value] = *payload;
      if (!permanent_kafka_error(err) && self->router_.retry_.may_retry(attempt)) {
        self->router_.schedule(self->router_.backoff(attempt + 1), [self, share, payload, attempt](bool aborted) {
          auto& [t2, k2, h2, v2] = *payload;
          if (aborted)
            self->hand_back();
          else
            self->produce(share, t2, k2, h2, v2, attempt + 1);
          self->release();
        });
        return;
      }
      self->share_failed(share, {Stage::deliver, std::string("kafka:") + rd_kafka_err2name(err),
                                 std::string("producing to ") + topic + " failed: " + rd_kafka_err2str(err),
                                 share->adapter ? share->adapter->id() : "-", attempt});
      self->release();
    });
  });
}

void RecordJob::share_delivered(const std::shared_ptr<Share>& share) {
  const std::string id = share->adapter ? share->adapter->id() : "-";
  router_.counters_.add(id, share->direction, Outcome::delivered);
  std::size_t start = 0;
  while (start <= share->dedup_key.size() && !share->dedup_key.empty()) {
    const auto end = share->dedup_key.find('\n', start);
    router_.dedup_.remember(share->dedup_key.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (event_ && log::enabled(sdk::LogLevel::debug))
    log::write(sdk::LogLevel::debug, "router", id, "delivered", event_fields());
}

void RecordJob::share_failed(const std::shared_ptr<Share>& share, DeadLetterReason reason) {
  const bool first = !share->failed.exchange(true);
  --share->pending;
  if (!first) return;
  dead_letter(share->adapter ? share->adapter->id() : "-", share->direction, std::move(reason));
}

void RecordJob::dead_letter(const std::string& adapter, Direction direction, DeadLetterReason reason, int attempt) {
  hold();
  if (attempt == 1) {
    auto f = event_fields();
    f.push_back({"stage", to_string(reason.stage)});
    f.push_back({"error_class", reason.error_class});
    f.push_back({"error", reason.message});
    f.push_back({"attempts", std::to_string(reason.attempts)});
    log::write(sdk::LogLevel::warn, "router", adapter, "dead-lettered", f);
  }
  auto headers = dead_letter_headers(record_, reason, router_.origin_);
  auto self = shared_from_this();
  router_.producer_->produce(router_.config_.kafka.topics.dead_letter, record_.key, headers, record_.value,
                             [self, adapter, direction, reason, attempt](rd_kafka_resp_err_t err) {
                               if (!err) {
                                 self->router_.counters_.add(adapter, direction, Outcome::dead_lettered);
                                 self->release();
                                 return;
                               }
                               if (self->router_.aborting_) {
                                 self->hand_back();
                                 self->release();
                                 return;
                               }
                               // A dead letter is never dropped: keep trying until the host stops, then hand back.
                               boost::asio::post(self->router_.pool_, [self, adapter, direction, reason, attempt] {
                                 self->router_.schedule(self->router_.backoff(std::min(attempt + 1, 12)),
                                                        [self, adapter, direction, reason, attempt](bool aborted) {
                                                          if (aborted)
                                                            self->hand_back();
                                                          else
                                                            self->dead_letter(adapter, direction, reason, attempt + 1);
                                                          self->release();
                                                        });
                               });
                             });
}

}  // namespace passerelle::host
