#include "config.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sys/stat.h>

namespace passerelle::host {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

// Reads one mapping strictly: every key must be known, every value of the right type.
class Section {
 public:
  Section(const YamlDocument& doc, const json& j, std::string path, std::vector<ConfigProblem>& problems)
      : doc_(doc), j_(j), path_(std::move(path)), problems_(problems) {
    if (!j_.is_null() && !j_.is_object()) problem(path_, "must be a mapping");
  }
  ~Section() {
    if (!j_.is_object()) return;
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      if (!known_.count(it.key())) {
        std::string list;
        for (const auto& k : known_) list += (list.empty() ? "" : ", ") + k;
        problem(child(it.key()), "unknown key (known here: " + list + ")");
      }
    }
  }
  std::string child(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  void problem(const std::string& path, const std::string& message) { problems_.push_back({doc_.place(path), message}); }

  const json* get(const std::string& key) {
    known_.insert(key);
    if (!j_.is_object()) return nullptr;
    auto it = j_.find(key);
    return it == j_.end() || it->is_null() ? nullptr : &*it;
  }
  void string(const std::string& key, std::string& out, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) problem(child(key), "required");
      return;
    }
    if (v->is_string()) out = v->get<std::string>();
    else problem(child(key), "must be a string");
  }
  void integer(const std::string& key, int& out, int min, int max) {
    const json* v = get(key);
    if (!v) return;
    if (!v->is_number_integer() || v->get<long long>() < min || v->get<long long>() > max)
      problem(child(key), "must be an integer in " + std::to_string(min) + ".." + std::to_string(max));
    else
      out = v->get<int>();
  }
  void boolean(const std::string& key, bool& out) {
    const json* v = get(key);
    if (!v) return;
    if (v->is_boolean()) out = v->get<bool>();
    else problem(child(key), "must be true or false");
  }

 private:
  const YamlDocument& doc_;
  const json& j_;
  std::string path_;
  std::vector<ConfigProblem>& problems_;
  std::set<std::string> known_;
};

bool valid_adapter_id(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

bool world_writable(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return false;
  // A sticky world-writable directory (/tmp) is still a place anyone can drop a library in.
  return (st.st_mode & S_IWOTH) != 0;
}

fs::path resolve(const fs::path& base_dir, const std::string& p) {
  fs::path path(p);
  return fs::weakly_canonical(path.is_absolute() ? path : base_dir / path);
}

void read_adapter(const std::shared_ptr<const YamlDocument>& doc, const json& entry, const std::string& path,
                  const HostConfig& cfg, const fs::path& base_dir, std::vector<ConfigProblem>& problems,
                  std::vector<AdapterConfig>& out) {
  AdapterConfig a;
  a.document = doc;
  a.path = path;
  {
    Section s(*doc, entry, path, problems);
    s.string("id", a.id, true);
    if (!a.id.empty() && !valid_adapter_id(a.id))
      s.problem(s.child("id"), "must be a lowercase insurer id (a-z, 0-9, - and _), e.g. saa");
    s.string("plugin", a.plugin, true);
    std::string library;
    s.string("library", library);
    s.boolean("enabled", a.enabled);
    if (const json* settings = s.get("settings")) {
      if (!settings->is_object()) s.problem(s.child("settings"), "must be a mapping");
      else a.settings = *settings;
    }
    if (a.plugin.empty()) {
      // reported above as required
    } else if (!library.empty()) {
      a.library = resolve(base_dir, library).string();
    } else {
      // Found by name in the first allowed directory that has it, like librdkafka's plugin.library.paths.
      for (const auto& dir : cfg.plugin_directories) {
        fs::path candidate = fs::path(dir) / ("libpasserelle_" + a.plugin + ".so");
        if (fs::exists(candidate)) {
          a.library = candidate.string();
          break;
        }
      }
      if (a.library.empty() && !cfg.plugin_directories.empty()) {  // no directory at all is reported once, above
        std::string dirs;
        for (const auto& d : cfg.plugin_directories) dirs += (dirs.empty() ? "" : ", ") + d;
        s.problem(s.child("plugin"), "plugin library libpasserelle_" + a.plugin + ".so not found in " +
                                         (dirs.empty() ? std::string("(no plugins.directories configured)") : dirs));
      }
    }
    if (!a.library.empty()) {
      const fs::path lib(a.library);
      bool allowed = false;
      for (const auto& dir : cfg.plugin_directories)
        if (lib.parent_path() == fs::path(dir)) allowed = true;
      if (!allowed) s.problem(s.child("library"), a.library + " is not in an allowed plugin directory (plugins.directories)");
      else if (!fs::exists(lib)) s.problem(s.child("library"), "plugin library " + a.library + " does not exist");
    }
  }
  out.push_back(std::move(a));
}

}  // namespace

ConfigLoadResult load_config(const std::string& file, const EnvLookup& env) {
  ConfigLoadResult result;
  auto& problems = result.problems;
  auto doc = std::make_shared<YamlDocument>(read_yaml_file(file, env, problems));
  // Unset variables are reported with everything else; only an unreadable file stops here.
  if (doc->root.is_null() && !problems.empty()) return result;
  HostConfig cfg;
  cfg.file = file;
  const fs::path base_dir = fs::absolute(fs::path(file)).parent_path();

  if (!doc->root.is_object()) {
    problems.push_back({file, "the config must be a YAML mapping"});
    return result;
  }
  {
  Section top(*doc, doc->root, "", problems);
  if (const json* svc = top.get("service")) {
    Section s(*doc, *svc, "service", problems);
    s.string("instance", cfg.instance);
    s.string("log_level", cfg.log_level);
    static const std::set<std::string> levels = {"trace", "debug", "info", "warn", "error"};
    if (!levels.count(cfg.log_level)) s.problem(s.child("log_level"), "must be one of trace, debug, info, warn, error");
  }
  if (const json* plugins = top.get("plugins")) {
    Section s(*doc, *plugins, "plugins", problems);
    if (const json* dirs = s.get("directories")) {
      if (!dirs->is_array()) s.problem(s.child("directories"), "must be a list of directories");
      for (std::size_t i = 0; dirs->is_array() && i < dirs->size(); ++i) {
        const std::string p = "plugins.directories[" + std::to_string(i) + "]";
        if (!(*dirs)[i].is_string()) {
          s.problem(p, "must be a string");
          continue;
        }
        const fs::path d = resolve(base_dir, (*dirs)[i].get<std::string>());
        if (!fs::is_directory(d)) s.problem(p, d.string() + " is not a directory");
        else if (world_writable(d)) s.problem(p, d.string() + " is world-writable; plugins are never loaded from such a place");
        else cfg.plugin_directories.push_back(d.string());
      }
    }
  }
  if (cfg.plugin_directories.empty() && problems.empty()) {
    problems.push_back({doc->place("plugins"), "plugins.directories: at least one directory is required"});
  }
  if (const json* kafka = top.get("kafka")) {
    Section s(*doc, *kafka, "kafka", problems);
    s.string("bootstrap_servers", cfg.kafka.bootstrap_servers);
    s.string("group_id", cfg.kafka.group_id);
    auto read_props = [&](const char* key, std::map<std::string, std::string>& out) {
      const json* props = s.get(key);
      if (!props) return;
      const std::string path = std::string("kafka.") + key;
      if (!props->is_object()) s.problem(path, "must be a mapping of librdkafka properties");
      for (auto it = props->begin(); props->is_object() && it != props->end(); ++it) {
        if (it->is_string()) out[it.key()] = it->get<std::string>();
        else if (it->is_number() || it->is_boolean()) out[it.key()] = it->dump();
        else s.problem(path + "." + it.key(), "must be a scalar");
      }
    };
    read_props("properties", cfg.kafka.properties);
    read_props("consumer_properties", cfg.kafka.consumer_properties);
    read_props("producer_properties", cfg.kafka.producer_properties);
    if (const json* topics = s.get("topics")) {
      Section t(*doc, *topics, "kafka.topics", problems);
      t.string("constat_created", cfg.kafka.topics.constat_created);
      t.string("constat_updated", cfg.kafka.topics.constat_updated);
      t.string("vehicle_verified", cfg.kafka.topics.vehicle_verified);
      t.string("dead_letter", cfg.kafka.topics.dead_letter);
    }
  }
  if (const json* http = top.get("http")) {
    Section s(*doc, *http, "http", problems);
    s.string("listen", cfg.http.listen);
    s.integer("threads", cfg.http.threads, 1, 256);
    s.integer("max_body_bytes", cfg.http.max_body_bytes, 1024, 1 << 30);
    s.integer("request_timeout_ms", cfg.http.request_timeout_ms, 100, 600000);
    s.boolean("metrics_require_key", cfg.http.metrics_require_key);
    s.integer("gateway_cache_ttl_ms", cfg.http.gateway_cache_ttl_ms, 0, 86400000);
    if (const json* b = s.get("breaker")) {
      Section bs(*doc, *b, "http.breaker", problems);
      bs.integer("window", cfg.http.breaker_window, 1, 10000);
      bs.integer("min_calls", cfg.http.breaker_min_calls, 1, 10000);
      bs.integer("failure_rate_percent", cfg.http.breaker_failure_rate_percent, 1, 100);
      bs.integer("open_ms", cfg.http.breaker_open_ms, 1, 3600000);
      bs.integer("half_open_probes", cfg.http.breaker_half_open_probes, 1, 1000);
    }
    if (const json* keys = s.get("api_keys")) {
      if (!keys->is_array()) s.problem(s.child("api_keys"), "must be a list of {name, sha256, scopes}");
      for (std::size_t i = 0; keys->is_array() && i < keys->size(); ++i) {
        const std::string kp = "http.api_keys[" + std::to_string(i) + "]";
        Section k(*doc, (*keys)[i], kp, problems);
        ApiKeyConfig key;
        k.string("name", key.name, true);
        k.string("sha256", key.sha256, true);
        const bool hex = key.sha256.size() == 64 && std::all_of(key.sha256.begin(), key.sha256.end(), [](char c) {
                           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                         });
        if (!key.sha256.empty() && !hex)
          k.problem(k.child("sha256"), "must be the 64 lowercase hex digits of SHA-256(key), e.g. from `printf %s KEY | sha256sum`");
        if (const json* scopes = k.get("scopes")) {
          for (std::size_t j = 0; scopes->is_array() && j < scopes->size(); ++j) {
            const auto& sc = (*scopes)[j];
            const std::string v = sc.is_string() ? sc.get<std::string>() : "";
            if (v == "gateway" || v == "admin" || v == "metrics" || v.rfind("inbound:", 0) == 0) key.scopes.push_back(v);
            else k.problem(k.child("scopes") + "[" + std::to_string(j) + "]", "must be gateway, admin, metrics or inbound:<adapter id>");
          }
          if (!scopes->is_array()) k.problem(k.child("scopes"), "must be a list");
        }
        cfg.http.api_keys.push_back(std::move(key));
      }
    }
    s.integer("client_connect_timeout_ms", cfg.http.client_connect_timeout_ms, 1, 600000);
    s.integer("client_read_timeout_ms", cfg.http.client_read_timeout_ms, 1, 600000);
  }
  if (const json* r = top.get("routing")) {
    Section s(*doc, *r, "routing", problems);
    s.integer("workers", cfg.routing.workers, 1, 256);
    s.integer("dedup_window", cfg.routing.dedup_window, 0, 100000000);
    s.integer("shutdown_timeout_ms", cfg.routing.shutdown_timeout_ms, 100, 3600000);
    s.integer("max_in_flight", cfg.routing.max_in_flight, 1, 10000000);
    if (const json* retry = s.get("retry")) {
      Section rs(*doc, *retry, "routing.retry", problems);
      rs.integer("initial_backoff_ms", cfg.routing.initial_backoff_ms, 1, 3600000);
      rs.integer("max_backoff_ms", cfg.routing.max_backoff_ms, 1, 3600000);
      rs.integer("max_attempts", cfg.routing.max_attempts, 1, 1000);
    }
  }
  if (const json* v = top.get("validation")) {
    Section s(*doc, *v, "validation", problems);
    s.integer("wilaya_max", cfg.validation.wilaya_max, 1, 99);
  }
  if (const json* adapters = top.get("adapters")) {
    if (!adapters->is_array()) {
      problems.push_back({doc->place("adapters"), "must be a list of adapters"});
    } else {
      for (std::size_t i = 0; i < adapters->size(); ++i) {
        const std::string path = "adapters[" + std::to_string(i) + "]";
        const json& entry = (*adapters)[i];
        // {include: insurers/caar.yaml} keeps one insurer's long mapping in a file of its own.
        if (entry.is_object() && entry.size() == 1 && entry.contains("include")) {
          if (!entry["include"].is_string()) {
            problems.push_back({doc->place(path + ".include"), "must be a file path"});
            continue;
          }
          const fs::path inc = resolve(base_dir, entry["include"].get<std::string>());
          auto inc_doc = std::make_shared<YamlDocument>(read_yaml_file(inc.string(), env, problems));
          if (inc_doc->root.is_null() && !problems.empty()) continue;
          read_adapter(inc_doc, inc_doc->root, "", cfg, base_dir, problems, cfg.adapters);
        } else {
          read_adapter(doc, entry, path, cfg, base_dir, problems, cfg.adapters);
        }
      }
    }
  }
  }  // unknown top-level keys are reported here
  std::map<std::string, std::string> seen;
  for (const auto& a : cfg.adapters) {
    if (a.id.empty()) continue;
    auto [it, inserted] = seen.emplace(a.id, a.place());
    if (!inserted) problems.push_back({a.place("id"), "duplicate adapter id \"" + a.id + "\" (first at " + it->second + ")"});
  }
  if (problems.empty()) result.config = std::move(cfg);
  return result;
}

}  // namespace passerelle::host
