// sdk::parse_json must give the very tree Json::parse gives, value types included (an unsigned
// where Json::parse stores unsigned), on everything the adapters and the host read, and refuse
// what Json::parse refuses at the same byte.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "canonical_generator.hpp"
#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/json_text.hpp"
#include "test_context.hpp"

namespace passerelle::sdk {
namespace {

namespace fs = std::filesystem;

// Equal values and equal types at every node: Json's operator== calls 1 and 1u equal.
::testing::AssertionResult same_tree(const Json& a, const Json& b, const std::string& path = "$") {
  if (a.type() != b.type())
    return ::testing::AssertionFailure() << path << ": type " << a.type_name() << " vs " << b.type_name() << " ("
                                         << static_cast<int>(a.type()) << " vs " << static_cast<int>(b.type()) << ")";
  if (a.is_object()) {
    if (a.size() != b.size())
      return ::testing::AssertionFailure() << path << ": " << a.size() << " vs " << b.size() << " members";
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) return ::testing::AssertionFailure() << path << "." << it.key() << " missing";
      auto r = same_tree(it.value(), b.at(it.key()), path + "." + it.key());
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (a.is_array()) {
    if (a.size() != b.size())
      return ::testing::AssertionFailure() << path << ": " << a.size() << " vs " << b.size() << " items";
    for (std::size_t i = 0; i < a.size(); ++i) {
      auto r = same_tree(a[i], b[i], path + "[" + std::to_string(i) + "]");
      if (!r) return r;
    }
    return ::testing::AssertionSuccess();
  }
  if (a != b) return ::testing::AssertionFailure() << path << ": " << a.dump() << " vs " << b.dump();
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult parses_like_nlohmann(const std::string& text) {
  const Json expected = Json::parse(text);
  std::size_t byte = 0;
  auto got = parse_json(text, &byte);
  if (!got) return ::testing::AssertionFailure() << "refused at byte " << byte << ": " << text.substr(0, 80);
  return same_tree(expected, *got);
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(ParseJson, EveryJsonFileOfTheRepositoryGivesJsonParsesTree) {
  std::size_t files = 0;
  for (const char* dir : {"tests/data", "plugins/saa/tests/samples", "plugins/trust/tests/samples",
                          "plugins/generic-rest/tests/samples"}) {
    const fs::path root = fs::path(PASSERELLE_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".json") continue;
      const std::string text = read_text(entry.path());
      if (!Json::accept(text)) continue;  // the invalid corpus has its own test below
      EXPECT_TRUE(parses_like_nlohmann(text)) << entry.path();
      ++files;
    }
  }
  EXPECT_GT(files, 20u);
}

TEST(ParseJson, GeneratedEventsGiveJsonParsesTree) {
  std::mt19937_64 rng(20261123);
  for (int i = 0; i < 300; ++i) {
    const auto e = i % 3 ? testing::random_constat_event(rng) : testing::random_verification_event(rng);
    ASSERT_TRUE(parses_like_nlohmann(to_json(e).dump())) << i;
    ASSERT_TRUE(parses_like_nlohmann(to_json(e).dump(2))) << i;
  }
}

TEST(ParseJson, NumbersKeepJsonParsesTypes) {
  for (const char* text :
       {"0", "-0", "7", "-7", "9223372036854775807", "9223372036854775808", "18446744073709551615",
        "-9223372036854775808", "1.5", "-0.0", "1e3", "1E-7", "123456789012345678901234567890", "-1e308",
        R"({"revision": 3, "lat": 36.7538, "lon": -3.0588, "n": [1, -1, 1.0, 18446744073709551616]})"})
    EXPECT_TRUE(parses_like_nlohmann(text)) << text;
}

TEST(ParseJson, StringsEscapesAndUnicodeAsJsonParse) {
  for (const char* text :
       {R"("plain")", R"("tab\tquote\"slash\/back\\")", R"("\u00e9t\u00E9")", R"("\ud83d\ude97 surrogate pair")",
        "\"محمد بن علي\"", "\"Béjaïa\"", R"("")", R"({"": "empty key", "a\u0000b": 1})"})
    EXPECT_TRUE(parses_like_nlohmann(text)) << text;
}

TEST(ParseJson, DuplicateKeysKeepTheLastAsJsonParse) {
  EXPECT_TRUE(parses_like_nlohmann(R"({"a": 1, "b": 2, "a": {"x": [3]}})"));
  EXPECT_EQ((*parse_json(R"({"a": 1, "a": "two"})"))["a"], "two");
}

TEST(ParseJson, ScalarsArraysAndWhitespaceAtTheTop) {
  for (const char* text : {"null", "true", "false", "[]", "{}", " \n\t{ \"a\" : [ ] }\r\n", "[[[[]]]]", "\"x\""})
    EXPECT_TRUE(parses_like_nlohmann(text)) << text;
}

TEST(ParseJson, InvalidTextIsRefusedAtJsonParsesByte) {
  for (const std::string& text :
       {std::string(""), std::string("{"), std::string(R"({"a": 1,})"), std::string(R"({"a" 1})"), std::string("[1, 2"),
        std::string(R"({"a": tru})"), std::string("{} trailing"), std::string("\"\xff\xfe\""),
        std::string(R"("bad \x escape")"), std::string("01"), std::string("NaN"), std::string(R"({"a": "line
break"})")}) {
    std::size_t expected_byte = 0;
    try {
      const Json accepted = Json::parse(text);
      (void)accepted;
      ADD_FAILURE() << "Json::parse accepts " << text;
      continue;
    } catch (const Json::parse_error& e) {
      expected_byte = e.byte;
    }
    std::size_t byte = 12345;
    EXPECT_FALSE(parse_json(text, &byte)) << text;
    EXPECT_EQ(byte, expected_byte) << text;
  }
}

TEST(ParseJson, ParseCloudEventFromTextUsesItAndStillNamesBadJson) {
  ValidationErrors errors;
  EXPECT_FALSE(parse_cloud_event(std::string_view(R"({"specversion": "1.0",)"), errors));
  EXPECT_NE(errors.summary().find("not valid JSON"), std::string::npos) << errors.summary();
}

// The parser and buffer kept per thread must not carry anything from one text to the next.
TEST(ParseJson, ConsecutiveParsesOfShorterTextsAreIndependent) {
  const std::string long_text = R"({"k": ")" + std::string(5000, 'x') + R"(", "n": [1, 2, 3]})";
  ASSERT_TRUE(parses_like_nlohmann(long_text));
  EXPECT_TRUE(parses_like_nlohmann(R"({"k": 1})"));
  EXPECT_TRUE(parses_like_nlohmann("[]"));
  EXPECT_FALSE(parse_json("{\"k\": "));
  EXPECT_TRUE(parses_like_nlohmann(long_text));
}

}  // namespace
}  // namespace passerelle::sdk
