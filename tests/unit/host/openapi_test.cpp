// docs/openapi.yaml describes exactly the routes the server serves: no more, no fewer.
#include <gtest/gtest.h>

#include <set>
#include <yaml-cpp/yaml.h>

#include "http_server.hpp"

TEST(OpenApi, DocumentMatchesTheServersRoutes) {
  passerelle::host::Metrics metrics;
  passerelle::host::HttpServer server(passerelle::host::HttpConfig{}, metrics,
                                      [] { return passerelle::host::HostSnapshot{}; }, nullptr);
  std::set<std::string> served;
  for (const auto& [method, path] : server.routes()) served.insert(method + " " + path);
  ASSERT_GE(served.size(), 11u);

  const auto doc = YAML::LoadFile(std::string(PASSERELLE_SOURCE_DIR) + "/docs/openapi.yaml");
  std::set<std::string> documented;
  for (const auto& path : doc["paths"]) {
    for (const auto& op : path.second) {
      std::string method = op.first.as<std::string>();
      for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.insert(method + " " + path.first.as<std::string>());
    }
  }
  EXPECT_EQ(served, documented);
}
