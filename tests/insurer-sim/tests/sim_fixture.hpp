// One simulator per test suite (ctest runs each test in its own process anyway), reset to its
// start state before every test through the control port.
#pragma once

#include <gtest/gtest.h>

#include "sim_process.hpp"

namespace passerelle::sim::testing {

class SimTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    sim_ = new SimProcess();
    ASSERT_TRUE(sim_->started()) << "simulator did not print its ports; stdout: " << sim_->first_line() << "\nstderr:\n"
                                 << sim_->log();
  }
  static void TearDownTestSuite() {
    if (sim_ && sim_->started()) {
      // A clean stop, and nothing from a sanitizer in the simulator's log.
      const ExitStatus s = sim_->stop();
      const std::string log = sim_->log();
      EXPECT_EQ(s.code, 0) << log;
      EXPECT_EQ(log.find("Sanitizer"), std::string::npos) << log;
      EXPECT_EQ(log.find("runtime error"), std::string::npos) << log;
    }
    delete sim_;
    sim_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(sim_, nullptr);
    ASSERT_TRUE(sim_->started());
    auto a = admin_post("/_sim/reset?insurer=all", "");
    ASSERT_EQ(a.status, 200) << a.body;
  }

 public:
  static SimProcess& sim() { return *sim_; }

  // An authenticated GET as the adapter sends it.
  static Answer call(const std::string& insurer, const std::string& path) {
    auto c = sim_->client(insurer);
    return get(*c, path, auth(insurer));
  }
  static Answer call(const std::string& insurer, const std::string& path, const httplib::Headers& headers) {
    auto c = sim_->client(insurer);
    return get(*c, path, headers);
  }
  static Answer admin_get(const std::string& path, const std::string& port = "admin") {
    auto c = sim_->client(port);
    return get(*c, path);
  }
  static Answer admin_post(const std::string& path, const std::string& body, const std::string& port = "admin") {
    auto c = sim_->client(port);
    return send(*c, "POST", path, body);
  }
  static Json faults(const std::string& insurer, const Json& patch) {
    auto a = admin_post("/_sim/faults?insurer=" + insurer, patch.dump());
    EXPECT_EQ(a.status, 200) << a.body;
    return a.body;
  }
  static Json stats(const std::string& insurer) {
    auto a = admin_get("/_sim/stats?insurer=" + insurer);
    EXPECT_EQ(a.status, 200) << a.body;
    return a.body.value(insurer, Json::object());
  }
  static std::uint64_t count(const Json& stats, const std::string& route, int status) {
    const Json r = stats["requests"].value(route, Json::object());
    return r.value(std::to_string(status), std::uint64_t{0});
  }

 private:
  static inline SimProcess* sim_ = nullptr;
};

}  // namespace passerelle::sim::testing
