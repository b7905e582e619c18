#include "network.hpp"

#include <algorithm>
#include <cmath>

namespace adoptsim {

using Edge = std::pair<std::uint32_t, std::uint32_t>;

Network network_from_edges(int people, std::vector<Edge> edges) {
  for (auto& e : edges)
    if (e.first > e.second) std::swap(e.first, e.second);
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  edges.erase(std::remove_if(edges.begin(), edges.end(), [](const Edge& e) { return e.first == e.second; }), edges.end());

  Network net;
  net.people = people;
  net.offset.assign(static_cast<std::size_t>(people) + 1, 0);
  for (const auto& [a, b] : edges) {
    ++net.offset[a + 1];
    ++net.offset[b + 1];
  }
  for (int i = 0; i < people; ++i) net.offset[i + 1] += net.offset[i];
  net.neighbour.resize(net.offset[people]);
  std::vector<std::uint64_t> fill(net.offset.begin(), net.offset.end() - 1);
  for (const auto& [a, b] : edges) {
    net.neighbour[fill[a]++] = b;
    net.neighbour[fill[b]++] = a;
  }
  // Sorted neighbour lists make the exposure loop's memory access predictable.
  for (int i = 0; i < people; ++i)
    std::sort(net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[i]),
              net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[i + 1]));
  return net;
}

Network organisation_network(const Structure& st, const Organisation& org, Engine& rng) {
  std::vector<Edge> edges;
  const int teams = st.teams();
  const int line_teams = st.central_team >= 0 ? st.central_team : teams;
  std::vector<std::uint32_t> managers;  // the first manager of each line team, if any
  for (int t = 0; t < line_teams; ++t) {
    const auto first = st.team_first[t], last = st.team_first[t + 1];
    for (auto i = first; i < last; ++i)
      for (auto j = i + 1; j < last; ++j) {
        const bool manager_tie = st.role[i] == Role::manager || st.role[j] == Role::manager;
        if (manager_tie || uniform01d(rng) < org.network.within_team_tie_probability) edges.emplace_back(i, j);
      }
    if (last > first && st.role[first] == Role::manager) managers.push_back(first);
  }
  // Sparse random ties across line teams: on average `cross_team_ties` per person.
  const std::uint32_t line_people = line_teams > 0 ? st.team_first[line_teams] : 0;
  if (line_teams > 1 && line_people > 1) {
    const auto target = static_cast<std::uint64_t>(std::llround(org.network.cross_team_ties * line_people / 2.0));
    std::uint64_t made = 0, tries = 0;
    while (made < target && tries < 20 * target + 100) {
      ++tries;
      const std::uint32_t a = uniform_index(rng, line_people), b = uniform_index(rng, line_people);
      if (st.team_of[a] == st.team_of[b]) continue;
      edges.emplace_back(a, b);
      ++made;
    }
  }
  if (st.central_team >= 0) {
    // The staff group: the MT all know each other; HR advisers are a team of their own (ties
    // with the within-team probability) tied to the MT member they report to. Managers are tied
    // to the MT member they report to, HR advisers to the managers of the teams they serve.
    const auto first = st.team_first[st.central_team], last = st.team_first[st.central_team + 1];
    std::vector<std::uint32_t> mt, hr;
    for (auto i = first; i < last; ++i) (st.role[i] == Role::mt ? mt : hr).push_back(i);
    for (std::size_t a = 0; a < mt.size(); ++a)
      for (std::size_t b = a + 1; b < mt.size(); ++b) edges.emplace_back(mt[a], mt[b]);
    for (std::size_t a = 0; a < hr.size(); ++a)
      for (std::size_t b = a + 1; b < hr.size(); ++b)
        if (uniform01d(rng) < org.network.within_team_tie_probability) edges.emplace_back(hr[a], hr[b]);
    for (auto h : hr)
      if (st.manager_of[h] >= 0) edges.emplace_back(h, static_cast<std::uint32_t>(st.manager_of[h]));
    for (auto g : managers)
      if (st.manager_of[g] >= 0) edges.emplace_back(g, static_cast<std::uint32_t>(st.manager_of[g]));
    const int served = std::min<int>(org.hr_teams_served, static_cast<int>(managers.size()));
    for (std::size_t h = 0; h < hr.size(); ++h)
      for (int k = 0; k < served; ++k)
        edges.emplace_back(hr[h], managers[(h * static_cast<std::size_t>(served) + static_cast<std::size_t>(k)) % managers.size()]);
  }
  return network_from_edges(st.people, std::move(edges));
}

Network small_world_network(int people, int k, double beta, Engine& rng) {
  std::vector<Edge> edges;
  edges.reserve(static_cast<std::size_t>(people) * static_cast<std::size_t>(k / 2));
  const auto n = static_cast<std::uint32_t>(people);
  for (std::uint32_t i = 0; i < n; ++i)
    for (int j = 1; j <= k / 2; ++j) {
      std::uint32_t other = (i + static_cast<std::uint32_t>(j)) % n;
      if (uniform01d(rng) < beta) {
        do other = uniform_index(rng, n);
        while (other == i);
      }
      edges.emplace_back(i, other);
    }
  return network_from_edges(people, std::move(edges));
}

Network complete_network(int people) {
  Network net;
  net.people = people;
  net.complete = true;
  return net;
}

}  // namespace adoptsim
