// The simulator's world: what each insurer knows, in that insurer's own JSON form (exactly the
// records its API answers with). docs/insurer-simulator.md describes the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim_util.hpp"

namespace passerelle::sim {

struct Collection {
  Insurer insurer;
  const char* name;  // member of the insurer's section, e.g. "polices"
  const char* key;   // member of each record that identifies it, e.g. "numeroPolice"
};

// Every collection of the world file, per insurer.
const std::vector<Collection>& collections();
const Collection* collection_of(Insurer insurer, std::string_view name);

// The world compiled into the binary (tests/insurer-sim/world.json at build time).
std::string_view default_world_text();

// Problems of a world document, each naming its JSON path; empty when it is usable. A document
// may hold any subset of "saa", "trust", "caar"; members starting with "_" are comments.
std::vector<std::string> validate_world(const Json& world);

// An insurer's section with every collection present (missing ones become []).
Json complete_section(Insurer insurer, const Json& section);

// The record of `collection` whose key member equals `key`, or nullptr.
const Json* find_record(const Json& section, const char* collection, const char* key_member, std::string_view key);
Json* find_record(Json& section, const char* collection, const char* key_member, std::string_view key);

}  // namespace passerelle::sim
