// Random valid canonical constats and verifications, for round-trip property tests: the
// mapping must hold for constats nobody here wrote by hand.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "passerelle/sdk/cloud_event.hpp"
#include "passerelle/sdk/model.hpp"

namespace passerelle::testing {

struct GeneratorOptions {
  std::vector<std::string> insurers = {"saa", "trust", "caar"};
  int min_sides = 1;
  int max_sides = 4;
};

// Every optional part is present or absent at random; names mix Arabic script, French accents
// and Latin; plates are Algerian or foreign. Algerian plates are always in the dashed normalised
// form, so that parsing to_json(generated) gives back exactly the generated value.
sdk::Constat random_constat(std::mt19937_64& rng, const GeneratorOptions& options = {});
sdk::VehicleVerification random_verification(std::mt19937_64& rng, const GeneratorOptions& options = {});
// Wrapped in a valid envelope (type constat.created or constat.updated at random for constats).
sdk::CloudEvent random_constat_event(std::mt19937_64& rng, const GeneratorOptions& options = {});
sdk::CloudEvent random_verification_event(std::mt19937_64& rng, const GeneratorOptions& options = {});

}  // namespace passerelle::testing
