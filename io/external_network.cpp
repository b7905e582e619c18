#include "external_network.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>
#include <unordered_set>

#include "csv.hpp"

namespace adoptsim {

namespace {

template <class List>
std::string names(const List& list) {
  std::string s;
  for (auto n : list) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

using AtKey = std::function<Diagnostic(const std::string&, const std::string&)>;

// The column the scenario names, or the first of the usual names.
template <class List>
int find_column(const CsvTable& t, const std::string& named, const List& usual, const std::string& key, std::vector<Diagnostic>& problems,
                const AtKey& at_key) {
  if (t.header.empty()) return -1;  // already reported
  const int c = named.empty() ? t.column_of(usual) : t.column(named);
  if (c >= 0) return c;
  if (named.empty())
    problems.push_back({t.path, 1, 1, "", fmt::format("no column for network.{}: none of {} is in the header; name the column with network.{}", key, names(usual), key)});
  else
    problems.push_back(at_key("network." + key, fmt::format("no column '{}' in the header of {}", named, t.path)));
  return c;
}

}  // namespace

ExternalNetwork load_external_network(const ExternalSource& src, std::vector<Diagnostic>& problems, const AtKey& at_key) {
  ExternalNetwork net;
  net.source = src;
  const std::size_t before = problems.size();
  const CsvTable nodes = read_csv(src.nodes, problems);
  const CsvTable edges = read_csv(src.edges, problems);
  // A file that cannot be read is the scenario's problem: named at its key, not at file:0:0.
  for (std::size_t k = before; k < problems.size(); ++k)
    if (problems[k].line == 0) problems[k] = at_key(problems[k].file == src.nodes ? "network.nodes" : "network.edges", problems[k].message);
  const int id_col = find_column(nodes, src.id, kIdColumns, "id", problems, at_key);
  const int group_col = find_column(nodes, src.group, kGroupColumns, "group", problems, at_key);
  const int source_col = find_column(edges, src.source, kSourceColumns, "source", problems, at_key);
  const int target_col = find_column(edges, src.target, kTargetColumns, "target", problems, at_key);
  std::vector<int> filter_col;
  for (const auto& [column, value] : src.edge_filter) {
    filter_col.push_back(edges.column(column));
    if (filter_col.back() < 0 && !edges.header.empty())
      problems.push_back(at_key("network.edge_filter." + column, fmt::format("no column '{}' in the header of {}", column, edges.path)));
  }
  const bool filters_found = std::find(filter_col.begin(), filter_col.end(), -1) == filter_col.end();
  if (id_col < 0 || group_col < 0 || source_col < 0 || target_col < 0 || !filters_found) return net;

  // People in file order; groups numbered in order of first appearance.
  std::unordered_map<std::string, int> row_of_id, group_index;
  std::vector<int> file_group;
  std::vector<std::string> file_id;
  // source.groups: the people of other groups are read (their rows are checked like any other)
  // but left out, and so are their ties.
  std::unordered_set<std::string> left_out, seen_groups;
  auto kept_group = [&](const std::string& g) { return src.groups.empty() || std::find(src.groups.begin(), src.groups.end(), g) != src.groups.end(); };
  for (const auto& row : nodes.rows) {
    const std::string& id = row.cells[static_cast<std::size_t>(id_col)];
    const std::string& group = row.cells[static_cast<std::size_t>(group_col)];
    if (id.empty()) {
      problems.push_back({nodes.path, row.line, id_col + 1, nodes.header[static_cast<std::size_t>(id_col)], "empty id"});
      continue;
    }
    if (group.empty()) {
      problems.push_back({nodes.path, row.line, group_col + 1, nodes.header[static_cast<std::size_t>(group_col)],
                          fmt::format("person '{}' has no group", id)});
      continue;
    }
    seen_groups.insert(group);
    if (auto [it, fresh] = row_of_id.emplace(id, row.line); !fresh) {
      problems.push_back({nodes.path, row.line, id_col + 1, nodes.header[static_cast<std::size_t>(id_col)],
                          fmt::format("id '{}' appears twice (first on line {})", id, it->second)});
      continue;
    }
    if (!kept_group(group)) {
      left_out.insert(id);
      ++net.people_left_out;
      continue;
    }
    auto [g, fresh] = group_index.emplace(group, static_cast<int>(net.group_names.size()));
    if (fresh) net.group_names.push_back(group);
    file_group.push_back(g->second);
    file_id.push_back(id);
  }
  for (const std::string& g : src.groups)
    if (!seen_groups.contains(g))
      problems.push_back(at_key("network.groups", fmt::format("group '{}' is not in the node list {} (column '{}')", g, src.nodes,
                                                              nodes.header[static_cast<std::size_t>(group_col)])));
  if (file_id.empty() && problems.size() == before) problems.push_back({nodes.path, 1, 1, "", "no people in the node list"});

  // The engine wants people sorted by group: a stable sort keeps file order within a group.
  std::vector<int> order(file_id.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return file_group[static_cast<std::size_t>(a)] < file_group[static_cast<std::size_t>(b)]; });
  std::vector<int> person_of_file(file_id.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto f = static_cast<std::size_t>(order[k]);
    person_of_file[f] = static_cast<int>(k);
    net.group_of.push_back(file_group[f]);
    net.person_ids.push_back(file_id[f]);
  }
  std::unordered_map<std::string, int> person;
  for (std::size_t f = 0; f < file_id.size(); ++f) person[file_id[f]] = person_of_file[f];
  // Ids were looked up by their row in the node file above; from here on by person index.

  std::vector<std::pair<int, int>> ties;
  for (const auto& row : edges.rows) {
    ++net.edge_rows;
    bool keep = true;
    for (std::size_t k = 0; k < filter_col.size(); ++k)
      if (row.cells[static_cast<std::size_t>(filter_col[k])] != src.edge_filter[k].second) keep = false;
    if (!keep) {
      ++net.filtered;
      continue;
    }
    int ends[2];
    bool known = true, outside = false;
    for (int e = 0; e < 2; ++e) {
      const int col = e == 0 ? source_col : target_col;
      const std::string& id = row.cells[static_cast<std::size_t>(col)];
      const auto it = person.find(id);
      if (it != person.end()) {
        ends[e] = it->second;
        continue;
      }
      known = false;
      if (left_out.contains(id)) {
        outside = true;
        continue;
      }
      if (!src.drop_unknown)
        problems.push_back({edges.path, row.line, col + 1, edges.header[static_cast<std::size_t>(col)],
                            id.empty() ? std::string("empty id")
                                       : fmt::format("'{}' is not in the node list {} (set network.unknown_ties = \"drop\" to leave such ties out)", id, src.nodes)});
    }
    if (outside) {  // a tie to someone of a group left out (and perhaps an unknown id, reported above)
      ++net.outside_groups;
      continue;
    }
    if (!known) {
      ++net.unknown_dropped;
      continue;
    }
    if (ends[0] == ends[1]) {
      ++net.self_loops;
      continue;
    }
    ties.emplace_back(std::min(ends[0], ends[1]), std::max(ends[0], ends[1]));
  }
  if (src.drop_unknown == false) net.unknown_dropped = 0;  // they were errors, not drops
  std::sort(ties.begin(), ties.end());
  const auto unique_end = std::unique(ties.begin(), ties.end());
  net.repeated = static_cast<int>(ties.end() - unique_end);
  ties.erase(unique_end, ties.end());
  net.edges = std::move(ties);
  return net;
}

}  // namespace adoptsim
