#include "yaml_document.hpp"

#include <regex>

#include <yaml-cpp/yaml.h>

namespace passerelle::host {
namespace {

std::string mark_text(const YAML::Mark& m) {
  if (m.line < 0) return "";
  return std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

nlohmann::json plain_scalar(const std::string& s) {
  static const std::regex int_re(R"([-+]?[0-9]+)");
  static const std::regex float_re(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)");
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (std::regex_match(s, int_re)) {
    try {
      return std::stoll(s);
    } catch (...) {
      return s;
    }
  }
  if (std::regex_match(s, float_re)) return std::stod(s);
  return s;
}

struct Reader {
  YamlDocument& doc;
  const EnvLookup& env;
  std::vector<ConfigProblem>& problems;

  nlohmann::json convert(const YAML::Node& node, const std::string& path) {
    doc.marks[path] = mark_text(node.Mark());
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: return nullptr;
      case YAML::NodeType::Scalar: {
        std::vector<std::string> missing;
        const std::string value = substitute_env(node.Scalar(), env, missing);
        for (const auto& m : missing)
          problems.push_back({doc.place(path), "environment variable " + m + " is not set (referenced as ${" + m + "})"});
        // Substituted values keep the scalar's style: a quoted "${PORT}" stays a string.
        return node.Tag() == "!" ? nlohmann::json(value) : plain_scalar(value);
      }
      case YAML::NodeType::Sequence: {
        nlohmann::json arr = nlohmann::json::array();
        std::size_t i = 0;
        for (const auto& child : node) {
          arr.push_back(convert(child, path + "[" + std::to_string(i) + "]"));
          ++i;
        }
        return arr;
      }
      case YAML::NodeType::Map: {
        nlohmann::json obj = nlohmann::json::object();
        for (const auto& kv : node) {
          const std::string key = kv.first.as<std::string>();
          const std::string child = join_path(path, key);
          if (obj.contains(key)) {
            doc.marks[child] = mark_text(kv.first.Mark());
            problems.push_back({doc.place(child), "duplicate key"});
            continue;
          }
          obj[key] = convert(kv.second, child);
          doc.marks[child] = mark_text(kv.first.Mark());
        }
        return obj;
      }
    }
    return nullptr;
  }
};

}  // namespace

std::string YamlDocument::place(const std::string& path) const {
  std::string p = path;
  while (true) {
    auto it = marks.find(p);
    if (it != marks.end() && !it->second.empty()) return file + ":" + it->second + " " + (path.empty() ? "(top level)" : path);
    if (p.empty()) return file + " " + path;
    const auto cut = p.find_last_of(".[");
    p = cut == std::string::npos ? "" : p.substr(0, cut);
  }
}

YamlDocument read_yaml_file(const std::string& file, const EnvLookup& env, std::vector<ConfigProblem>& problems,
                            const std::string& path_prefix) {
  YamlDocument doc;
  doc.file = file;
  YAML::Node node;
  try {
    node = YAML::LoadFile(file);
  } catch (const YAML::BadFile&) {
    problems.push_back({file, "cannot open the file"});
    return doc;
  } catch (const YAML::ParserException& e) {
    problems.push_back({file + ":" + mark_text(e.mark), "YAML syntax error: " + e.msg});
    return doc;
  }
  Reader reader{doc, env, problems};
  doc.root = reader.convert(node, path_prefix);
  return doc;
}

}  // namespace passerelle::host
