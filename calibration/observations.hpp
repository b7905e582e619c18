// Observed data as the calibration sees it: one survey or observation result per row, e.g.
// "in week 26, 41 % of the 120 supervisors asked apply the method". Plain data; the CSV reader
// is in read_observations.cpp, the file format in calibration/README.md.
#pragma once
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "domain.hpp"
#include "organisation.hpp"
#include "result.hpp"

namespace adoptsim::calibration {

// What was measured. Shares are of the group's people; means are over its people.
enum class Indicator : std::uint8_t {
  applying,       // share applying the method now (stage change or maintenance; Kirkpatrick L3)
  adopted,        // share who applied it at least once by that week (cumulative adoption)
  stage,          // share in one stage (Observation::stage)
  skill,          // mean skill of the method's users (Kirkpatrick L2)
  skill_trained,  // mean skill of the trained method's users (the engine's L2 series)
  reaction        // running mean session reaction score (Kirkpatrick L1)
};
inline constexpr std::array<std::string_view, 6> kIndicatorNames{"applying", "adopted", "stage", "skill", "skill_trained", "reaction"};
inline constexpr bool is_share(Indicator i) { return i == Indicator::applying || i == Indicator::adopted || i == Indicator::stage; }

// Whose value it is.
enum class GroupKind : std::uint8_t { everyone, users, role, category, team };
struct Group {
  GroupKind kind = GroupKind::users;
  int index = 0;     // role, category or team index
  std::string name;  // as written: everyone, users, role:supervisor, category:laggard, team:Assembly 1
  bool operator==(const Group& o) const { return kind == o.kind && index == o.index; }
};

// One indicator of one group over time: what a fitted curve is drawn for.
struct Series {
  Indicator indicator = Indicator::applying;
  Stage stage = Stage::change;  // for Indicator::stage
  Group group;
  std::string label() const;    // "applying | users", "stage.insight | team:North"
  bool operator==(const Series& o) const { return indicator == o.indicator && (indicator != Indicator::stage || stage == o.stage) && group == o.group; }
};

struct Observation {
  int week = 0;
  Series series;
  double value = 0;
  double n = 0;               // sample size: people asked or observed
  double sd = std::nan("");   // standard deviation among them (means only; NaN: not given)
  int line = 0;               // line in the data file, for messages
  std::string source;         // the data file
};

// The series' value in one replicate at `week` (NaN where it is undefined, e.g. no session yet
// for the reaction score, or a group without people). `structure` is the replicate's organisation.
double series_value(const Series& s, const RunResult& run, const Structure& structure, int week);

// The distinct series of a data set, in order of first appearance.
std::vector<Series> distinct_series(const std::vector<Observation>& obs);

// Why a series cannot be computed from the engine's outputs, or empty when it can. The engine
// records skill per users' population and the reaction score for everyone who attends sessions,
// so those indicators have one group each.
std::string unsupported(const Series& s);

}  // namespace adoptsim::calibration
