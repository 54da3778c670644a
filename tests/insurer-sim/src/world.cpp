#include "world.hpp"

#include <set>

namespace passerelle::sim {
namespace {

bool is_comment(const std::string& key) { return !key.empty() && key[0] == '_'; }

// Where the plate of a policy's vehicle(s) sits, checked so lookups never meet a bad shape.
void check_vehicles(Insurer insurer, const Json& record, const std::string& at, std::vector<std::string>& problems) {
  auto need_string = [&](const Json& obj, const char* key, const std::string& path, bool required) {
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) problems.push_back(path + "." + key + ": required");
      return;
    }
    if (!it->is_string() || it->get<std::string>().empty())
      problems.push_back(path + "." + key + ": must be a non-empty string");
  };
  switch (insurer) {
    case Insurer::saa: {
      auto it = record.find("vehicules");
      if (it == record.end()) return;
      if (!it->is_array()) {
        problems.push_back(at + ".vehicules: must be an array");
        return;
      }
      for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string p = at + ".vehicules[" + std::to_string(i) + "]";
        if (!(*it)[i].is_object()) {
          problems.push_back(p + ": must be an object");
          continue;
        }
        need_string((*it)[i], "immatriculation", p, true);
        need_string((*it)[i], "paysImmatriculation", p, false);
      }
      return;
    }
    case Insurer::trust: {
      auto car = record.find("car");
      if (car == record.end()) return;
      if (!car->is_object() || !car->contains("plate") || !(*car)["plate"].is_object()) {
        problems.push_back(at + ".car.plate: must be an object {number, country}");
        return;
      }
      need_string((*car)["plate"], "number", at + ".car.plate", true);
      need_string((*car)["plate"], "country", at + ".car.plate", false);
      return;
    }
    case Insurer::caar: {
      auto v = record.find("vehicle");
      if (v == record.end()) return;
      if (!v->is_object()) {
        problems.push_back(at + ".vehicle: must be an object");
        return;
      }
      need_string(*v, "plate", at + ".vehicle", true);
      need_string(*v, "plate_country", at + ".vehicle", false);
      return;
    }
  }
}

bool is_policy_collection(const Collection& c) {
  return std::string_view(c.name) == "polices" || std::string_view(c.name) == "policies";
}

}  // namespace

const std::vector<Collection>& collections() {
  static const std::vector<Collection> all = {
      {Insurer::saa, "polices", "numeroPolice"},    {Insurer::saa, "constats", "numeroConstat"},
      {Insurer::trust, "policies", "number"},       {Insurer::trust, "accidentReports", "reportRef"},
      {Insurer::caar, "policies", "number"},        {Insurer::caar, "claims", "claim_number"},
      {Insurer::caar, "vehicleChecks", "check_id"},
  };
  return all;
}

const Collection* collection_of(Insurer insurer, std::string_view name) {
  for (const auto& c : collections())
    if (c.insurer == insurer && name == c.name) return &c;
  return nullptr;
}

std::vector<std::string> validate_world(const Json& world) {
  std::vector<std::string> problems;
  if (!world.is_object())
    return {"$: the world must be a JSON object {\"saa\": {...}, \"trust\": {...}, \"caar\": {...}}"};
  for (auto it = world.begin(); it != world.end(); ++it) {
    if (is_comment(it.key())) continue;
    const auto insurer = insurer_named(it.key());
    if (!insurer) {
      problems.push_back(it.key() + ": unknown insurer (expected saa, trust or caar)");
      continue;
    }
    if (!it->is_object()) {
      problems.push_back(it.key() + ": must be an object");
      continue;
    }
    for (auto c = it->begin(); c != it->end(); ++c) {
      if (is_comment(c.key())) continue;
      const std::string at = it.key() + "." + c.key();
      const Collection* coll = collection_of(*insurer, c.key());
      if (!coll) {
        std::string known;
        for (const auto& k : collections())
          if (k.insurer == *insurer) known += std::string(known.empty() ? "" : ", ") + k.name;
        problems.push_back(at + ": unknown collection (expected one of: " + known + ")");
        continue;
      }
      if (!c->is_array()) {
        problems.push_back(at + ": must be an array of records");
        continue;
      }
      std::set<std::string> keys;
      for (std::size_t i = 0; i < c->size(); ++i) {
        const Json& record = (*c)[i];
        const std::string rat = at + "[" + std::to_string(i) + "]";
        if (!record.is_object()) {
          problems.push_back(rat + ": must be an object");
          continue;
        }
        const std::string key = str_of(record, coll->key);
        if (key.empty()) {
          problems.push_back(rat + "." + coll->key + ": required (a non-empty string)");
          continue;
        }
        if (!keys.insert(key).second) problems.push_back(rat + "." + coll->key + ": duplicate \"" + key + "\"");
        if (is_policy_collection(*coll)) check_vehicles(*insurer, record, rat, problems);
      }
    }
  }
  return problems;
}

Json complete_section(Insurer insurer, const Json& section) {
  Json out = Json::object();
  for (const auto& c : collections()) {
    if (c.insurer != insurer) continue;
    auto it = section.is_object() ? section.find(c.name) : section.end();
    out[c.name] = section.is_object() && it != section.end() ? *it : Json::array();
  }
  return out;
}

const Json* find_record(const Json& section, const char* collection, const char* key_member, std::string_view key) {
  auto c = section.find(collection);
  if (c == section.end() || !c->is_array()) return nullptr;
  for (const auto& r : *c)
    if (r.is_object() && str_of(r, key_member) == key) return &r;
  return nullptr;
}

Json* find_record(Json& section, const char* collection, const char* key_member, std::string_view key) {
  return const_cast<Json*>(find_record(static_cast<const Json&>(section), collection, key_member, key));
}

}  // namespace passerelle::sim
