// The long per-person table of one replicate (`adoptsim run --agents-csv FILE`): one row per
// person x week, or per person x reported week, with team, role, category, stage, skill,
// resistance and the four needs. For researchers who analyse individual trajectories.
// Rows are written as the model steps, so the table never has to fit in memory.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

#include "scenario.hpp"

namespace adoptsim {

// Which weeks get rows: every week 0..weeks, or the weeks the run's summary table reports (week
// 0, weeks 13, 26, 52 and 104 within the horizon, the goal's deadline and the horizon).
enum class AgentWeeks { every, reported };
std::vector<int> agent_csv_weeks(const Scenario& s, AgentWeeks which);

struct AgentsCsvSize {
  std::int64_t people = 0, weeks = 0, rows = 0;
  std::int64_t bytes = 0;  // estimated from the exact length of week 0's rows
};
// The table's size, estimated before anything runs: builds the organisation of `replicate` and
// formats its week-0 rows (exact for week 0; later weeks have numbers of the same width).
AgentsCsvSize estimate_agents_csv(const Scenario& s, std::uint64_t seed, int replicate, AgentWeeks which);

// Runs replicate `replicate` of `s` on `seed` (the same replicate `run` writes; the pure function
// of sim/model.hpp) and writes the table to `path` atomically (io/atomic_file.hpp). Columns:
// replicate,week,id,name,team,role,category,stage,skill,resistance,need_autonomy,...
// `id` is the position (a leaver's successor takes it over); `name` is the roster's, else empty.
void write_agents_csv(const std::filesystem::path& path, const Scenario& s, std::uint64_t seed, int replicate, AgentWeeks which);

}  // namespace adoptsim
