// File layout (R replicates, T = weeks + 1 weekly rows, N people; row-major like RunResult):
//   /                  attributes: program_version, scenario_name, scenario_path, scenario (text),
//                      seed, replicates, weeks, created, threads
//   /timeseries/*      R x T [x axes named in the dataset's attributes]
//   /agents/*          R x N, each person at the end of the run
//   /replicates/*      R [x cost row x cost kind]: totals
//   /occurrences/*     one row per intervention occurrence of any replicate (parallel columns)
//   /programme/intervention  the names of the scenario's interventions (occurrence indices)
// Every dataset carries `description`, `axes` and, where it has one, `units`. Every axis is an
// HDF5 dimension scale: a coordinate dataset of its name in the same group (week, replicate,
// stage, category, role, need, team, cost_row, cost_kind, level, intervention_type, person,
// occurrence), so netCDF readers (xarray + h5netcdf) see named dimensions and their values.
// Code-valued datasets name the coordinate holding their codes' names in `labels`; short code
// lists are also repeated as attributes (`stages`, ...). Long lists (teams, interventions) are
// datasets only: an attribute cannot exceed HDF5's 64 KiB object header.
#include "results_h5.hpp"

#include <H5Cpp.h>
#include "adoptsim_version.hpp"
#include <fmt/format.h>

#include <array>
#include <initializer_list>
#include <stdexcept>
#include <string_view>

#include "atomic_file.hpp"
#include "h5_helpers.hpp"
#include "result_shape.hpp"

namespace adoptsim {

namespace {

using namespace h5;

std::vector<std::string> cost_row_names() {
  std::vector<std::string> names(kInterventionTypeNames.begin(), kInterventionTypeNames.end());
  names.emplace_back("programme");
  return names;
}

// Metadata that contradicts the runs would make a file that misleads its reader.
void check_metadata(const RunMetadata& meta, const std::vector<RunResult>& runs) {
  const RunResult& first = runs.front();
  if (meta.replicates != static_cast<int>(runs.size()))
    throw std::runtime_error(fmt::format("metadata says {} replicates, but {} runs are given", meta.replicates, runs.size()));
  if (meta.weeks != first.weeks)
    throw std::runtime_error(fmt::format("metadata says {} weeks, but the runs have {}", meta.weeks, first.weeks));
  if (meta.team_names.size() != static_cast<std::size_t>(first.teams))
    throw std::runtime_error(fmt::format("metadata names {} teams, but the runs have {}", meta.team_names.size(), first.teams));
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const Occurrence& o : runs[r].occurrences)
      if (o.intervention < 0 || static_cast<std::size_t>(o.intervention) >= meta.intervention_names.size())
        throw std::runtime_error(fmt::format("replicate {}: occurrence of intervention {} in week {}, but metadata names {} interventions",
                                             r, o.intervention, o.week, meta.intervention_names.size()));
}

class Writer {
 public:
  Writer(H5::H5File& file, const RunMetadata& meta, const std::vector<RunResult>& runs)
      : file_(file), meta_(meta), runs_(runs), replicates_(runs.size()),
        rows_(static_cast<hsize_t>(runs.front().weeks) + 1),
        people_(static_cast<hsize_t>(runs.front().people)),
        teams_(static_cast<hsize_t>(runs.front().teams)) {}

  void write() {
    root_attributes();
    timeseries();
    agents();
    replicates();
    occurrences();
    programme();
    if (!meta_.rule_names.empty()) rule_firings();
    if (!meta_.phase_names.empty()) phases();
  }

 private:
  template <class T>
  H5::DataSet series(H5::Group& g, const char* name, const std::vector<T> RunResult::*member, const Dims& per_week) {
    Dims inner{rows_};
    inner.insert(inner.end(), per_week.begin(), per_week.end());
    return write_by_replicate<T>(g, name, replicates_, inner, [&](std::size_t r) { return (runs_[r].*member).data(); });
  }

  template <class T>
  H5::DataSet per_person(H5::Group& g, const char* name, const std::vector<T> RunResult::*member) {
    return write_by_replicate<T>(g, name, replicates_, {people_}, [&](std::size_t r) { return (runs_[r].*member).data(); });
  }

  template <class T, class Get>
  std::vector<T> per_replicate(Get get) const {
    std::vector<T> v;
    for (const RunResult& r : runs_) v.push_back(static_cast<T>(get(r)));
    return v;
  }

  template <class T, class Get>
  std::vector<T> per_occurrence(Get get) const {
    std::vector<T> v;
    for (std::size_t r = 0; r < runs_.size(); ++r)
      for (const Occurrence& o : runs_[r].occurrences) v.push_back(static_cast<T>(get(r, o)));
    return v;
  }

  // The coordinates every group with a replicate x week layout shares.
  void replicate_coordinate(H5::Group& g) {
    coordinate(g, "replicate", per_replicate<std::int32_t>([](const RunResult& r) { return r.replicate; }),
               "Replicate number: with the root seed it reproduces the replicate.");
  }

  void root_attributes() {
    set_text(file_, "program_version", meta_.program_version);
    set_text(file_, "scenario_name", meta_.scenario_name);
    set_text(file_, "scenario_path", meta_.scenario_path);
    set_text(file_, "scenario", meta_.scenario_text);
    set_number<std::uint64_t>(file_, "seed", meta_.seed);
    set_number<std::int32_t>(file_, "replicates", meta_.replicates);
    set_number<std::int32_t>(file_, "weeks", meta_.weeks);
    set_text(file_, "created", meta_.created);
    set_number<std::int32_t>(file_, "threads", meta_.threads);
  }

  void timeseries() {
    H5::Group g = file_.createGroup("timeseries");
    const std::string& money = meta_.currency;
    const std::vector<std::string> cost_rows = cost_row_names();
    H5::DataSet ds;
    replicate_coordinate(g);
    std::vector<std::int32_t> weeks(rows_);
    for (std::size_t t = 0; t < weeks.size(); ++t) weeks[t] = static_cast<std::int32_t>(t);
    coordinate(g, "week", weeks, "Week of the programme: 0 is the state before the first week, each row the state after its week.", "week");
    labels(g, "stage", kStageNames, "Implementation stage.");
    labels(g, "category", kCategoryNames, "Rogers adopter category.");
    labels(g, "role", kRoleNames, "Role in the organisation.");
    labels(g, "need", kNeedNames, "Basic need.");
    labels(g, "team", meta_.team_names, "Team name.");
    labels(g, "cost_row", cost_rows, "Intervention type, or the programme's fixed costs.");
    labels(g, "level", kKirkpatrickNames, "Kirkpatrick level.");
    labels(g, "intervention_type", kInterventionTypeNames, "Intervention type.");

    ds = series(g, "applying", &RunResult::applying, {});
    describe(ds, "Share of the method's users (supervisors, foremen) applying the method (stage change or maintenance).",
             "share 0-1", {"replicate", "week"});
    ds = series(g, "goal_share", &RunResult::goal_share, {});
    describe(ds, "Share of the goal group applying the method.", "share 0-1", {"replicate", "week"});
    ds = series(g, "stage_counts", &RunResult::stage_counts, {kStages});
    describe(ds, "Method's users per implementation stage.", "people", {"replicate", "week", "stage"});
    set_names(ds, "stages", kStageNames);
    ds = series(g, "stage_category_role", &RunResult::stage_category_role, {kCategories, kRoles, kStages});
    describe(ds, "Everyone, counted by adopter category, role and stage.", "people", {"replicate", "week", "category", "role", "stage"});
    set_names(ds, "categories", kCategoryNames);
    set_names(ds, "roles", kRoleNames);
    set_names(ds, "stages", kStageNames);
    ds = series(g, "applying_by_category", &RunResult::applying_by_category, {kCategories});
    describe(ds, "Share of the method's users of each adopter category applying the method (NaN: none in the category).",
             "share 0-1", {"replicate", "week", "category"});
    set_names(ds, "categories", kCategoryNames);
    ds = series(g, "stage_by_team", &RunResult::stage_by_team, {teams_, kStages});
    describe(ds, "All members of each team (managers included), counted by implementation stage.", "people",
             {"replicate", "week", "team", "stage"});
    set_names(ds, "stages", kStageNames);
    ds = series(g, "needs_mean", &RunResult::needs_mean, {kNeeds});
    describe(ds, "Mean satisfaction of each basic need among the method's users.", "satisfaction 0-1", {"replicate", "week", "need"});
    set_names(ds, "needs", kNeedNames);
    ds = series(g, "needs_by_category", &RunResult::needs_by_category, {kCategories, kNeeds});
    describe(ds, "Mean need satisfaction of the method's users, per adopter category.", "satisfaction 0-1",
             {"replicate", "week", "category", "need"});
    set_names(ds, "categories", kCategoryNames);
    set_names(ds, "needs", kNeedNames);
    ds = series(g, "skill_mean", &RunResult::skill_mean, {});
    describe(ds, "Mean skill in the method of the method's users.", "skill 0-1", {"replicate", "week"});
    ds = series(g, "resistance_mean", &RunResult::resistance_mean, {});
    describe(ds, "Mean resistance of the method's users.", "resistance 0-1", {"replicate", "week"});
    ds = series(g, "workload", &RunResult::workload, {});
    describe(ds, "The organisation's workload.", "workload 0-1", {"replicate", "week"});
    ds = series(g, "cost_cumulative", &RunResult::cost_cumulative, {});
    describe(ds, "Total cost of the programme up to and including the week.", money, {"replicate", "week"});
    ds = series(g, "cost_by_type_cumulative", &RunResult::cost_by_type_cumulative, {kCostRows});
    describe(ds, "Cost up to and including the week, per intervention type and the programme's fixed costs.", money,
             {"replicate", "week", "cost_row"});
    set_names(ds, "cost_rows", cost_rows);
    ds = series(g, "kirkpatrick", &RunResult::kirkpatrick, {static_cast<hsize_t>(kKirkpatrickNames.size())});
    describe(ds, "Kirkpatrick levels: running reaction score, skill of the trained, share applying, results index.",
             "score 0-1", {"replicate", "week", "level"});
    set_names(ds, "levels", kKirkpatrickNames);
    ds = series(g, "attendance", &RunResult::attendance, {kInterventionTypes});
    describe(ds, "Attendees of sessions of each intervention type in the week.", "people", {"replicate", "week", "intervention_type"});
    set_names(ds, "intervention_types", kInterventionTypeNames);
    ds = series(g, "leavers_cumulative", &RunResult::leavers_cumulative, {});
    describe(ds, "People who left the organisation up to and including the week (their positions were refilled).", "people",
             {"replicate", "week"});
  }

  void agents() {
    H5::Group g = file_.createGroup("agents");
    H5::DataSet ds;
    replicate_coordinate(g);
    ds = per_person(g, "category", &RunResult::category);
    describe(ds, "Adopter category of each position's occupant at the end of the run (index into `categories`).", "",
             {"replicate", "person"});
    set_names(ds, "categories", kCategoryNames);
    ds = per_person(g, "role", &RunResult::role);
    describe(ds, "Role of each position (index into `roles`).", "", {"replicate", "person"});
    set_names(ds, "roles", kRoleNames);
    ds = per_person(g, "stage", &RunResult::stage);
    describe(ds, "Implementation stage at the end of the run (index into `stages`).", "", {"replicate", "person"});
    set_names(ds, "stages", kStageNames);
    ds = per_person(g, "team", &RunResult::team);
    describe(ds, "Team of each position (index into /timeseries/team).", "", {"replicate", "person"});
    set_text(ds, "labels", "/timeseries/team");
    ds = per_person(g, "adoption_week", &RunResult::adoption_week);
    describe(ds, "First week the occupant applied the method, -1 never.", "week", {"replicate", "person"});
    ds = per_person(g, "relapses", &RunResult::relapses);
    describe(ds, "Times the occupant fell back from applying to acceptance.", "relapses", {"replicate", "person"});
    ds = per_person(g, "sessions", &RunResult::sessions);
    describe(ds, "Intervention sessions the occupant attended.", "sessions", {"replicate", "person"});
    ds = per_person(g, "skill", &RunResult::skill);
    describe(ds, "Skill in the method at the end of the run.", "skill 0-1", {"replicate", "person"});
  }

  void replicates() {
    H5::Group g = file_.createGroup("replicates");
    const std::string& money = meta_.currency;
    H5::DataSet ds;
    replicate_coordinate(g);
    labels(g, "cost_row", cost_row_names(), "Intervention type, or the programme's fixed costs.");
    labels(g, "cost_kind", kCostKindNames, "Kind of cost.");
    ds = write_column(g, "goal_week", per_replicate<std::int32_t>([](const RunResult& r) { return r.goal_week; }));
    describe(ds, "First week the goal share was reached, -1 never.", "week", {"replicate"});
    ds = write_column(g, "total_cost", per_replicate<double>([](const RunResult& r) { return r.total_cost; }));
    describe(ds, "Total cost of the programme over the run.", money, {"replicate"});
    ds = write_column(g, "cost_per_adopter", per_replicate<double>([](const RunResult& r) { return r.cost_per_adopter; }));
    describe(ds, "Total cost per method user applying at the end (inf when none applies).", money, {"replicate"});
    ds = write_column(g, "applying_final", per_replicate<std::int32_t>([](const RunResult& r) { return r.applying_final; }));
    describe(ds, "Method's users applying the method at the end of the run.", "people", {"replicate"});
    ds = write_column(g, "peak_resistance", per_replicate<float>([](const RunResult& r) { return r.peak_resistance; }));
    describe(ds, "Highest weekly mean resistance of the method's users.", "resistance 0-1", {"replicate"});
    ds = write_by_replicate<double>(g, "cost_matrix", replicates_, {kCostRows, kCostKinds},
                                    [&](std::size_t r) { return runs_[r].cost_matrix.data(); });
    describe(ds, "Cost of the whole run per intervention type (and the programme's fixed costs) and kind of cost.", money,
             {"replicate", "cost_row", "cost_kind"});
    set_names(ds, "cost_rows", cost_row_names());
    set_names(ds, "cost_kinds", kCostKindNames);
  }

  void occurrences() {
    H5::Group g = file_.createGroup("occurrences");
    set_text(g, "description", "Every intervention occurrence of every replicate: one row per occurrence, columns as datasets.");
    const std::string& money = meta_.currency;
    H5::DataSet ds;
    ds = write_column(g, "replicate", per_occurrence<std::int32_t>([](std::size_t r, const Occurrence&) { return r; }));
    describe(ds, "Row of the replicate in the R axis of the other groups.", "", {"occurrence"});
    ds = write_column(g, "week", per_occurrence<std::int32_t>([](std::size_t, const Occurrence& o) { return o.week; }));
    describe(ds, "Week of the occurrence.", "week", {"occurrence"});
    ds = write_column(g, "intervention", per_occurrence<std::int32_t>([](std::size_t, const Occurrence& o) { return o.intervention; }));
    describe(ds, "Intervention of the scenario's programme (index into /programme/intervention).", "", {"occurrence"});
    set_text(ds, "labels", "/programme/intervention");
    ds = write_column(g, "type", per_occurrence<std::int8_t>([](std::size_t, const Occurrence& o) { return idx(o.type); }));
    describe(ds, "Intervention type (index into `intervention_types`).", "", {"occurrence"});
    set_names(ds, "intervention_types", kInterventionTypeNames);
    ds = write_column(g, "targeted", per_occurrence<std::int32_t>([](std::size_t, const Occurrence& o) { return o.targeted; }));
    describe(ds, "People in the intervention's target that week.", "people", {"occurrence"});
    ds = write_column(g, "attendees", per_occurrence<std::int32_t>([](std::size_t, const Occurrence& o) { return o.attendees; }));
    describe(ds, "People who attended.", "people", {"occurrence"});
    ds = write_column(g, "groups", per_occurrence<std::int32_t>([](std::size_t, const Occurrence& o) { return o.groups; }));
    describe(ds, "Groups the attendees were split into (one session each).", "groups", {"occurrence"});
    ds = write_column(g, "cost", per_occurrence<double>([](std::size_t, const Occurrence& o) { return o.cost; }));
    describe(ds, "Cost of the occurrence, evaluation share included.", money, {"occurrence"});
    ds = write_column(g, "mean_safety", per_occurrence<float>([](std::size_t, const Occurrence& o) { return o.mean_safety; }));
    describe(ds, "Mean perceived safety of the attendees (0 without attendees).", "safety 0-1", {"occurrence"});
    ds = write_column(g, "mean_gain", per_occurrence<float>([](std::size_t, const Occurrence& o) { return o.mean_gain; }));
    describe(ds, "Mean skill gained by the attendees.", "skill 0-1", {"occurrence"});
    ds = write_column(g, "mean_reaction", per_occurrence<float>([](std::size_t, const Occurrence& o) { return o.mean_reaction; }));
    describe(ds, "Mean reaction score of the attendees (Kirkpatrick L1).", "score 0-1", {"occurrence"});
    ds = write_column(g, "mean_stress", per_occurrence<float>([](std::size_t, const Occurrence& o) { return o.mean_stress; }));
    describe(ds, "Mean stress of the attendees: how far the challenge exceeded their safety.", "stress 0-1", {"occurrence"});
  }

  void programme() {
    H5::Group g = file_.createGroup("programme");
    set_text(g, "description", "The scenario's programme: the interventions occurrences refer to.");
    labels(g, "intervention", meta_.intervention_names, "Name of each intervention of the scenario's programme, in order.");
  }

  // docs/ODD.md §3.3.13: every firing of every replicate, one row each; its teams as a ragged
  // list (team_offset[k] .. team_offset[k + 1] in `teams`; none = the whole organisation).
  void rule_firings() {
    H5::Group g = file_.createGroup("rule_firings");
    set_text(g, "description", "Every firing of a programme rule in every replicate: one row per firing, columns as datasets.");
    std::vector<std::int32_t> replicate, week, rule, offset{0}, teams;
    std::vector<double> value;
    for (std::size_t r = 0; r < runs_.size(); ++r)
      for (const RuleFiring& f : runs_[r].firings) {
        replicate.push_back(static_cast<std::int32_t>(r));
        week.push_back(f.week);
        rule.push_back(f.rule);
        value.push_back(f.value);
        teams.insert(teams.end(), f.teams.begin(), f.teams.end());
        offset.push_back(static_cast<std::int32_t>(teams.size()));
      }
    labels(g, "rule_name", meta_.rule_names, "Name of the rule in the scenario.");
    labels(g, "team", meta_.team_names, "Team name.");
    H5::DataSet ds = write_column(g, "replicate", replicate);
    describe(ds, "Row of the replicate in the R axis of the other groups.", "", {"firing"});
    ds = write_column(g, "week", week);
    describe(ds, "Check week at which the rule fired (it read the state at the end of the week before).", "week", {"firing"});
    ds = write_column(g, "rule", rule);
    describe(ds, "Rule of the scenario (index into `rule_name`).", "", {"firing"});
    ds = write_column(g, "value", value);
    describe(ds, "What the rule observed when it fired.", "", {"firing"});
    ds = write_column(g, "team_offset", offset);
    describe(ds, "Firing k fired for teams[team_offset[k] .. team_offset[k+1]); none = the whole organisation.", "", {"firing_plus_one"});
    ds = write_column(g, "teams", teams);
    describe(ds, "Team indices of the firings, concatenated (see team_offset; names in `team`).", "", {"team_entry"});
  }

  void phases() {
    H5::Group g = file_.createGroup("phases");
    set_text(g, "description", "Week each phase of the programme started, per replicate (-1: it never started).");
    std::vector<std::int32_t> start;
    for (const RunResult& r : runs_)
      for (std::size_t p = 0; p < meta_.phase_names.size(); ++p) start.push_back(p < r.phase_start.size() ? r.phase_start[p] : -1);
    labels(g, "phase", meta_.phase_names, "Name of the phase in the scenario.");
    H5::DataSet ds = write_matrix(g, "start", start, runs_.size(), meta_.phase_names.size());
    describe(ds, "Start week of each phase.", "week", {"replicate", "phase"});
  }

  H5::H5File& file_;
  const RunMetadata& meta_;
  const std::vector<RunResult>& runs_;
  hsize_t replicates_, rows_, people_, teams_;
};

}  // namespace

void write_results_h5(const std::filesystem::path& path, const RunMetadata& meta, const std::vector<RunResult>& runs) {
  check_ensemble_shape(runs);
  check_metadata(meta, runs);
  write_file(path, [&](H5::H5File& file) { Writer(file, meta, runs).write(); });
}

std::vector<unsigned char> results_h5_image(const RunMetadata& meta, const std::vector<RunResult>& runs) {
  check_ensemble_shape(runs);
  check_metadata(meta, runs);
  return file_image([&](H5::H5File& file) { Writer(file, meta, runs).write(); });
}

RunMetadata run_metadata(const Scenario& s, const Structure& st, std::string path, std::string text, int threads, std::string created) {
  RunMetadata meta;
  meta.program_version = ADOPTSIM_VERSION;
  meta.scenario_name = s.name;
  meta.scenario_path = std::move(path);
  meta.scenario_text = std::move(text);
  meta.seed = s.seed;
  meta.replicates = s.replicates;
  meta.weeks = s.weeks;
  meta.created = std::move(created);
  meta.threads = threads;
  meta.currency = s.currency;
  meta.team_names = st.team_names;
  for (const auto& iv : s.programme) meta.intervention_names.push_back(iv.name);
  for (const auto& r : s.rules) meta.rule_names.push_back(r.name);
  for (const auto& p : s.phases) meta.phase_names.push_back(p.name);
  return meta;
}

}  // namespace adoptsim
