#include "grouping.hpp"

#include <algorithm>

namespace adoptsim {

void shuffle(std::vector<std::uint32_t>& v, Engine& rng) {
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[uniform_index(rng, static_cast<std::uint32_t>(i))]);
}

std::vector<std::size_t> balanced_sizes(std::size_t n, int cap, int groups) {
  const std::size_t g = groups > 0 ? static_cast<std::size_t>(groups) : (n + static_cast<std::size_t>(cap) - 1) / static_cast<std::size_t>(cap);
  std::vector<std::size_t> sizes;
  for (std::size_t k = 0; k < g; ++k) sizes.push_back(n / g + (k < n % g ? 1 : 0));
  return sizes;
}

namespace {

// Consecutive chunks of balanced size: keeps neighbours in the list together.
void chunk(const std::vector<std::uint32_t>& people, int cap, Groups& out) {
  if (people.empty()) return;
  std::size_t pos = 0;
  for (std::size_t size : balanced_sizes(people.size(), cap)) {
    for (std::size_t j = 0; j < size; ++j) out.members.push_back(people[pos++]);
    out.close_group();
  }
}

// Deal the list round-robin over the groups: spreads people with the same key across groups.
void deal(const std::vector<std::uint32_t>& people, int cap, Groups& out) {
  if (people.empty()) return;
  std::vector<std::vector<std::uint32_t>> groups(balanced_sizes(people.size(), cap).size());
  for (std::size_t i = 0; i < people.size(); ++i) groups[i % groups.size()].push_back(people[i]);
  for (auto& grp : groups) {
    out.members.insert(out.members.end(), grp.begin(), grp.end());
    out.close_group();
  }
}

// Shuffle, then stable-sort by key: people ordered by key, randomly within a key.
template <class Key>
std::vector<std::uint32_t> sorted_by(std::vector<std::uint32_t> people, Engine& rng, Key key) {
  shuffle(people, rng);
  std::stable_sort(people.begin(), people.end(), [&](std::uint32_t x, std::uint32_t y) { return key(x) < key(y); });
  return people;
}

// Chunk each run of equal keys separately (groups never mix keys).
template <class Key>
void chunk_within(const std::vector<std::uint32_t>& sorted, int cap, Groups& out, Key key) {
  std::size_t i = 0;
  while (i < sorted.size()) {
    std::size_t j = i;
    while (j < sorted.size() && key(sorted[j]) == key(sorted[i])) ++j;
    chunk(std::vector<std::uint32_t>(sorted.begin() + static_cast<std::ptrdiff_t>(i), sorted.begin() + static_cast<std::ptrdiff_t>(j)), cap, out);
    i = j;
  }
}

}  // namespace

Groups form_groups(const std::vector<std::uint32_t>& attendees, GroupRule rule, int cap,
                   const std::vector<std::vector<int>>& explicit_groups, const Structure& st,
                   const Agents& a, Engine& rng) {
  Groups out;
  std::vector<std::uint32_t> rest = attendees;
  if (!explicit_groups.empty()) {
    std::vector<std::uint8_t> present(static_cast<std::size_t>(st.people), 0), placed(static_cast<std::size_t>(st.people), 0);
    for (auto i : attendees) present[i] = 1;
    for (const auto& listed : explicit_groups) {
      const std::size_t before = out.members.size();
      for (int id : listed)
        if (id >= 0 && id < st.people && present[static_cast<std::size_t>(id)] && !placed[static_cast<std::size_t>(id)]) {
          out.members.push_back(static_cast<std::uint32_t>(id));
          placed[static_cast<std::size_t>(id)] = 1;
        }
      if (out.members.size() > before) out.close_group();
    }
    rest.clear();
    for (auto i : attendees)
      if (!placed[i]) rest.push_back(i);
  }
  auto team = [&](std::uint32_t i) { return st.team_of[i]; };
  auto category = [&](std::uint32_t i) { return idx(a.category[i]); };
  auto role = [&](std::uint32_t i) { return idx(st.role[i]); };
  switch (rule) {
    case GroupRule::random: shuffle(rest, rng); chunk(rest, cap, out); break;
    case GroupRule::by_team: chunk_within(sorted_by(rest, rng, team), cap, out, team); break;
    case GroupRule::across_teams: deal(sorted_by(rest, rng, team), cap, out); break;
    case GroupRule::mixed_categories: deal(sorted_by(rest, rng, category), cap, out); break;
    case GroupRule::same_category: chunk_within(sorted_by(rest, rng, category), cap, out, category); break;
    case GroupRule::mixed_roles: deal(sorted_by(rest, rng, role), cap, out); break;
  }
  return out;
}

}  // namespace adoptsim
