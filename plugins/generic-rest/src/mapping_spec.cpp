#include "mapping_spec.hpp"

#include <set>

namespace passerelle::generic_rest {
namespace {

const std::set<std::string> kRuleKeys = {"canonical", "provider", "transform", "required", "each", "unmapped_to", "note"};

std::optional<Pointer> pointer_member(const Json& rule, const char* key, const std::string& where,
                                      std::vector<std::string>& problems) {
  if (!rule.contains(key)) return std::nullopt;
  const Json& v = rule[key];
  std::string why = "not a JSON pointer (it must be a string such as \"/claim/number\")";
  std::optional<Pointer> p;
  if (v.is_string()) p = Pointer::parse(v.get<std::string>(), why);
  if (!p) problems.push_back(where + "." + key + ": " + why);
  return p;
}

void parse_rules(const Json& list, const SchemaNode& schema, DataKind kind, const std::string& where, Scope& scope,
                 std::vector<std::string>& problems);

// Two rules of one scope must not touch the same field or one inside the other: the mapping
// would have to pick a winner, and the round trip could not tell which one wrote the value.
void check_overlaps(const Scope& scope, std::vector<std::string>& problems) {
  std::vector<std::pair<Pointer, std::string>> canonical;
  for (const auto& r : scope.rules) {
    if (!r.canonical) continue;
    for (const auto& [p, owner] : canonical) {
      if (p.overlaps(*r.canonical)) {
        problems.push_back(r.where + ".canonical: " + r.canonical->str() + " overlaps " + p.str() + " of " + owner +
                           " (each canonical field has one rule)");
        break;
      }
    }
    canonical.emplace_back(*r.canonical, r.where);
  }
  std::vector<std::pair<Pointer, std::string>> provider;
  if (scope.unmapped_to) provider.emplace_back(*scope.unmapped_to, scope.where + ".unmapped_to");
  for (const auto& r : scope.rules) {
    if (!r.provider) continue;
    for (const auto& [p, owner] : provider) {
      if (p.overlaps(*r.provider)) {
        problems.push_back(r.where + ".provider: " + r.provider->str() + " overlaps " + p.str() + " of " + owner +
                           " (each insurer field has one rule)");
        break;
      }
    }
    provider.emplace_back(*r.provider, r.where);
  }
}

void parse_rule(const Json& j, const SchemaNode& schema, DataKind kind, const std::string& where, Scope& scope,
                std::vector<std::string>& problems) {
  if (!j.is_object()) {
    problems.push_back(where + ": must be an object {canonical, provider, transform?}");
    return;
  }
  const std::size_t before = problems.size();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kRuleKeys.count(it.key()))
      problems.push_back(where + "." + it.key() +
                         ": unknown key (a rule has canonical, provider, transform, required, each, unmapped_to, note)");
  }
  Rule r;
  r.where = where;
  r.canonical = pointer_member(j, "canonical", where, problems);
  r.provider = pointer_member(j, "provider", where, problems);
  if (j.contains("required")) {
    if (!j["required"].is_boolean()) problems.push_back(where + ".required: must be true or false");
    else r.required = j["required"].get<bool>();
  }
  const SchemaNode* target = nullptr;
  if (r.canonical) {
    target = resolve(schema, *r.canonical);
    if (!target)
      problems.push_back(where + ".canonical: " + r.canonical->str() + " is not a field of the canonical " +
                         to_string(kind) + " (see shared/canonical-model.md; insurer-only fields go under /extensions)");
  }

  if (j.contains("each")) {
    if (!j["each"].is_array()) {
      problems.push_back(where + ".each: must be a list of rules for one element");
    } else {
      if (!j.contains("canonical")) problems.push_back(where + ".canonical: required for an array rule");
      if (!j.contains("provider")) problems.push_back(where + ".provider: required for an array rule");
      if (j.contains("transform")) problems.push_back(where + ".transform: an array rule maps its elements with `each`, not a transform");
      const SchemaNode* element = target;
      if (target && target->kind == SchemaNode::Kind::array) {
        element = target->element.get();
        if (element->kind != SchemaNode::Kind::object && !element->is_free()) {
          problems.push_back(where + ".each: the elements of " + r.canonical->str() + " are " + describe(*element) +
                             "; map the whole array with a plain rule");
        }
      } else if (target && !target->is_free()) {
        problems.push_back(where + ".canonical: " + r.canonical->str() + " is " + describe(*target) +
                           ", not an array; `each` maps arrays");
      }
      auto sub = std::make_shared<Scope>();
      sub->where = where;
      sub->unmapped_to = pointer_member(j, "unmapped_to", where, problems);
      if (element) parse_rules(j["each"], *element, kind, where + ".each", *sub, problems);
      r.each = std::move(sub);
    }
  } else {
    if (j.contains("unmapped_to"))
      problems.push_back(where + ".unmapped_to: only an array rule (with `each`) takes its own unmapped_to");
    if (j.contains("transform")) {
      if (auto t = parse_transform(j["transform"], where + ".transform", target, problems)) r.transform = *t;
    }
    if (r.transform.kind == Transform::Kind::constant) {
      if (!j.contains("canonical") && !j.contains("provider"))
        problems.push_back(where + ": a constant needs canonical, provider or both");
    } else {
      if (!j.contains("canonical")) problems.push_back(where + ".canonical: required (a JSON pointer into canonical data)");
      if (!j.contains("provider")) problems.push_back(where + ".provider: required (a JSON pointer into the insurer body)");
    }
    if (r.required && !j.contains("provider")) problems.push_back(where + ".required: needs a provider field to require");
  }
  if (problems.size() == before) scope.rules.push_back(std::move(r));
}

void parse_rules(const Json& list, const SchemaNode& schema, DataKind kind, const std::string& where, Scope& scope,
                 std::vector<std::string>& problems) {
  for (std::size_t i = 0; i < list.size(); ++i)
    parse_rule(list[i], schema, kind, where + "[" + std::to_string(i) + "]", scope, problems);
  check_overlaps(scope, problems);
}

}  // namespace

std::optional<Scope> parse_kind_mapping(const Json& j, DataKind kind, const std::string& where,
                                        std::vector<std::string>& problems) {
  const std::size_t before = problems.size();
  Scope scope;
  scope.where = where;
  const Json* fields = nullptr;
  std::string fields_where = where;
  if (j.is_array()) {
    fields = &j;
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() != "fields" && it.key() != "unmapped_to" && it.key() != "note")
        problems.push_back(where + "." + it.key() + ": unknown key (allowed: fields, unmapped_to, note)");
    }
    if (!j.contains("fields") || !j["fields"].is_array()) {
      problems.push_back(where + ".fields: required: the list of rules");
    } else {
      fields = &j["fields"];
      fields_where = where + ".fields";
    }
    scope.unmapped_to = pointer_member(j, "unmapped_to", where, problems);
  } else {
    problems.push_back(where + ": must be an object {unmapped_to, fields: [rules]} or a list of rules");
  }
  if (!scope.unmapped_to) {
    std::string why;
    scope.unmapped_to = Pointer::parse(kDefaultUnmappedTo, why);
  }
  if (fields) parse_rules(*fields, schema_for(kind), kind, fields_where, scope, problems);
  if (problems.size() != before) return std::nullopt;
  return scope;
}

std::vector<std::pair<Pointer, std::string>> provider_pointers(const Scope& scope) {
  std::vector<std::pair<Pointer, std::string>> out;
  if (scope.unmapped_to) out.emplace_back(*scope.unmapped_to, scope.where + ".unmapped_to");
  for (const auto& r : scope.rules)
    if (r.provider) out.emplace_back(*r.provider, r.where + ".provider");
  return out;
}

}  // namespace passerelle::generic_rest
