#include "dead_letter.hpp"

namespace passerelle::host {

const char* to_string(Stage s) {
  switch (s) {
    case Stage::deserialize: return "deserialize";
    case Stage::validate: return "validate";
    case Stage::map: return "map";
    case Stage::deliver: return "deliver";
  }
  return "?";
}

sdk::Headers dead_letter_headers(const InputRecord& r, const DeadLetterReason& why, const std::string& origin) {
  sdk::Headers h = r.headers;
  h["passerelle.origin"] = origin;
  h["passerelle.error.class"] = why.error_class;
  // Bounded: a header is not a place for a whole validation report.
  h["passerelle.error.message"] = why.message.size() > 2000 ? why.message.substr(0, 2000) + "…" : why.message;
  h["passerelle.error.stage"] = to_string(why.stage);
  h["passerelle.error.adapter"] = why.adapter;
  h["passerelle.error.topic"] = r.topic;
  h["passerelle.error.partition"] = std::to_string(r.partition);
  h["passerelle.error.offset"] = std::to_string(r.offset);
  h["passerelle.error.attempts"] = std::to_string(why.attempts);
  return h;
}

}  // namespace passerelle::host
