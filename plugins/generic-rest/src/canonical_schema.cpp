#include "canonical_schema.hpp"

#include "passerelle/sdk/model.hpp"

namespace passerelle::generic_rest {
namespace {

using Kind = SchemaNode::Kind;
using Leaf = SchemaNode::Leaf;

SchemaNode leaf(Leaf l) {
  SchemaNode n;
  n.kind = Kind::leaf;
  n.leaf = l;
  return n;
}
SchemaNode str() { return leaf(Leaf::string); }
SchemaNode date() { return leaf(Leaf::date); }
SchemaNode datetime() { return leaf(Leaf::datetime); }
SchemaNode boolean() { return leaf(Leaf::boolean); }
SchemaNode integer() { return leaf(Leaf::integer); }
SchemaNode number() { return leaf(Leaf::number); }
SchemaNode one_of(const std::vector<std::string>& values) {
  SchemaNode n = leaf(Leaf::enumeration);
  n.values = values;
  return n;
}
SchemaNode object(std::initializer_list<std::pair<const char*, SchemaNode>> members) {
  SchemaNode n;
  n.kind = Kind::object;
  for (const auto& [name, node] : members) n.members[name] = std::make_shared<const SchemaNode>(node);
  return n;
}
SchemaNode array(SchemaNode element) {
  SchemaNode n;
  n.kind = Kind::array;
  n.element = std::make_shared<const SchemaNode>(std::move(element));
  return n;
}
SchemaNode free_node() { return SchemaNode{}; }

SchemaNode address() {
  return object({{"line", str()}, {"city", str()}, {"wilayaCode", str()}, {"postalCode", str()}, {"countryCode", str()}});
}
SchemaNode person() {
  return object({{"lastName", str()},
                 {"firstName", str()},
                 {"companyName", str()},
                 {"address", address()},
                 {"phone", str()},
                 {"email", str()}});
}
SchemaNode attachment() {
  return object({{"kind", one_of(sdk::kAttachmentKinds)}, {"uri", str()}, {"mediaType", str()}, {"sha256", str()}});
}
SchemaNode side() {
  return object({
      {"side", str()},
      {"policyholder", person()},
      {"vehicle", object({{"make", str()},
                          {"model", str()},
                          {"registrationNumber", str()},
                          {"registrationCountry", str()},
                          {"vin", str()},
                          {"trailer", object({{"registrationNumber", str()}, {"registrationCountry", str()}})}})},
      {"insurance", object({{"insurerId", str()},
                            {"insurerName", str()},
                            {"policyNumber", str()},
                            {"greenCardNumber", str()},
                            {"validFrom", date()},
                            {"validTo", date()},
                            {"agency", object({{"code", str()}, {"name", str()}, {"address", address()}, {"phone", str()}})},
                            {"ownDamageCovered", boolean()}})},
      {"driver", object({{"lastName", str()},
                         {"firstName", str()},
                         {"dateOfBirth", date()},
                         {"address", address()},
                         {"phone", str()},
                         {"licence", object({{"number", str()},
                                             {"category", str()},
                                             {"issuedAt", date()},
                                             {"validUntil", date()}})}})},
      {"initialImpact", object({{"zones", array(one_of(sdk::kImpactZones))}, {"note", str()}})},
      {"visibleDamage", str()},
      {"circumstances", array(integer())},
      {"remarks", str()},
      {"signature", object({{"signed", boolean()}, {"signedAt", datetime()}, {"method", one_of(sdk::kSignatureMethods)}})},
  });
}

SchemaNode constat() {
  return object({
      {"constatId", str()},
      {"revision", integer()},
      {"status", one_of(sdk::kConstatStatuses)},
      {"formScheme", str()},
      {"accident",
       object({{"occurredAt", datetime()},
               {"location", object({{"countryCode", str()},
                                    {"wilayaCode", str()},
                                    {"city", str()},
                                    {"place", str()},
                                    {"geo", object({{"lat", number()}, {"lon", number()}})}})},
               {"injuries", boolean()},
               {"damageOtherVehicles", boolean()},
               {"damageOtherProperty", boolean()}})},
      {"witnesses", array(person())},
      {"sides", array(side())},
      {"sketch", attachment()},
      {"attachments", array(attachment())},
      {"extensions", free_node()},
  });
}

SchemaNode verification() {
  return object({
      {"verificationId", str()},
      {"requestRef", str()},
      {"insurerId", str()},
      {"policyNumber", str()},
      {"vehicle", object({{"registrationNumber", str()},
                          {"registrationCountry", str()},
                          {"vin", str()},
                          {"make", str()},
                          {"model", str()},
                          {"year", integer()}})},
      {"asOf", date()},
      {"status", one_of(sdk::kVerificationStatuses)},
      {"reasonCode", str()},
      {"coverage", object({{"validFrom", date()}, {"validTo", date()}, {"guarantees", array(str())}})},
      {"policyholderName", str()},
      {"agency", object({{"code", str()}, {"name", str()}})},
      {"verifiedAt", datetime()},
      {"constatId", str()},
      {"extensions", free_node()},
  });
}

}  // namespace

const char* to_string(DataKind k) noexcept {
  switch (k) {
    case DataKind::constat: return "constat";
    case DataKind::vehicle_verification: return "vehicle_verification";
    case DataKind::policy: return "policy";
  }
  return "?";
}

const SchemaNode& schema_for(DataKind kind) {
  static const SchemaNode kConstat = constat();
  static const SchemaNode kVerification = verification();
  static const SchemaNode kFree = free_node();
  switch (kind) {
    case DataKind::constat: return kConstat;
    case DataKind::vehicle_verification: return kVerification;
    case DataKind::policy: return kFree;
  }
  return kFree;
}

const SchemaNode* resolve(const SchemaNode& root, const Pointer& p) {
  const SchemaNode* cur = &root;
  for (const auto& t : p.tokens()) {
    if (cur->is_free()) return cur;
    if (cur->kind != Kind::object) return nullptr;
    auto it = cur->members.find(t);
    if (it == cur->members.end()) return nullptr;
    cur = it->second.get();
  }
  return cur;
}

std::string describe(const SchemaNode& node) {
  switch (node.kind) {
    case Kind::free: return "free-form";
    case Kind::object: return "an object";
    case Kind::array: return "an array";
    case Kind::leaf: break;
  }
  switch (node.leaf) {
    case Leaf::string: return "a string";
    case Leaf::date: return "a date (YYYY-MM-DD)";
    case Leaf::datetime: return "a date-time (RFC 3339)";
    case Leaf::boolean: return "a boolean";
    case Leaf::integer: return "an integer";
    case Leaf::number: return "a number";
    case Leaf::enumeration: {
      std::string s = "one of: ";
      for (std::size_t i = 0; i < node.values.size(); ++i) s += (i ? ", " : "") + node.values[i];
      return s;
    }
  }
  return "?";
}

}  // namespace passerelle::generic_rest
