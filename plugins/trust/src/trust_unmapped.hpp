// Trust members this adapter does not know arrive in extensions.<adapter id>.unmappedFields,
// keyed by their Trust path ("payload.accidentReport.parties[0].car.colour"). On the way back
// to Trust they are put back at that path, so Trust gets its own fields again.
#pragma once

#include "passerelle/sdk/model.hpp"

namespace passerelle::trust {

// Places every entry of `unmapped` (an object: path -> value) into `envelope`. An entry is
// placed only where its parent already exists and the member is free, so it can never
// overwrite a mapped field. Returns false, leaving `envelope` unchanged, when any entry
// cannot be placed that way.
bool place_unmapped_fields(sdk::Json& envelope, const sdk::Json& unmapped);

}  // namespace passerelle::trust
