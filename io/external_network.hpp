// Real networks: people, their groups and their ties from two CSV files (a node list and an
// edge list), instead of an organisation generated from teams. Format in scenarios/README.md.
#pragma once
#include <array>
#include <functional>
#include <string_view>
#include <vector>

#include "scenario.hpp"
#include "scenario_loader.hpp"

namespace adoptsim {

// The column names tried when the scenario names none, in this order.
inline constexpr std::array<std::string_view, 3> kIdColumns{"id", "node_id", "node"};
inline constexpr std::array<std::string_view, 4> kGroupColumns{"group", "team", "village", "community"};
inline constexpr std::array<std::string_view, 3> kSourceColumns{"source", "from", "ego"};
inline constexpr std::array<std::string_view, 3> kTargetColumns{"target", "to", "alter"};

// Reads the files named in `source` (paths relative to the current directory) into an
// ExternalNetwork: people sorted by group (groups in order of first appearance, people in file
// order within a group), the data's ids kept in person_ids, ties as person indices without self
// loops or repeats. Every problem (missing file or column, empty or duplicate id, empty group,
// tie to an unknown id unless source.drop_unknown) is added to `problems` with file and line.
// A column named in the scenario but missing from a file is reported at the scenario's key,
// via `at_key` (key such as "network.group" -> a diagnostic naming the scenario file).
ExternalNetwork load_external_network(const ExternalSource& source, std::vector<Diagnostic>& problems,
                                      const std::function<Diagnostic(const std::string& key, const std::string& message)>& at_key);

}  // namespace adoptsim
