// The plugin gate: name, version and declared settings of generic-rest.
#include "generic_rest_adapter.hpp"
#include "passerelle/sdk/plugin.hpp"

namespace {

const passerelle_setting_spec kGenericRestSettings[] = {
    {"base_url", "string", nullptr, 1, "the insurer's API root, e.g. https://api.caar.dz/eassurance"},
    {"auth", "object", nullptr, 0, "the API key header: {header: X-Api-Key, value: \"${ENV_VAR}\", prefix: \"Bearer \"?}"},
    {"endpoints", "object", nullptr, 1,
     "per operation {method, path}: constat_created and constat_updated (required), vehicle_verified, "
     "query_vehicle, query_policy, query_constat; paths may use {constatId} {revision} {registration} {asOf} ..."},
    {"mapping", "object", nullptr, 1,
     "per data kind (constat, vehicle_verification, policy): {unmapped_to: \"/pointer\", fields: [rules]}, a rule "
     "being {canonical: \"/pointer\", provider: \"/pointer\", transform?, required?} or an array rule with `each`"},
    {"envelope", "object", "{}", 0,
     "where id, type, time, subject, correlationid, causationid go: {body: \"/pointer\"} or {header: Name}, with an "
     "optional transform (e.g. a value_table for type)"},
    {"inbound_topics", "array", "[]", 0, "Kafka topics to consume from this insurer (empty for REST-only insurers)"},
};

}  // namespace

PASSERELLE_PLUGIN("generic-rest", "1.0.0", kGenericRestSettings, passerelle::generic_rest::GenericRestAdapter)
