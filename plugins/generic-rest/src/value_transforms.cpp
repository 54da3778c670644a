#include "value_transforms.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace passerelle::generic_rest {
namespace {

using sdk::DateTime;

std::string quoted(const Json& v) { return v.dump(); }

void check_keys(const Json& j, const std::string& where, const std::set<std::string>& allowed,
                std::vector<std::string>& problems) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (allowed.count(it.key())) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    problems.push_back(where + "." + it.key() + ": unknown key for this transform (allowed: " + list + ")");
  }
}

bool scalar_not_null(const Json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

bool read_digits(std::string_view s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

std::string offset_text(int minutes, bool colon) {
  char buf[16];
  const int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, colon ? "%c%02d:%02d" : "%c%02d%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

// Walks a pattern, reporting each directive; false on an unknown directive.
bool pattern_directives(const std::string& pattern, std::set<std::string>& seen, std::string& bad) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    if (i + 1 >= pattern.size()) {
      bad = "%";
      return false;
    }
    std::string d(1, pattern[i + 1]);
    if (d == ":" && i + 2 < pattern.size() && pattern[i + 2] == 'z') {
      d = ":z";
      ++i;
    }
    ++i;
    if (d != "Y" && d != "m" && d != "d" && d != "H" && d != "M" && d != "S" && d != "f" && d != "z" && d != ":z" &&
        d != "%") {
      bad = "%" + d;
      return false;
    }
    seen.insert(d);
  }
  return true;
}

std::optional<DateFormat> parse_date_format(const Json& j, const std::string& where, const SchemaNode* target,
                                            std::vector<std::string>& problems) {
  check_keys(j, where, {"type", "canonical", "provider", "offset"}, problems);
  DateFormat f;
  const std::size_t before = problems.size();
  const bool target_date = target && target->kind == SchemaNode::Kind::leaf && target->leaf == SchemaNode::Leaf::date;
  const bool target_datetime =
      target && target->kind == SchemaNode::Kind::leaf && target->leaf == SchemaNode::Leaf::datetime;
  if (target && !target->is_free() && !target_date && !target_datetime) {
    problems.push_back(where + ".type: date_format needs a date or date-time field, but the canonical field is " +
                       describe(*target));
  }
  if (j.contains("canonical")) {
    const Json& c = j["canonical"];
    if (c == "rfc3339") f.canonical = DateFormat::Canonical::datetime;
    else if (c == "date") f.canonical = DateFormat::Canonical::date;
    else problems.push_back(where + ".canonical: must be \"rfc3339\" or \"date\"");
    if (target_date && f.canonical != DateFormat::Canonical::date)
      problems.push_back(where + ".canonical: the canonical field is a date, so this must be \"date\"");
    if (target_datetime && f.canonical != DateFormat::Canonical::datetime)
      problems.push_back(where + ".canonical: the canonical field is a date-time, so this must be \"rfc3339\"");
  } else if (target_date) {
    f.canonical = DateFormat::Canonical::date;
  } else if (target_datetime) {
    f.canonical = DateFormat::Canonical::datetime;
  } else {
    problems.push_back(where + ".canonical: required here (\"rfc3339\" or \"date\")");
  }
  const Json* p = j.contains("provider") ? &j["provider"] : nullptr;
  if (!p || !p->is_string() || p->get<std::string>().empty()) {
    problems.push_back(where + ".provider: required: the insurer's format, e.g. \"%d/%m/%Y %H:%M\" or \"epoch_millis\"");
  } else if (*p == "epoch_seconds" || *p == "epoch_millis") {
    f.provider = *p == "epoch_seconds" ? DateFormat::Provider::epoch_seconds : DateFormat::Provider::epoch_millis;
    if (f.canonical == DateFormat::Canonical::date)
      problems.push_back(where + ".provider: epoch formats are for date-times, not dates");
  } else {
    f.pattern = p->get<std::string>();
    std::set<std::string> seen;
    std::string bad;
    if (!pattern_directives(f.pattern, seen, bad)) {
      problems.push_back(where + ".provider: unknown directive " + bad +
                         " (supported: %Y %m %d %H %M %S %f %z %:z %%)");
    } else if (!seen.count("Y") || !seen.count("m") || !seen.count("d")) {
      problems.push_back(where + ".provider: must contain %Y, %m and %d so the date can be read back");
    }
    f.pattern_has_offset = seen.count("z") || seen.count(":z");
  }
  if (j.contains("offset")) {
    auto off = j["offset"].is_string() ? parse_offset(j["offset"].get<std::string>()) : std::nullopt;
    if (!off) {
      problems.push_back(where + ".offset: must be a UTC offset such as \"+01:00\" or \"Z\"");
    } else {
      f.has_offset = true;
      f.offset_minutes = off->first;
      f.offset_is_z = off->second;
    }
  } else if (f.canonical == DateFormat::Canonical::datetime && !f.pattern_has_offset && problems.size() == before) {
    problems.push_back(where +
                       ".offset: required: the insurer's format has no UTC offset, so say which local time it "
                       "is in (e.g. \"+01:00\" for Algeria)");
  }
  if (problems.size() != before) return std::nullopt;
  return f;
}

std::string join_values(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

}  // namespace

const char* to_string(Transform::Kind k) noexcept {
  switch (k) {
    case Transform::Kind::identity: return "identity";
    case Transform::Kind::date_format: return "date_format";
    case Transform::Kind::value_table: return "value_table";
    case Transform::Kind::constant: return "constant";
    case Transform::Kind::bool_strings: return "bool_strings";
  }
  return "?";
}

std::optional<std::pair<int, bool>> parse_offset(std::string_view s) {
  if (s == "Z" || s == "z") return std::pair<int, bool>{0, true};
  std::size_t pos = 1;
  int h = 0, m = 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  if (!read_digits(s, pos, 2, h)) return std::nullopt;
  pos = 4;
  if (!read_digits(s, pos, 2, m) || h > 23 || m > 59) return std::nullopt;
  return std::pair<int, bool>{(s[0] == '-' ? -1 : 1) * (h * 60 + m), false};
}

std::optional<Transform> parse_transform(const Json& j, const std::string& where, const SchemaNode* target,
                                         std::vector<std::string>& problems) {
  if (!j.is_object()) {
    problems.push_back(where + ": must be an object such as {type: value_table, table: {...}}");
    return std::nullopt;
  }
  const std::size_t before = problems.size();
  Transform t;
  const std::string type = j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "";
  if (type == "date_format") {
    t.kind = Transform::Kind::date_format;
    if (auto f = parse_date_format(j, where, target, problems)) t.date = *f;
  } else if (type == "value_table") {
    t.kind = Transform::Kind::value_table;
    check_keys(j, where, {"type", "table", "passthrough"}, problems);
    if (j.contains("passthrough")) {
      if (!j["passthrough"].is_boolean()) problems.push_back(where + ".passthrough: must be true or false");
      else t.passthrough = j["passthrough"].get<bool>();
    }
    if (target && !target->is_free() &&
        !(target->kind == SchemaNode::Kind::leaf &&
          (target->leaf == SchemaNode::Leaf::string || target->leaf == SchemaNode::Leaf::enumeration))) {
      problems.push_back(where + ".type: value_table maps strings, but the canonical field is " + describe(*target));
    }
    const Json* table = j.contains("table") ? &j["table"] : nullptr;
    if (!table || !table->is_object() || table->empty()) {
      problems.push_back(where + ".table: required: a non-empty object {canonical value: insurer value}");
    } else {
      std::map<std::string, std::string> provider_seen;  // dumped provider value -> canonical value
      for (auto it = table->begin(); it != table->end(); ++it) {
        if (!scalar_not_null(*it)) {
          problems.push_back(where + ".table." + it.key() + ": must be a string, number or boolean");
          continue;
        }
        auto [pos, inserted] = provider_seen.emplace(it->dump(), it.key());
        if (!inserted)
          problems.push_back(where + ".table." + it.key() + ": insurer value " + it->dump() + " is also used for \"" +
                             pos->second + "\"; the table must read back one way");
        if (target && target->kind == SchemaNode::Kind::leaf && target->leaf == SchemaNode::Leaf::enumeration &&
            std::find(target->values.begin(), target->values.end(), it.key()) == target->values.end()) {
          problems.push_back(where + ".table." + it.key() + ": not a canonical value of this field (" +
                             describe(*target) + ")");
        }
        t.table.emplace_back(it.key(), *it);
      }
      if (target && target->kind == SchemaNode::Kind::leaf && target->leaf == SchemaNode::Leaf::enumeration) {
        std::vector<std::string> missing;
        for (const auto& v : target->values)
          if (!table->contains(v)) missing.push_back(v);
        if (!missing.empty())
          problems.push_back(where + ".table: missing canonical value(s) " + join_values(missing) +
                             " (every value of the closed list must have an insurer value)");
      }
    }
  } else if (type == "constant") {
    t.kind = Transform::Kind::constant;
    check_keys(j, where, {"type", "value"}, problems);
    if (!j.contains("value") || j["value"].is_null()) problems.push_back(where + ".value: required (not null)");
    else t.constant = j["value"];
  } else if (type == "bool_strings") {
    t.kind = Transform::Kind::bool_strings;
    check_keys(j, where, {"type", "true", "false"}, problems);
    if (target && !target->is_free() &&
        !(target->kind == SchemaNode::Kind::leaf && target->leaf == SchemaNode::Leaf::boolean))
      problems.push_back(where + ".type: bool_strings needs a boolean field, but the canonical field is " +
                         describe(*target));
    for (const char* key : {"true", "false"}) {
      if (!j.contains(key) || !scalar_not_null(j[key]))
        problems.push_back(where + "." + key + ": required: the insurer's value for " + key);
    }
    if (j.contains("true") && j.contains("false")) {
      t.true_value = j["true"];
      t.false_value = j["false"];
      if (t.true_value == t.false_value)
        problems.push_back(where + ".false: must differ from `true` or the value cannot be read back");
    }
  } else if (type.empty()) {
    problems.push_back(where + ".type: required: one of date_format, value_table, constant, bool_strings");
  } else {
    problems.push_back(where + ".type: unknown transform type \"" + type +
                       "\" (known: date_format, value_table, constant, bool_strings)");
  }
  if (problems.size() != before) return std::nullopt;
  return t;
}

std::string format_with_pattern(const std::string& pattern, const DateTime& dt) {
  std::string out;
  char buf[16];
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 >= pattern.size()) {
      out += pattern[i];
      continue;
    }
    const char d = pattern[++i];
    switch (d) {
      case 'Y': std::snprintf(buf, sizeof buf, "%04d", dt.year); out += buf; break;
      case 'm': std::snprintf(buf, sizeof buf, "%02d", dt.month); out += buf; break;
      case 'd': std::snprintf(buf, sizeof buf, "%02d", dt.day); out += buf; break;
      case 'H': std::snprintf(buf, sizeof buf, "%02d", dt.hour); out += buf; break;
      case 'M': std::snprintf(buf, sizeof buf, "%02d", dt.minute); out += buf; break;
      case 'S': std::snprintf(buf, sizeof buf, "%02d", dt.second); out += buf; break;
      case 'f': out += (dt.fraction + "000").substr(0, 3); break;
      case 'z': out += offset_text(dt.offset_minutes, false); break;
      case ':':
        if (i + 1 < pattern.size() && pattern[i + 1] == 'z') {
          ++i;
          out += offset_text(dt.offset_minutes, true);
        } else {
          out += "%:";
        }
        break;
      case '%': out += '%'; break;
      default: out += '%'; out += d; break;
    }
  }
  return out;
}

std::optional<DateTime> parse_with_pattern(const std::string& pattern, std::string_view s, bool& saw_offset) {
  DateTime dt;
  dt.month = dt.day = 1;
  saw_offset = false;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '%' || i + 1 >= pattern.size()) {
      if (pos >= s.size() || s[pos] != pattern[i]) return std::nullopt;
      ++pos;
      continue;
    }
    const char d = pattern[++i];
    bool ok = true;
    switch (d) {
      case 'Y': ok = read_digits(s, pos, 4, dt.year); break;
      case 'm': ok = read_digits(s, pos, 2, dt.month); break;
      case 'd': ok = read_digits(s, pos, 2, dt.day); break;
      case 'H': ok = read_digits(s, pos, 2, dt.hour); break;
      case 'M': ok = read_digits(s, pos, 2, dt.minute); break;
      case 'S': ok = read_digits(s, pos, 2, dt.second); break;
      case 'f': {
        const std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9' && pos - start < 9) ++pos;
        if (pos == start) return std::nullopt;
        std::string frac(s.substr(start, pos - start));
        // Trailing zeros carry no information; dropping them reads "500" back as ".5" and
        // "000" as no fraction, the way the platform writes them.
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        dt.fraction = frac;
        break;
      }
      case ':':
        if (i + 1 >= pattern.size() || pattern[i + 1] != 'z') return std::nullopt;
        ++i;
        [[fallthrough]];
      case 'z': {
        if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
          dt.utc_z = true;
          dt.offset_minutes = 0;
          ++pos;
        } else {
          if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) return std::nullopt;
          const int sign = s[pos] == '-' ? -1 : 1;
          ++pos;
          int h = 0, m = 0;
          if (!read_digits(s, pos, 2, h)) return std::nullopt;
          if (pos < s.size() && s[pos] == ':') ++pos;
          if (!read_digits(s, pos, 2, m) || h > 23 || m > 59) return std::nullopt;
          dt.offset_minutes = sign * (h * 60 + m);
        }
        saw_offset = true;
        break;
      }
      case '%':
        if (pos >= s.size() || s[pos] != '%') return std::nullopt;
        ++pos;
        break;
      default: return std::nullopt;
    }
    if (!ok) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > sdk::days_in_month(dt.year, dt.month) || dt.hour > 23 ||
      dt.minute > 59 || dt.second > 60)
    return std::nullopt;
  return dt;
}

std::optional<Json> to_provider(const Transform& t, const Json& v) {
  switch (t.kind) {
    case Transform::Kind::identity: return v;
    case Transform::Kind::constant: return t.constant;
    case Transform::Kind::bool_strings:
      if (!v.is_boolean()) return std::nullopt;
      return v.get<bool>() ? t.true_value : t.false_value;
    case Transform::Kind::value_table:
      if (!v.is_string()) return std::nullopt;
      for (const auto& [canonical, provider] : t.table)
        if (canonical == v.get<std::string>()) return provider;
      if (t.passthrough) return v;
      return std::nullopt;
    case Transform::Kind::date_format: {
      if (!v.is_string()) return std::nullopt;
      const std::string s = v.get<std::string>();
      const DateFormat& f = t.date;
      if (f.canonical == DateFormat::Canonical::date) {
        auto d = sdk::parse_date(s);
        if (!d) return std::nullopt;
        DateTime dt;
        dt.year = d->year;
        dt.month = d->month;
        dt.day = d->day;
        if (f.has_offset) dt.offset_minutes = f.offset_minutes;
        return format_with_pattern(f.pattern, dt);
      }
      auto dt = sdk::parse_datetime(s);
      if (!dt) return std::nullopt;
      if (f.provider == DateFormat::Provider::epoch_seconds) return dt->epoch_seconds();
      if (f.provider == DateFormat::Provider::epoch_millis) {
        const int ms = std::stoi((dt->fraction + "000").substr(0, 3));
        return dt->epoch_seconds() * 1000 + ms;
      }
      // Without %z in the pattern the insurer reads local time at its own offset; with it,
      // the instant is written at the offset it came with.
      DateTime out = (f.pattern_has_offset || !f.has_offset) ? *dt : sdk::to_offset(*dt, f.offset_minutes);
      return format_with_pattern(f.pattern, out);
    }
  }
  return std::nullopt;
}

ReadBack to_canonical(const Transform& t, const Json& v) {
  switch (t.kind) {
    case Transform::Kind::identity: return {v, ""};
    case Transform::Kind::constant: return {t.constant, ""};
    case Transform::Kind::bool_strings:
      if (v == t.true_value) return {true, ""};
      if (v == t.false_value) return {false, ""};
      return {std::nullopt, "value " + quoted(v) + " is neither " + quoted(t.true_value) + " (true) nor " +
                                quoted(t.false_value) + " (false)"};
    case Transform::Kind::value_table: {
      for (const auto& [canonical, provider] : t.table)
        if (provider == v) return {Json(canonical), ""};
      if (t.passthrough) return {v, ""};
      std::string known;
      for (const auto& [canonical, provider] : t.table) known += (known.empty() ? "" : ", ") + provider.dump();
      return {std::nullopt, "value " + quoted(v) + " is not in the value table (expected one of: " + known + ")"};
    }
    case Transform::Kind::date_format: {
      const DateFormat& f = t.date;
      if (f.provider != DateFormat::Provider::pattern) {
        long long n = 0;
        if (v.is_number_integer()) {
          n = v.get<long long>();
        } else if (v.is_string() && !v.get<std::string>().empty() &&
                   v.get<std::string>().find_first_not_of("0123456789-") == std::string::npos) {
          try {
            n = std::stoll(v.get<std::string>());
          } catch (const std::exception&) {
            return {std::nullopt, "is not an epoch timestamp"};
          }
        } else {
          return {std::nullopt, "is not an epoch timestamp (an integer)"};
        }
        long long secs = n, ms = 0;
        if (f.provider == DateFormat::Provider::epoch_millis) {
          secs = n / 1000;
          ms = n % 1000;
          if (ms < 0) {
            ms += 1000;
            --secs;
          }
        }
        DateTime dt = sdk::from_epoch(secs, f.offset_minutes);
        dt.utc_z = f.offset_is_z;
        if (ms) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "%03lld", ms);
          std::string frac = buf;
          while (!frac.empty() && frac.back() == '0') frac.pop_back();
          dt.fraction = frac;
        }
        return {Json(sdk::format_datetime(dt)), ""};
      }
      if (!v.is_string()) return {std::nullopt, "must be a string in the format \"" + f.pattern + "\""};
      bool saw_offset = false;
      auto dt = parse_with_pattern(f.pattern, v.get<std::string>(), saw_offset);
      // The value itself is left out: date fields include dates of birth.
      if (!dt) return {std::nullopt, "does not match the date format \"" + f.pattern + "\""};
      if (f.canonical == DateFormat::Canonical::date) {
        return {Json(sdk::format_date(sdk::Date{dt->year, dt->month, dt->day})), ""};
      }
      if (!saw_offset) {
        dt->offset_minutes = f.offset_minutes;
        dt->utc_z = f.offset_is_z;
      }
      return {Json(sdk::format_datetime(*dt)), ""};
    }
  }
  return {std::nullopt, "unsupported transform"};
}

}  // namespace passerelle::generic_rest
