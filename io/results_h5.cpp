// File layout (R replicates, T = weeks + 1 weekly rows, N people; row-major like RunResult):
//   /                  attributes: program_version, scenario_name, scenario_path, scenario (text),
//                      seed, replicates, weeks, created, threads
//   /timeseries/*      R x T [x axes named in the dataset's attributes]
//   /agents/*          R x N, each person at the end of the run
//   /replicates/*      R [x cost row x cost kind]: totals
//   /occurrences/*     one row per intervention occurrence of any replicate (parallel columns)
// Every dataset carries `description`, `axes` and, where it has one, `units`; named axes carry
// their names (`stages`, `categories`, ...), and code-valued datasets the names of their codes.
#include "results_h5.hpp"

#include <H5Cpp.h>
#include <fmt/format.h>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <initializer_list>
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
// replicate (or occurrence) axis as replicates are appended, so an ensemble never has to be held
// in memory and a stopped run can be continued from the rows already in the file.
class Writer {
 public:
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
  }

  hsize_t replicates_written() const { return replicate_rows_; }
  hsize_t occurrences_written() const { return occurrence_rows_; }
  const RunResult& shape() const { return shape_; }

  void append(const RunResult& r) {
    check_run_shape(r, static_cast<std::size_t>(replicate_rows_), shape_);
    for (const Occurrence& o : r.occurrences)
      if (o.intervention < 0 || static_cast<std::size_t>(o.intervention) >= meta_.intervention_names.size())
        throw std::runtime_error(fmt::format("replicate {}: occurrence of intervention {} in week {}, but metadata names {} interventions",
                                             replicate_rows_, o.intervention, o.week, meta_.intervention_names.size()));
    for (auto& sink : sinks_) sink.append(r, replicate_rows_);
    ++replicate_rows_;
    occurrence_rows_ += r.occurrences.size();
  }

  // The rows every dataset has (they agree after whole appends), and cutting them back to a checkpoint.
  void sync_rows() {
    replicate_rows_ = sinks_.front().rows();
    occurrence_rows_ = 0;
    for (auto& sink : sinks_) {
      if (sink.per_occurrence) occurrence_rows_ = sink.rows();
    }
  }
  void truncate(hsize_t replicates, hsize_t occurrences) {
    for (auto& sink : sinks_) sink.truncate(sink.per_occurrence ? occurrences : replicates);
    replicate_rows_ = replicates;
    occurrence_rows_ = occurrences;
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
    bool per_occurrence = false;
  };

  // Descriptions and axis names are written when the dataset is made, not again when reopened.
  void describe(H5::DataSet& ds, std::string_view description, std::string_view units, std::initializer_list<std::string_view> axes) {
    if (fresh_) h5::describe(ds, description, units, axes);
  }
  template <class Range>
  void set_names(H5::H5Object& obj, const char* name, const Range& names) {
    if (fresh_) h5::set_names(obj, name, names);
  }

  template <class T>
  std::shared_ptr<Appendable<T>> appendable(H5::Group& g, const char* name, const Dims& inner) {
    return std::make_shared<Appendable<T>>(fresh_ ? Appendable<T>::create(g, name, inner) : Appendable<T>::open(g, name));
  }

  template <class T, class Fill>
  H5::DataSet add(H5::Group& g, const char* name, const Dims& inner, bool per_occurrence, Fill fill) {
    auto a = appendable<T>(g, name, inner);
    sinks_.push_back({[a, fill](const RunResult& r, hsize_t row) { fill(*a, r, row); }, [a] { return a->rows(); },
                      [a](hsize_t n) { a->truncate(n); }, per_occurrence});
    return a->dataset();
  }

  H5::Group group(const char* name) { return fresh_ ? file_.createGroup(name) : file_.openGroup(name); }

  template <class T>
  H5::DataSet series(H5::Group& g, const char* name, const std::vector<T> RunResult::*member, const Dims& per_week) {
    Dims inner{rows_};
    inner.insert(inner.end(), per_week.begin(), per_week.end());
    return add<T>(g, name, inner, false, [member](Appendable<T>& a, const RunResult& r, hsize_t) { a.append((r.*member).data(), 1); });
  }

  template <class T>
  H5::DataSet per_person(H5::Group& g, const char* name, const std::vector<T> RunResult::*member) {
    return add<T>(g, name, {people_}, false, [member](Appendable<T>& a, const RunResult& r, hsize_t) { a.append((r.*member).data(), 1); });
  }

  template <class T, class Get>
  H5::DataSet per_replicate(H5::Group& g, const char* name, Get get) {
    return add<T>(g, name, {}, false, [get](Appendable<T>& a, const RunResult& r, hsize_t) {
      const T v = static_cast<T>(get(r));
      a.append(&v, 1);
    });
  }

  // One row per occurrence; get(row of the replicate, occurrence).
  template <class T, class Get>
  H5::DataSet per_occurrence(H5::Group& g, const char* name, Get get) {
    return add<T>(g, name, {}, true, [get](Appendable<T>& a, const RunResult& r, hsize_t row) {
      std::vector<T> v;
      v.reserve(r.occurrences.size());
      for (const Occurrence& o : r.occurrences) v.push_back(static_cast<T>(get(row, o)));
      a.append(v.data(), v.size());
    });
  }

  void timeseries() {
    H5::Group g = group("timeseries");
    const std::string& money = meta_.currency;
    const std::vector<std::string> cost_rows = cost_row_names();
    H5::DataSet ds;

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
    set_names(ds, "teams", meta_.team_names);
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
    describe(ds, "Team of each position (index into `teams`).", "", {"replicate", "person"});
    set_names(ds, "teams", meta_.team_names);
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
    ds = per_replicate<std::int32_t>(g, "replicate", [](const RunResult& r) { return r.replicate; });
    describe(ds, "Replicate number: with the root seed it reproduces the replicate.", "", {"replicate"});
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
    ds = add<double>(g, "cost_matrix", {kCostRows, kCostKinds}, false,
                     [](Appendable<double>& a, const RunResult& r, hsize_t) { a.append(r.cost_matrix.data(), 1); });
    describe(ds, "Cost of the whole run per intervention type (and the programme's fixed costs) and kind of cost.", money,
             {"replicate", "cost_row", "cost_kind"});
    set_names(ds, "cost_rows", cost_row_names());
    set_names(ds, "cost_kinds", kCostKindNames);
  }

  void occurrences() {
    H5::Group g = group("occurrences");
    if (fresh_) set_text(g, "description", "Every intervention occurrence of every replicate: one row per occurrence, columns as datasets.");
    const std::string& money = meta_.currency;
    H5::DataSet ds;
    ds = per_occurrence<std::int32_t>(g, "replicate", [](hsize_t r, const Occurrence&) { return r; });
    describe(ds, "Row of the replicate in the R axis of the other groups.", "", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "week", [](hsize_t, const Occurrence& o) { return o.week; });
    describe(ds, "Week of the occurrence.", "week", {"occurrence"});
    ds = per_occurrence<std::int32_t>(g, "intervention", [](hsize_t, const Occurrence& o) { return o.intervention; });
    describe(ds, "Intervention of the scenario's programme (index into `interventions`).", "", {"occurrence"});
    set_names(ds, "interventions", meta_.intervention_names);
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

  H5::H5File& file_;
  const RunMetadata& meta_;
  bool fresh_;
  hsize_t rows_, people_, teams_;
  RunResult shape_;
  std::vector<Sink> sinks_;
  hsize_t replicate_rows_ = 0, occurrence_rows_ = 0;
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
constexpr const char* kCheckpointRows = "checkpoint_rows";  // replicates, occurrences, weeks, people, teams

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
};

ResultsStream::ResultsStream(const std::filesystem::path& path, RunMetadata meta) : state_(std::make_unique<State>()) {
  state_->path = path;
  state_->meta = std::move(meta);
  hdf5(path, "creating", [&] { state_->file = H5::H5File(path.string(), H5F_ACC_TRUNC); });
}

ResultsStream::ResultsStream(std::unique_ptr<State> state) : state_(std::move(state)) {}
ResultsStream::ResultsStream(ResultsStream&&) noexcept = default;
ResultsStream& ResultsStream::operator=(ResultsStream&&) noexcept = default;

ResultsStream::~ResultsStream() {
  if (!state_) return;
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
    std::array<std::int64_t, 5> rows{};
    f.openAttribute(kCheckpointRows).read(H5::PredType::NATIVE_INT64, rows.data());
    c.replicates = rows[0];
    c.occurrences = rows[1];
    c.weeks = static_cast<int>(rows[2]);
    c.people = static_cast<int>(rows[3]);
    c.teams = static_cast<int>(rows[4]);
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
      state->writer->truncate(static_cast<hsize_t>(c->replicates), static_cast<hsize_t>(c->occurrences));
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
  hdf5(state_->path, "writing", [&] {
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
  hdf5(state_->path, "writing", [&] {
    H5::H5File& f = state_->file;
    remove_attribute(f, kCheckpointKey);
    remove_attribute(f, kCheckpointRows);
    set_text(f, kCheckpointKey, key);
    const RunResult* shape = state_->writer ? &state_->writer->shape() : nullptr;
    const std::array<std::int64_t, 5> rows{replicates(),
                                           state_->writer ? static_cast<std::int64_t>(state_->writer->occurrences_written()) : 0,
                                           shape ? shape->weeks : 0, shape ? shape->people : 0, shape ? shape->teams : 0};
    const hsize_t n = rows.size();
    f.createAttribute(kCheckpointRows, H5::PredType::STD_I64LE, H5::DataSpace(1, &n)).write(H5::PredType::NATIVE_INT64, rows.data());
    f.flush(H5F_SCOPE_GLOBAL);
  });
}

void ResultsStream::finish() {
  if (replicates() != state_->meta.replicates)
    throw std::runtime_error(fmt::format("metadata says {} replicates, but {} were written", state_->meta.replicates, replicates()));
  hdf5(state_->path, "writing", [&] {
    remove_attribute(state_->file, kCheckpointKey);
    remove_attribute(state_->file, kCheckpointRows);
    state_->writer->root_attributes();
    state_->writer.reset();
    state_->file.close();
  });
}

}  // namespace adoptsim
