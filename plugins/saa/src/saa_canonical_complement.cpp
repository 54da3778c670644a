#include "saa_canonical_complement.hpp"

namespace passerelle::saa {

using sdk::Json;

void CanonicalComplement::keep_if_lossy(const std::string& canonical_path, const std::string& canonical,
                                        const std::optional<std::string>& read_back) {
  if (!read_back || *read_back != canonical) exact_values_[canonical_path] = canonical;
}

std::optional<std::string> CanonicalComplement::exact_for(const std::string& canonical_path,
                                                          const std::string& saa_value, const ToSaa& to_saa) const {
  auto it = exact_values_.find(canonical_path);
  if (it == exact_values_.end()) return std::nullopt;
  auto shown = to_saa(it->second);
  if (!shown || *shown != saa_value) return std::nullopt;
  return it->second;
}

bool CanonicalComplement::empty() const {
  return exact_values_.empty() && !extensions && cloud_event_attributes.empty() && !dataschema;
}

Json CanonicalComplement::to_saa_json() const {
  Json j = Json::object();
  if (!exact_values_.empty()) j["valeursExactes"] = exact_values_;
  if (extensions) j["extensions"] = *extensions;
  if (!cloud_event_attributes.empty()) j["attributsCloudEvents"] = cloud_event_attributes;
  if (dataschema) j["dataschema"] = *dataschema;
  return j;
}

std::optional<CanonicalComplement> CanonicalComplement::from_saa_json(const Json& j, const std::string& path,
                                                                      Problems& problems) {
  const std::size_t before = problems.issues().size();
  if (!j.is_object()) {
    problems.add(path, msg::kObject);
    return std::nullopt;
  }
  CanonicalComplement c;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string p = child_path(path, it.key());
    const Json& v = it.value();
    if (it.key() == "valeursExactes") {
      if (!v.is_object()) {
        problems.add(p, msg::kObject);
        continue;
      }
      for (auto e = v.begin(); e != v.end(); ++e) {
        if (!e->is_string()) problems.add(p + "[\"" + e.key() + "\"]", msg::kString);
        else c.exact_values_[e.key()] = e->get<std::string>();
      }
    } else if (it.key() == "extensions") {
      if (!v.is_object()) problems.add(p, msg::kObject);
      else c.extensions = v;
    } else if (it.key() == "attributsCloudEvents") {
      if (!v.is_object()) problems.add(p, msg::kObject);
      else c.cloud_event_attributes = v;
    } else if (it.key() == "dataschema") {
      if (!v.is_string()) problems.add(p, msg::kString);
      else c.dataschema = v.get<std::string>();
    } else {
      // Our own block: an unexpected member means a newer writer, and guessing would lose data.
      problems.add(p, msg::kUnknownField);
    }
  }
  if (problems.issues().size() != before) return std::nullopt;
  return c;
}

}  // namespace passerelle::saa
