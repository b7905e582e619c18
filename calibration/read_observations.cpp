#include "read_observations.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unordered_map>

#include "csv.hpp"
#include "scenario_limits.hpp"

namespace adoptsim::calibration {

Group parse_group(const std::string& text, const Structure& st, std::string& error) {
  Group g;
  g.name = text;
  if (text == "everyone") {
    g.kind = GroupKind::everyone;
    return g;
  }
  if (text == "users") {
    g.kind = GroupKind::users;
    return g;
  }
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon), name = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (colon != std::string::npos && kind == "role") {
    if (const auto r = from_name<Role>(kRoleNames, name)) {
      g.kind = GroupKind::role;
      g.index = idx(*r);
      return g;
    }
    error = fmt::format("no role '{}' (roles: supervisor, foreman, manager, mt, hr)", name);
  } else if (colon != std::string::npos && kind == "category") {
    if (const auto c = from_name<Category>(kCategoryNames, name)) {
      g.kind = GroupKind::category;
      g.index = idx(*c);
      return g;
    }
    error = fmt::format("no category '{}' (categories: innovator, early_adopter, early_majority, late_majority, laggard)", name);
  } else if (colon != std::string::npos && kind == "team") {
    for (int t = 0; t < st.teams(); ++t)
      if (st.team_names[static_cast<std::size_t>(t)] == name) {
        g.kind = GroupKind::team;
        g.index = t;
        return g;
      }
    error = fmt::format("the scenario has no team '{}'", name);
  } else {
    error = fmt::format("'{}' is not a group: write everyone, users, role:<role>, category:<category> or team:<team name>", text);
  }
  return g;
}

bool parse_indicator(const std::string& text, Series& out) {
  if (text.rfind("stage.", 0) == 0) {
    const auto s = from_name<Stage>(kStageNames, std::string_view(text).substr(6));
    if (!s) return false;
    out.indicator = Indicator::stage;
    out.stage = *s;
    return true;
  }
  const auto i = from_name<Indicator>(kIndicatorNames, text);
  if (!i || *i == Indicator::stage) return false;
  out.indicator = *i;
  return true;
}

namespace {

std::vector<Observation> read_rows(const CsvTable& t, const Structure& st, std::vector<Diagnostic>& problems) {
  std::vector<Observation> out;
  const int c_week = t.column("week"), c_ind = t.column("indicator"), c_group = t.column("group"), c_value = t.column("value"),
            c_n = t.column("n"), c_sd = t.column("sd");
  bool missing = false;
  for (auto [col, name] : {std::pair{c_week, "week"}, {c_ind, "indicator"}, {c_group, "group"}, {c_value, "value"}, {c_n, "n"}})
    if (col < 0 && !t.header.empty()) {
      problems.push_back({t.path, 1, 1, name, "missing column (the header needs week, indicator, group, value, n; sd is optional)"});
      missing = true;
    }
  if (missing || t.header.empty()) return out;
  for (const auto& row : t.rows) {
    const auto cell = [&](int c) -> const std::string& { return row.cells[static_cast<std::size_t>(c)]; };
    auto bad = [&](int c, const std::string& message) { problems.push_back({t.path, row.line, c + 1, t.header[static_cast<std::size_t>(c)], message}); };
    Observation o;
    o.line = row.line;
    o.source = t.path;
    bool ok = true;
    const auto week = parse_integer(cell(c_week));
    // Checked in full width before narrowing: 4294967295 is not week -1.
    if (!week || *week < 0 || *week > kMaxWeeks)
      ok = false, bad(c_week, fmt::format("'{}' is not a week number (a whole number, 0 to {})", cell(c_week), kMaxWeeks));
    else o.week = static_cast<int>(*week);
    if (!parse_indicator(cell(c_ind), o.series))
      ok = false, bad(c_ind, fmt::format("'{}' is not an indicator: applying, adopted, skill, skill_trained, reaction or stage.<stage>", cell(c_ind)));
    std::string error;
    o.series.group = parse_group(cell(c_group), st, error);
    if (!error.empty()) ok = false, bad(c_group, error);
    if (ok) {
      if (const std::string why = unsupported(o.series); !why.empty()) ok = false, bad(c_group, why);
    }
    const auto value = parse_double(cell(c_value));
    // Written so that NaN is refused too.
    if (!value || !(*value >= 0 && *value <= 1)) ok = false, bad(c_value, fmt::format("'{}' is not a value between 0 and 1 (shares and scores are 0-1)", cell(c_value)));
    else o.value = *value;
    const auto n = parse_double(cell(c_n));
    if (!n || !(*n >= 1) || !std::isfinite(*n)) ok = false, bad(c_n, fmt::format("'{}' is not a sample size (a number, at least 1)", cell(c_n)));
    else o.n = *n;
    if (c_sd >= 0 && !cell(c_sd).empty()) {
      const auto sd = parse_double(cell(c_sd));
      if (!sd || !(*sd > 0) || !std::isfinite(*sd)) ok = false, bad(c_sd, fmt::format("'{}' is not a standard deviation (a number above 0, or empty)", cell(c_sd)));
      else if (is_share(o.series.indicator)) ok = false, bad(c_sd, "a share's spread follows from n; leave sd empty");
      else o.sd = *sd;
    }
    if (ok) out.push_back(o);
  }
  return out;
}

std::vector<Observation> read_cumulative(const CsvTable& t, const DataSource& src, const Structure& st, std::vector<Diagnostic>& problems) {
  std::vector<Observation> out;
  const int c_comm = t.column("community"), c_period = t.column("period"), c_actors = t.column("n_actors"), c_cum = t.column("cum_adopters");
  bool missing = false;
  for (auto [col, name] : {std::pair{c_comm, "community"}, {c_period, "period"}, {c_actors, "n_actors"}, {c_cum, "cum_adopters"}})
    if (col < 0 && !t.header.empty()) {
      problems.push_back({t.path, 1, 1, name, "missing column (cumulative_adoption needs community, period, n_actors, cum_adopters)"});
      missing = true;
    }
  if (missing || t.header.empty()) return out;
  for (const auto& row : t.rows) {
    const auto cell = [&](int c) -> const std::string& { return row.cells[static_cast<std::size_t>(c)]; };
    auto bad = [&](int c, const std::string& message) { problems.push_back({t.path, row.line, c + 1, t.header[static_cast<std::size_t>(c)], message}); };
    const std::string& community = cell(c_comm);
    if (std::find(src.communities.begin(), src.communities.end(), community) == src.communities.end()) continue;  // not asked for
    Observation o;
    o.line = row.line;
    o.source = t.path;
    o.series.indicator = Indicator::adopted;
    std::string error;
    o.series.group = parse_group(community == "all" ? "everyone" : "team:" + community, st, error);
    bool ok = true;
    if (!error.empty()) ok = false, bad(c_comm, error);
    const auto period = parse_integer(cell(c_period));
    const auto actors = parse_integer(cell(c_actors));
    const auto cum = parse_integer(cell(c_cum));
    // In full width: period x weeks_per_period must be a week of some horizon (4294967297 is not 1).
    if (!period || *period < 1) ok = false, bad(c_period, fmt::format("'{}' is not a period (a whole number, 1 or more)", cell(c_period)));
    else if (*period > kMaxWeeks / std::max(src.weeks_per_period, 1))
      ok = false, bad(c_period, fmt::format("period {} is week {} at {} weeks per period, beyond the longest horizon of {} weeks", *period,
                                            static_cast<long double>(*period) * src.weeks_per_period, src.weeks_per_period, kMaxWeeks));
    if (!actors || *actors < 1) ok = false, bad(c_actors, fmt::format("'{}' is not a number of people", cell(c_actors)));
    if (!cum || *cum < 0 || (actors && *cum > *actors)) ok = false, bad(c_cum, fmt::format("'{}' is not a count of adopters between 0 and n_actors", cell(c_cum)));
    if (!ok) continue;
    o.week = static_cast<int>(*period) * src.weeks_per_period;
    o.n = static_cast<double>(*actors);
    o.value = static_cast<double>(*cum) / static_cast<double>(*actors);
    out.push_back(o);
  }
  return out;
}

}  // namespace

std::vector<Observation> read_observations(const DataSource& src, const Structure& st, std::vector<Diagnostic>& problems) {
  const std::size_t before = problems.size();
  const CsvTable t = read_csv(src.file, problems);
  std::vector<Observation> out = src.format == DataFormat::observations ? read_rows(t, st, problems) : read_cumulative(t, src, st, problems);
  // The same quantity observed twice in a week is a mistake in the file, not two samples.
  // (In linear time: large data files must not make reading quadratic.)
  std::unordered_map<std::string, int> first_line;
  for (const auto& o : out)
    if (auto [it, fresh] = first_line.emplace(fmt::format("{}@{}", o.series.label(), o.week), o.line); !fresh)
      problems.push_back({t.path, o.line, 1, "", fmt::format("{} in week {} is already observed on line {}", o.series.label(), o.week, it->second)});
  if (out.empty() && problems.size() == before) problems.push_back({t.path, 1, 1, "", "no observations in the file"});
  return out;
}

}  // namespace adoptsim::calibration
