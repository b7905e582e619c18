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
// Every dataset with a replicate (or occurrence, firing) axis grows along it as replicates are
// appended (h5_append.hpp), with its coordinate: the same writer makes the file of an ensemble in
// memory (write_results_h5) and streams a big one to disk one replicate at a time (ResultsStream).
#include "results_h5.hpp"

#include <H5Cpp.h>
#include "adoptsim_version.hpp"
#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "atomic_file.hpp"
#include "h5_append.hpp"
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

// Writes the datasets of a results file one replicate at a time: every dataset grows along its
// replicate (or occurrence, firing) axis as replicates are appended, so an ensemble never has to be
// held in memory and a stopped run can be continued from the rows already in the file.
class Writer {
 public:
  // The axes that grow; a checkpoint records the rows of each.
  enum Axis { replicate_axis, occurrence_axis, firing_axis, firing_offset_axis, team_entry_axis, kAxes };
  using Rows = std::array<hsize_t, kAxes>;

  // fresh: creates the groups and datasets (empty); otherwise opens those of an earlier Writer.
  Writer(H5::H5File& file, const RunMetadata& meta, const RunResult& shape, bool fresh)
      : file_(file), meta_(meta), fresh_(fresh),
        rows_(static_cast<hsize_t>(shape.weeks) + 1),
        people_(static_cast<hsize_t>(shape.people)),
        teams_(static_cast<hsize_t>(shape.teams)) {
    shape_.weeks = shape.weeks;
    shape_.people = shape.people;
    shape_.teams = shape.teams;
    timeseries();
    agents();
    replicates();
    occurrences();
    programme();
    if (!meta_.rule_names.empty()) rule_firings();
    if (!meta_.phase_names.empty()) phases();
  }

  hsize_t replicates_written() const { return rows_of_[replicate_axis]; }
  const Rows& rows_written() const { return rows_of_; }
  const RunResult& shape() const { return shape_; }

  void append(const RunResult& r) {
    check_run_shape(r, static_cast<std::size_t>(rows_of_[replicate_axis]), shape_);
    for (const Occurrence& o : r.occurrences)
      if (o.intervention < 0 || static_cast<std::size_t>(o.intervention) >= meta_.intervention_names.size())
        throw std::runtime_error(fmt::format("replicate {}: occurrence of intervention {} in week {}, but metadata names {} interventions",
                                             rows_of_[replicate_axis], o.intervention, o.week, meta_.intervention_names.size()));
    for (auto& sink : sinks_) sink.append(r, rows_of_[replicate_axis]);
    sync_rows();
  }

  // The rows every dataset has (they agree after whole appends), and cutting them back to a checkpoint.
  void sync_rows() {
    for (auto& sink : sinks_) rows_of_[sink.axis] = sink.rows();
  }
  void truncate(const Rows& rows) {
    for (auto& sink : sinks_) sink.truncate(rows[sink.axis]);
    rows_of_ = rows;
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

 private:
  struct Sink {
    std::function<void(const RunResult&, hsize_t row)> append;
    std::function<hsize_t()> rows;
    std::function<void(hsize_t)> truncate;
    Axis axis = replicate_axis;
  };

  // Descriptions, axis names and fixed coordinates are written when the file is made, not again
  // when it is reopened to continue.
  void describe(H5::DataSet& ds, std::string_view description, std::string_view units, std::initializer_list<std::string_view> axes) {
    if (fresh_) h5::describe(ds, description, units, axes);
  }
  template <class Range>
  void set_names(H5::H5Object& obj, const char* name, const Range& names) {
    if (fresh_) h5::set_names(obj, name, names);
  }
  void set_text(H5::H5Object& obj, const char* name, std::string_view value) {
    if (fresh_) h5::set_text(obj, name, value);
  }
  template <class Range>
  void labels(H5::Group& g, const char* name, const Range& names, std::string_view description) {
    if (fresh_) h5::labels(g, name, names, description);
  }

  template <class T, class Fill>
  H5::DataSet add(H5::Group& g, const char* name, const Dims& inner, Axis axis, Fill fill) {
    auto a = appendable<T>(g, name, inner);
    sinks_.push_back({[a, fill](const RunResult& r, hsize_t row) { fill(*a, r, row); }, [a] { return a->rows(); },
                      [a](hsize_t n) { a->truncate(n); }, axis});
    return a->dataset();
  }

  H5::Group group(const char* name) { return fresh_ ? file_.createGroup(name) : file_.openGroup(name); }

  template <class T>
  H5::DataSet series(H5::Group& g, const char* name, const std::vector<T> RunResult::*member, const Dims& per_week) {
    Dims inner{rows_};
    inner.insert(inner.end(), per_week.begin(), per_week.end());
    return add<T>(g, name, inner, replicate_axis, [member](Appendable<T>& a, const RunResult& r, hsize_t) { a.append((r.*member).data(), 1); });
  }

  template <class T>
  H5::DataSet per_person(H5::Group& g, const char* name, const std::vector<T> RunResult::*member) {
    return add<T>(g, name, {people_}, replicate_axis, [member](Appendable<T>& a, const RunResult& r, hsize_t) { a.append((r.*member).data(), 1); });
  }

  template <class T, class Get>
  H5::DataSet per_replicate(H5::Group& g, const char* name, Get get) {
    return add<T>(g, name, {}, replicate_axis, [get](Appendable<T>& a, const RunResult& r, hsize_t) {
      const T v = static_cast<T>(get(r));
      a.append(&v, 1);
    });
  }

  // One row per element of a per-replicate list (occurrences, firings); get(row of the replicate, element).
  template <class T, class List, class Get>
  H5::DataSet per_element(H5::Group& g, const char* name, Axis axis, List list, Get get) {
    return add<T>(g, name, {}, axis, [list, get](Appendable<T>& a, const RunResult& r, hsize_t row) {
      std::vector<T> v;
      for (const auto& e : r.*list) v.push_back(static_cast<T>(get(row, e)));
      a.append(v.data(), v.size());
    });
  }
  template <class T, class Get>
  H5::DataSet per_occurrence(H5::Group& g, const char* name, Get get) {
    return per_element<T>(g, name, occurrence_axis, &RunResult::occurrences, get);
  }
  template <class T, class Get>
  H5::DataSet per_firing(H5::Group& g, const char* name, Get get) {
    return per_element<T>(g, name, firing_axis, &RunResult::firings, get);
  }

  // A growing coordinate: the replicate numbers, or the running index of the occurrences, firings, ...
  void replicate_coordinate(H5::Group& g) {
    H5::DataSet ds = per_replicate<std::int32_t>(g, "replicate", [](const RunResult& r) { return r.replicate; });
    describe(ds, "Replicate number: with the root seed it reproduces the replicate.", "", {"replicate"});
  }
  std::shared_ptr<Appendable<std::int32_t>> index_coordinate(H5::Group& g, const char* name, Axis axis,
                                                             std::function<hsize_t(const RunResult&)> count) {
    auto a = appendable<std::int32_t>(g, name);
    sinks_.push_back({[a, count](const RunResult& r, hsize_t) {
                        std::vector<std::int32_t> v(count(r));
                        for (std::size_t k = 0; k < v.size(); ++k) v[k] = static_cast<std::int32_t>(a->rows() + k);
                        a->append(v.data(), v.size());
                      },
                      [a] { return a->rows(); }, [a](hsize_t n) { a->truncate(n); }, axis});
    describe(a->dataset(), "Position along the axis (0-based).", "", {name});
    return a;
  }
  template <class T>
  std::shared_ptr<Appendable<T>> appendable(H5::Group& g, const char* name, const Dims& inner = {}) {
    return std::make_shared<Appendable<T>>(fresh_ ? Appendable<T>::create(g, name, inner) : Appendable<T>::open(g, name));
  }

  void timeseries() {
    H5::Group g = group("timeseries");
    const std::string& money = meta_.currency;
    const std::vector<std::string> cost_rows = cost_row_names();
    H5::DataSet ds;
    replicate_coordinate(g);
    std::vector<std::int32_t> weeks(rows_);
    for (std::size_t t = 0; t < weeks.size(); ++t) weeks[t] = static_cast<std::int32_t>(t);
    if (fresh_) coordinate(g, "week", weeks, "Week of the programme: 0 is the state before the first week, each row the state after its week.", "week");
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
    H5::Group g = group("agents");
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
    H5::Group g = group("replicates");
    const std::string& money = meta_.currency;
    H5::DataSet ds;
    replicate_coordinate(g);
    labels(g, "cost_row", cost_row_names(), "Intervention type, or the programme's fixed costs.");
    labels(g, "cost_kind", kCostKindNames, "Kind of cost.");
    ds = per_replicate<std::int32_t>(g, "goal_week", [](const RunResult& r) { return r.goal_week; });
    describe(ds, "First week the goal share was reached, -1 never.", "week", {"replicate"});
    ds = per_replicate<double>(g, "total_cost", [](const RunResult& r) { return r.total_cost; });
    describe(ds, "Total cost of the programme over the run.", money, {"replicate"});
    ds = per_replicate<double>(g, "cost_per_adopter", [](const RunResult& r) { return r.cost_per_adopter; });
    describe(ds, "Total cost per method user applying at the end (inf when none applies).", money, {"replicate"});
    ds = per_replicate<std::int32_t>(g, "applying_final", [](const RunResult& r) { return r.applying_final; });
    describe(ds, "Method's users applying the method at the end of the run.", "people", {"replicate"});
    ds = per_replicate<float>(g, "peak_resistance", [](const RunResult& r) { return r.peak_resistance; });
    describe(ds, "Highest weekly mean resistance of the method's users.", "resistance 0-1", {"replicate"});
    ds = add<double>(g, "cost_matrix", {kCostRows, kCostKinds}, replicate_axis,
                     [](Appendable<double>& a, const RunResult& r, hsize_t) { a.append(r.cost_matrix.data(), 1); });
    describe(ds, "Cost of the whole run per intervention type (and the programme's fixed costs) and kind of cost.", money,
             {"replicate", "cost_row", "cost_kind"});
    set_names(ds, "cost_rows", cost_row_names());
    set_names(ds, "cost_kinds", kCostKindNames);
  }

  void occurrences() {
    H5::Group g = group("occurrences");
    set_text(g, "description", "Every intervention occurrence of every replicate: one row per occurrence, columns as datasets.");
    const std::string& money = meta_.currency;
    H5::DataSet ds;
    index_coordinate(g, "occurrence", occurrence_axis, [](const RunResult& r) { return r.occurrences.size(); });
    ds = per_occurrence<std::int32_t>(g, "replicate", [](hsize_t r, const Occurrence&) { return r; });
    describe(ds, "Row of the replicate in the R axis of the other groups.", "", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "week", [](hsize_t, const Occurrence& o) { return o.week; });
    describe(ds, "Week of the occurrence.", "week", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "intervention", [](hsize_t, const Occurrence& o) { return o.intervention; });
    describe(ds, "Intervention of the scenario's programme (index into /programme/intervention).", "", {"occurrence"});
    set_text(ds, "labels", "/programme/intervention");
    ds = per_occurrence<std::int8_t>(g, "type", [](hsize_t, const Occurrence& o) { return idx(o.type); });
    describe(ds, "Intervention type (index into `intervention_types`).", "", {"occurrence"});
    set_names(ds, "intervention_types", kInterventionTypeNames);
    ds = per_occurrence<std::int32_t>(g, "targeted", [](hsize_t, const Occurrence& o) { return o.targeted; });
    describe(ds, "People in the intervention's target that week.", "people", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "attendees", [](hsize_t, const Occurrence& o) { return o.attendees; });
    describe(ds, "People who attended.", "people", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "groups", [](hsize_t, const Occurrence& o) { return o.groups; });
    describe(ds, "Groups the attendees were split into (one session each).", "groups", {"occurrence"});
    ds = per_occurrence<double>(g, "cost", [](hsize_t, const Occurrence& o) { return o.cost; });
    describe(ds, "Cost of the occurrence, evaluation share included.", money, {"occurrence"});
    ds = per_occurrence<float>(g, "mean_safety", [](hsize_t, const Occurrence& o) { return o.mean_safety; });
    describe(ds, "Mean perceived safety of the attendees (0 without attendees).", "safety 0-1", {"occurrence"});
    ds = per_occurrence<float>(g, "mean_gain", [](hsize_t, const Occurrence& o) { return o.mean_gain; });
    describe(ds, "Mean skill gained by the attendees.", "skill 0-1", {"occurrence"});
    ds = per_occurrence<float>(g, "mean_reaction", [](hsize_t, const Occurrence& o) { return o.mean_reaction; });
    describe(ds, "Mean reaction score of the attendees (Kirkpatrick L1).", "score 0-1", {"occurrence"});
    ds = per_occurrence<float>(g, "mean_stress", [](hsize_t, const Occurrence& o) { return o.mean_stress; });
    describe(ds, "Mean stress of the attendees: how far the challenge exceeded their safety.", "stress 0-1", {"occurrence"});
  }

  void programme() {
    H5::Group g = group("programme");
    set_text(g, "description", "The scenario's programme: the interventions occurrences refer to.");
    labels(g, "intervention", meta_.intervention_names, "Name of each intervention of the scenario's programme, in order.");
  }

  // docs/ODD.md §3.3.13: every firing of every replicate, one row each; its teams as a ragged
  // list (team_offset[k] .. team_offset[k + 1] in `teams`; none = the whole organisation).
  void rule_firings() {
    H5::Group g = group("rule_firings");
    set_text(g, "description", "Every firing of a programme rule in every replicate: one row per firing, columns as datasets.");
    labels(g, "rule_name", meta_.rule_names, "Name of the rule in the scenario.");
    labels(g, "team", meta_.team_names, "Team name.");
    index_coordinate(g, "firing", firing_axis, [](const RunResult& r) { return r.firings.size(); });
    auto offset_index = index_coordinate(g, "firing_plus_one", firing_offset_axis, [](const RunResult& r) { return r.firings.size(); });
    index_coordinate(g, "team_entry", team_entry_axis, [](const RunResult& r) {
      hsize_t n = 0;
      for (const RuleFiring& f : r.firings) n += f.teams.size();
      return n;
    });
    H5::DataSet ds = per_firing<std::int32_t>(g, "replicate", [](hsize_t row, const RuleFiring&) { return row; });
    describe(ds, "Row of the replicate in the R axis of the other groups.", "", {"firing"});
    ds = per_firing<std::int32_t>(g, "week", [](hsize_t, const RuleFiring& f) { return f.week; });
    describe(ds, "Check week at which the rule fired (it read the state at the end of the week before).", "week", {"firing"});
    ds = per_firing<std::int32_t>(g, "rule", [](hsize_t, const RuleFiring& f) { return f.rule; });
    describe(ds, "Rule of the scenario (index into `rule_name`).", "", {"firing"});
    ds = per_firing<double>(g, "value", [](hsize_t, const RuleFiring& f) { return f.value; });
    describe(ds, "What the rule observed when it fired.", "", {"firing"});
    // team_offset has one row more than there are firings: its first row, 0, is written with the file.
    auto offsets = appendable<std::int32_t>(g, "team_offset");
    auto teams = appendable<std::int32_t>(g, "teams");
    if (fresh_) {
      const std::int32_t zero = 0;
      offsets->append(&zero, 1);
      offset_index->append(&zero, 1);
    }
    sinks_.push_back({[offsets, teams](const RunResult& r, hsize_t) {
                        std::vector<std::int32_t> v;
                        auto end = static_cast<std::int32_t>(teams->rows());  // the teams sink runs after this one
                        for (const RuleFiring& f : r.firings) v.push_back(end += static_cast<std::int32_t>(f.teams.size()));
                        offsets->append(v.data(), v.size());
                      },
                      [offsets] { return offsets->rows(); }, [offsets](hsize_t n) { offsets->truncate(n); }, firing_offset_axis});
    describe(offsets->dataset(), "Firing k fired for teams[team_offset[k] .. team_offset[k+1]); none = the whole organisation.", "",
             {"firing_plus_one"});
    sinks_.push_back({[teams](const RunResult& r, hsize_t) {
                        std::vector<std::int32_t> v;
                        for (const RuleFiring& f : r.firings) v.insert(v.end(), f.teams.begin(), f.teams.end());
                        teams->append(v.data(), v.size());
                      },
                      [teams] { return teams->rows(); }, [teams](hsize_t n) { teams->truncate(n); }, team_entry_axis});
    describe(teams->dataset(), "Team indices of the firings, concatenated (see team_offset; names in `team`).", "", {"team_entry"});
  }

  void phases() {
    H5::Group g = group("phases");
    set_text(g, "description", "Week each phase of the programme started, per replicate (-1: it never started).");
    labels(g, "phase", meta_.phase_names, "Name of the phase in the scenario.");
    replicate_coordinate(g);
    const std::size_t n = meta_.phase_names.size();
    H5::DataSet ds = add<std::int32_t>(g, "start", {static_cast<hsize_t>(n)}, replicate_axis, [n](Appendable<std::int32_t>& a, const RunResult& r, hsize_t) {
      std::vector<std::int32_t> start(n);
      for (std::size_t p = 0; p < n; ++p) start[p] = p < r.phase_start.size() ? r.phase_start[p] : -1;
      a.append(start.data(), 1);
    });
    describe(ds, "Start week of each phase.", "week", {"replicate", "phase"});
  }

  H5::H5File& file_;
  const RunMetadata& meta_;
  bool fresh_;
  hsize_t rows_, people_, teams_;
  RunResult shape_;
  std::vector<Sink> sinks_;
  Rows rows_of_{};
};

}  // namespace

void write_results_h5(const std::filesystem::path& path, const RunMetadata& meta, const std::vector<RunResult>& runs) {
  check_ensemble_shape(runs);
  check_metadata(meta, runs);
  write_file(path, [&](H5::H5File& file) {
    Writer w(file, meta, runs.front(), true);
    for (const RunResult& r : runs) w.append(r);
    w.root_attributes();
  });
}

namespace {

constexpr const char* kCheckpointKey = "checkpoint_key";
constexpr const char* kCheckpointRows = "checkpoint_rows";  // weeks, people, teams, then the rows of each growing axis
constexpr int kCheckpointFields = 3 + Writer::kAxes;
static_assert(std::tuple_size_v<decltype(StreamCheckpoint::rows)> == Writer::kAxes);

template <class F>
auto hdf5(const std::filesystem::path& path, const char* what, F f) {
  try {
    return f();
  } catch (const H5::Exception& e) {
    throw std::runtime_error(fmt::format("{} {}: HDF5: {} {}", what, path.string(), e.getFuncName(), e.getDetailMsg()));
  }
}

void remove_attribute(H5::H5Object& obj, const char* name) {
  if (obj.attrExists(name)) obj.removeAttr(name);
}

}  // namespace

struct ResultsStream::State {
  std::filesystem::path path;
  RunMetadata meta;
  H5::H5File file;
  std::unique_ptr<Writer> writer;
  bool failed = false;  // a write failed: HDF5's state of the file is not to be trusted
};

namespace {

// HDF5 1.10 crashes (SIGSEGV in H5F__close) when it closes a file whose metadata it could not
// write, e.g. on a full disk. So a stream never lets HDF5 run out of space: before each write it
// checks that the file system has room for the data (uncompressed) and a margin for the metadata,
// and fails with ENOSPC's message itself. Should a write fail anyway, the file is abandoned, never
// closed (see ~ResultsStream), and the command line tells HDF5 not to close files at exit.
constexpr std::uintmax_t kMetadataMargin = 1 << 20;

std::uintmax_t bytes_of(const RunResult& r) {
  std::uintmax_t n = 0;
  auto add = [&n](const auto& v) { n += v.size() * sizeof(v[0]); };
  add(r.applying), add(r.goal_share), add(r.stage_counts), add(r.stage_category_role), add(r.applying_by_category);
  add(r.stage_by_team), add(r.needs_mean), add(r.needs_by_category), add(r.skill_mean), add(r.resistance_mean), add(r.workload);
  add(r.cost_cumulative), add(r.cost_by_type_cumulative), add(r.kirkpatrick), add(r.attendance), add(r.leavers_cumulative);
  add(r.category), add(r.role), add(r.stage), add(r.team), add(r.adoption_week), add(r.relapses), add(r.sessions), add(r.skill);
  n += r.occurrences.size() * 64 + r.firings.size() * 32 + sizeof r.cost_matrix;
  return n;
}

void ensure_space(const std::filesystem::path& file, std::uintmax_t data) {
  std::error_code ec;
  const auto info = std::filesystem::space(file.parent_path().empty() ? "." : file.parent_path(), ec);
  if (ec) return;  // not knowable here: HDF5 will tell
  if (info.available < data + kMetadataMargin)
    throw std::runtime_error(fmt::format("writing {}: No space left on device ({} kB free, at least {} kB needed)", file.string(),
                                         info.available / 1024, (data + kMetadataMargin + 1023) / 1024));
}

std::vector<std::unique_ptr<ResultsStream::State>>& abandoned() {
  static auto* files = new std::vector<std::unique_ptr<ResultsStream::State>>;  // reachable to the end: not a leak
  return *files;
}

}  // namespace

template <class F>
void ResultsStream::guarded(const char* what, F f) {
  try {
    hdf5(state_->path, what, f);
  } catch (...) {
    state_->failed = true;
    throw;
  }
}

ResultsStream::ResultsStream(const std::filesystem::path& path, RunMetadata meta) : state_(std::make_unique<State>()) {
  state_->path = path;
  state_->meta = std::move(meta);
  remove_stale_temporaries_once(path.parent_path());  // what killed runs left beside it (issue 13, finding 8)
  ensure_space(path, 0);
  guarded("creating", [&] { state_->file = H5::H5File(path.string(), H5F_ACC_TRUNC); });
}

ResultsStream::ResultsStream(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsStream::ResultsStream(ResultsStream&&) noexcept = default;
ResultsStream& ResultsStream::operator=(ResultsStream&&) noexcept = default;

ResultsStream::~ResultsStream() {
  if (!state_) return;
  if (state_->failed) {  // closing it could crash HDF5: keep it open (and its handles) until the process ends
    abandoned().push_back(std::move(state_));
    return;
  }
  try {
    state_->writer.reset();
    state_->file.close();
  } catch (...) {
  }
}

std::optional<StreamCheckpoint> read_stream_checkpoint(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return std::nullopt;
  try {
    H5::Exception::dontPrint();
    const H5::H5File f(path.string(), H5F_ACC_RDONLY);
    if (!f.attrExists(kCheckpointKey) || !f.attrExists(kCheckpointRows)) return std::nullopt;
    StreamCheckpoint c;
    const H5::Attribute key = f.openAttribute(kCheckpointKey);
    key.read(key.getStrType(), c.key);
    const H5::Attribute a = f.openAttribute(kCheckpointRows);
    if (a.getSpace().getSimpleExtentNpoints() != kCheckpointFields) return std::nullopt;  // another version's checkpoint
    std::array<std::int64_t, kCheckpointFields> rows{};
    a.read(H5::PredType::NATIVE_INT64, rows.data());
    c.weeks = static_cast<int>(rows[0]);
    c.people = static_cast<int>(rows[1]);
    c.teams = static_cast<int>(rows[2]);
    for (int k = 0; k < Writer::kAxes; ++k) c.rows[static_cast<std::size_t>(k)] = rows[static_cast<std::size_t>(3 + k)];
    c.replicates = c.rows[Writer::replicate_axis];
    return c;
  } catch (const H5::Exception&) {
    return std::nullopt;  // a file cut short by a crash: not a checkpoint to continue from
  }
}

ResultsStream ResultsStream::resume(const std::filesystem::path& path, RunMetadata meta, const std::string& key) {
  const auto c = read_stream_checkpoint(path);
  if (!c) throw std::runtime_error(fmt::format("{} holds no checkpoint to continue from", path.string()));
  if (c->key != key) throw std::runtime_error(fmt::format("the checkpoint {} was made by a different command or scenario", path.string()));
  auto state = std::make_unique<State>();
  state->path = path;
  state->meta = std::move(meta);
  hdf5(path, "continuing", [&] {
    state->file = H5::H5File(path.string(), H5F_ACC_RDWR);
    if (c->replicates > 0) {
      RunResult shape;
      shape.weeks = c->weeks;
      shape.people = c->people;
      shape.teams = c->teams;
      state->writer = std::make_unique<Writer>(state->file, state->meta, shape, false);
      state->writer->sync_rows();
      Writer::Rows rows{};
      for (std::size_t k = 0; k < rows.size(); ++k) rows[k] = static_cast<hsize_t>(c->rows[k]);
      state->writer->truncate(rows);
    } else if (state->file.nameExists("timeseries")) {
      throw std::runtime_error(fmt::format("{}: datasets without replicates at the checkpoint; remove it and start again", path.string()));
    }
  });
  return ResultsStream(std::move(state));
}

std::int64_t ResultsStream::replicates() const {
  return state_->writer ? static_cast<std::int64_t>(state_->writer->replicates_written()) : 0;
}

void ResultsStream::append(const RunResult& r) {
  ensure_space(state_->path, bytes_of(r));
  guarded("writing", [&] {
    if (!state_->writer) {
      const RunMetadata& meta = state_->meta;
      if (meta.weeks != r.weeks) throw std::runtime_error(fmt::format("metadata says {} weeks, but the runs have {}", meta.weeks, r.weeks));
      if (meta.team_names.size() != static_cast<std::size_t>(r.teams))
        throw std::runtime_error(fmt::format("metadata names {} teams, but the runs have {}", meta.team_names.size(), r.teams));
      state_->writer = std::make_unique<Writer>(state_->file, meta, r, true);
    }
    state_->writer->append(r);
  });
}

void ResultsStream::checkpoint(const std::string& key) {
  ensure_space(state_->path, 0);
  guarded("writing", [&] {
    H5::H5File& f = state_->file;
    remove_attribute(f, kCheckpointKey);
    remove_attribute(f, kCheckpointRows);
    set_text(f, kCheckpointKey, key);
    const RunResult* shape = state_->writer ? &state_->writer->shape() : nullptr;
    std::array<std::int64_t, kCheckpointFields> rows{shape ? shape->weeks : 0, shape ? shape->people : 0, shape ? shape->teams : 0};
    if (state_->writer)
      for (int k = 0; k < Writer::kAxes; ++k) rows[static_cast<std::size_t>(3 + k)] = static_cast<std::int64_t>(state_->writer->rows_written()[static_cast<std::size_t>(k)]);
    const hsize_t n = rows.size();
    f.createAttribute(kCheckpointRows, H5::PredType::STD_I64LE, H5::DataSpace(1, &n)).write(H5::PredType::NATIVE_INT64, rows.data());
    f.flush(H5F_SCOPE_GLOBAL);
  });
}

void ResultsStream::finish() {
  if (replicates() != state_->meta.replicates)
    throw std::runtime_error(fmt::format("metadata says {} replicates, but {} were written", state_->meta.replicates, replicates()));
  ensure_space(state_->path, 0);
  guarded("writing", [&] {
    remove_attribute(state_->file, kCheckpointKey);
    remove_attribute(state_->file, kCheckpointRows);
    state_->writer->root_attributes();
    state_->writer.reset();
    state_->file.close();
  });
}

std::vector<unsigned char> results_h5_image(const RunMetadata& meta, const std::vector<RunResult>& runs) {
  check_ensemble_shape(runs);
  check_metadata(meta, runs);
  return file_image([&](H5::H5File& file) {
    Writer w(file, meta, runs.front(), true);
    for (const RunResult& r : runs) w.append(r);
    w.root_attributes();
  });
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
