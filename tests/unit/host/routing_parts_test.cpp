// The pure parts of the routing engine: offsets, dedup, backoff, dead-letter headers.
#include <gtest/gtest.h>

#include "dead_letter.hpp"
#include "dedup_window.hpp"
#include "offset_tracker.hpp"
#include "retry_policy.hpp"

using namespace passerelle::host;

TEST(OffsetTracker, StoresOnlyAfterTheFinishedPrefix) {
  OffsetTracker t;
  for (int o = 10; o < 14; ++o) t.begin(o);
  EXPECT_FALSE(t.finish(12));          // 10 and 11 are still in flight
  EXPECT_FALSE(t.finish(11));
  EXPECT_EQ(t.finish(10).value(), 13);  // 10, 11, 12 done: next to read is 13
  EXPECT_EQ(t.in_flight(), 1u);
  EXPECT_EQ(t.finish(13).value(), 14);
  EXPECT_FALSE(t.finish(99));          // never begun: ignored
}

TEST(OffsetTracker, HandedBackRecordBlocksLaterOffsets) {
  OffsetTracker t;
  t.begin(0);
  t.begin(1);
  // 0 is handed back (never finished): however many later records finish, 0 is re-read.
  EXPECT_FALSE(t.finish(1));
  EXPECT_EQ(t.in_flight(), 2u);
}

TEST(DedupWindow, RemembersUpToCapacityOldestLeavesFirst) {
  DedupWindow w(3);
  for (const char* k : {"a", "b", "c"}) w.remember(k);
  EXPECT_TRUE(w.contains("a"));
  w.remember("d");
  EXPECT_FALSE(w.contains("a"));
  EXPECT_TRUE(w.contains("b") && w.contains("c") && w.contains("d"));
  w.remember("d");  // already there: no eviction
  EXPECT_TRUE(w.contains("b"));
  EXPECT_EQ(w.size(), 3u);
  DedupWindow off(0);
  off.remember("x");
  EXPECT_FALSE(off.contains("x"));
}

TEST(RetryPolicy, BackoffGrowsWithJitterAndIsCapped) {
  RetryPolicy p;
  p.initial_backoff = std::chrono::milliseconds(100);
  p.max_backoff = std::chrono::milliseconds(1000);
  p.max_attempts = 4;
  std::mt19937_64 rng(1);
  for (int i = 0; i < 200; ++i) {
    const auto first = p.backoff(2, rng).count();
    EXPECT_GE(first, 50);
    EXPECT_LE(first, 100);
    const auto third = p.backoff(4, rng).count();
    EXPECT_GE(third, 200);
    EXPECT_LE(third, 400);
    const auto late = p.backoff(20, rng).count();
    EXPECT_GE(late, 500);
    EXPECT_LE(late, 1000);
  }
  EXPECT_TRUE(p.may_retry(3));
  EXPECT_FALSE(p.may_retry(4));
}

TEST(DeadLetter, HeadersSayWhyAndKeepTheOriginalOnes) {
  InputRecord r{"constat.created", 2, 41, "C1", "{bad", {{"traceparent", "00-abc"}}};
  DeadLetterReason why{Stage::validate, "ValidationError", "data.sides: required", "saa", 3};
  auto h = dead_letter_headers(r, why, "passerelle");
  EXPECT_EQ(h["traceparent"], "00-abc");
  EXPECT_EQ(h["passerelle.error.stage"], "validate");
  EXPECT_EQ(h["passerelle.error.class"], "ValidationError");
  EXPECT_EQ(h["passerelle.error.message"], "data.sides: required");
  EXPECT_EQ(h["passerelle.error.adapter"], "saa");
  EXPECT_EQ(h["passerelle.error.topic"], "constat.created");
  EXPECT_EQ(h["passerelle.error.partition"], "2");
  EXPECT_EQ(h["passerelle.error.offset"], "41");
  EXPECT_EQ(h["passerelle.error.attempts"], "3");
  EXPECT_EQ(h["passerelle.origin"], "passerelle");
}

#include "json_guard.hpp"

TEST(JsonGuard, DepthAndUtf8) {
  EXPECT_FALSE(check_json_text(R"({"a":[{"b":"[[[[ not nesting in a string"}]})"));
  const std::string deep(100000, '[');
  EXPECT_EQ(check_json_text(deep).value(), "nested deeper than 64 levels");
  EXPECT_FALSE(check_json_text(std::string(64, '[') + std::string(64, ']')));
  EXPECT_TRUE(check_json_text(std::string(65, '[')));
  EXPECT_FALSE(check_json_text("{\"nom\":\"Benaïssa بن علي\"}"));
  EXPECT_EQ(check_json_text("{\"a\":\"\xC3\x28\"}").value(), "not valid UTF-8 at byte 6");
  EXPECT_TRUE(check_json_text("\xED\xA0\x80"));  // a UTF-16 surrogate encoded in UTF-8
  EXPECT_TRUE(check_json_text("\xC0\xAF"));      // overlong "/"
}
