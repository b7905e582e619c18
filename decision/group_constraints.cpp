#include "group_constraints.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

namespace adoptsim {

std::vector<int> people_named(const std::string& list, const Structure& st, const std::string& option) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const auto end = std::min(list.find(',', start), list.size());
    std::string item = list.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    start = end + 1;
    if (item.empty()) continue;
    int found = -1;
    for (int i = 0; i < st.people && found < 0; ++i)
      if (!st.names.empty() && st.names[static_cast<std::size_t>(i)] == item) found = i;
    if (found < 0 && item.find_first_not_of("0123456789") == std::string::npos) found = std::stoi(item);
    if (found < 0 || found >= st.people)
      throw std::invalid_argument(fmt::format("{} '{}': no such person ({})", option, item, st.names.empty() ? "ids are 0.." + std::to_string(st.people - 1) : "a name from the roster or an id"));
    out.push_back(found);
  }
  if (out.size() < 2) throw std::invalid_argument(fmt::format("{} '{}': name at least two people, separated by commas", option, list));
  return out;
}


bool known_early(const Structure& st, int person) {
  const auto c = st.fixed_category[static_cast<std::size_t>(person)];
  return c == idx(Category::innovator) || c == idx(Category::early_adopter);
}

namespace {

Violations group_violations(const std::vector<int>& g, const GroupConstraints& k, const Structure& st) {
  Violations v{};
  auto in = [&](int p) { return std::find(g.begin(), g.end(), p) != g.end(); };
  for (const auto& list : k.apart) {
    int n = 0;
    for (int p : list) n += in(p);
    if (n > 1) v[idx(ConstraintKind::apart)] += n * (n - 1) / 2;
  }
  if (k.max_per_team > 0) {
    std::map<std::uint32_t, int> teams;
    for (int p : g) ++teams[st.team_of[static_cast<std::size_t>(p)]];
    for (auto [t, n] : teams) v[idx(ConstraintKind::max_per_team)] += std::max(0, n - k.max_per_team);
  }
  if (k.early_adopter_each && !g.empty() && std::none_of(g.begin(), g.end(), [&](int p) { return known_early(st, p); }))
    ++v[idx(ConstraintKind::early_adopter_each)];
  if (k.manager_each && !g.empty() && std::none_of(g.begin(), g.end(), [&](int p) { return st.role[static_cast<std::size_t>(p)] == Role::manager; }))
    ++v[idx(ConstraintKind::manager_each)];
  if (k.no_own_manager)
    for (int p : g)
      if (const int m = st.manager_of[static_cast<std::size_t>(p)]; m >= 0 && in(m)) ++v[idx(ConstraintKind::no_own_manager)];
  return v;
}

void add(Violations& a, const Violations& b) {
  for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
}

}  // namespace

Violations violations(const Composition& c, const GroupConstraints& k, const Structure& st) {
  Violations v{};
  for (const auto& g : c) add(v, group_violations(g, k, st));
  for (const auto& list : k.together) {
    std::vector<int> where;
    for (std::size_t g = 0; g < c.size(); ++g)
      for (int p : list)
        if (std::find(c[g].begin(), c[g].end(), p) != c[g].end()) where.push_back(static_cast<int>(g));
    std::sort(where.begin(), where.end());
    where.erase(std::unique(where.begin(), where.end()), where.end());
    if (where.size() > 1) v[idx(ConstraintKind::together)] += static_cast<int>(where.size()) - 1;
  }
  return v;
}

int group_count(int n, int size, const GroupConstraints& k) {
  int g = k.groups;
  if (g <= 0) g = (n + std::max(1, k.max_size > 0 ? k.max_size : size) - 1) / std::max(1, k.max_size > 0 ? k.max_size : size);
  g = std::max(1, std::min(g, std::max(1, n)));
  if (k.max_size > 0 && (n + g - 1) / g > k.max_size)
    throw std::invalid_argument(fmt::format("{} groups of at most {} cannot seat {} people", g, k.max_size, n));
  if (k.min_size > 0 && n / g < k.min_size)
    throw std::invalid_argument(fmt::format("{} people cannot fill {} groups of at least {}", n, g, k.min_size));
  if (k.min_size > 0 && k.max_size > 0 && k.min_size > k.max_size)
    throw std::invalid_argument(fmt::format("the smallest group size ({}) is above the largest ({})", k.min_size, k.max_size));
  return g;
}

Violations repair(Composition& c, const GroupConstraints& k, const Structure& st) {
  Violations now = violations(c, k, st);
  const int lo = k.min_size > 0 ? k.min_size : 1;
  const int hi = k.max_size > 0 ? k.max_size : 1 << 30;
  // Greedy: the swap (or move) that lowers the total most, until none does.
  for (int step = 0; step < 4000 && total(now) > 0; ++step) {
    int best = total(now);
    std::size_t bg = 0, bi = 0, hg = 0, hi_ = 0;
    bool found = false, move = false;
    for (std::size_t g = 0; g < c.size(); ++g)
      for (std::size_t i = 0; i < c[g].size(); ++i)
        for (std::size_t h = g + 1; h < c.size(); ++h) {
          for (std::size_t j = 0; j < c[h].size(); ++j) {
            std::swap(c[g][i], c[h][j]);
            const int t = total(violations(c, k, st));
            std::swap(c[g][i], c[h][j]);
            if (t < best) best = t, bg = g, bi = i, hg = h, hi_ = j, found = true, move = false;
          }
        }
    if (k.sizes_vary())
      for (std::size_t g = 0; g < c.size(); ++g)
        for (std::size_t i = 0; i < c[g].size(); ++i)
          for (std::size_t h = 0; h < c.size(); ++h) {
            if (h == g || static_cast<int>(c[g].size()) - 1 < lo || static_cast<int>(c[h].size()) + 1 > hi) continue;
            const int p = c[g][i];
            c[g].erase(c[g].begin() + static_cast<std::ptrdiff_t>(i));
            c[h].push_back(p);
            const int t = total(violations(c, k, st));
            c[h].pop_back();
            c[g].insert(c[g].begin() + static_cast<std::ptrdiff_t>(i), p);
            if (t < best) best = t, bg = g, bi = i, hg = h, found = true, move = true;
          }
    if (!found) break;
    if (move) {
      const int p = c[bg][bi];
      c[bg].erase(c[bg].begin() + static_cast<std::ptrdiff_t>(bi));
      c[hg].push_back(p);
    } else {
      std::swap(c[bg][bi], c[hg][hi_]);
    }
    now = violations(c, k, st);
  }
  return now;
}

std::string impossible(const std::vector<int>& people, int groups, const GroupConstraints& k, const Structure& st) {
  auto placed = [&](int p) { return std::find(people.begin(), people.end(), p) != people.end(); };
  for (const auto& list : k.apart)
    if (static_cast<int>(list.size()) > groups) return fmt::format("{} people to keep apart in {} groups", list.size(), groups);
  for (const auto& list : k.together)
    for (int p : list)
      if (!placed(p)) return fmt::format("{} (kept together) is not among the session's people", st.name(p));
  if (k.early_adopter_each) {
    const auto n = std::count_if(people.begin(), people.end(), [&](int p) { return known_early(st, p); });
    if (n < groups)
      return fmt::format("{} people known as innovator or early adopter for {} groups (categories are known from a roster or a fixed team composition)", n, groups);
  }
  if (k.manager_each) {
    const auto n = std::count_if(people.begin(), people.end(), [&](int p) { return st.role[static_cast<std::size_t>(p)] == Role::manager; });
    if (n < groups) return fmt::format("{} managers among the session's people for {} groups", n, groups);
  }
  if (k.max_per_team > 0) {
    std::map<std::uint32_t, int> teams;
    for (int p : people) ++teams[st.team_of[static_cast<std::size_t>(p)]];
    for (auto [t, n] : teams)
      if (n > k.max_per_team * groups)
        return fmt::format("{} people of {} do not fit at most {} per group in {} groups", n, st.team_names[t], k.max_per_team, groups);
  }
  return "";
}

std::vector<std::string> describe(const GroupConstraints& k, const Structure& st) {
  std::vector<std::string> out;
  auto names = [&](const std::vector<int>& list) {
    std::string s;
    for (int p : list) s += (s.empty() ? "" : ", ") + st.name(p);
    return s;
  };
  for (const auto& list : k.apart) out.push_back("kept apart: " + names(list));
  for (const auto& list : k.together) out.push_back("kept together: " + names(list));
  if (k.max_per_team > 0) out.push_back(fmt::format("at most {} of one team in a group", k.max_per_team));
  if (k.early_adopter_each) out.push_back("an early adopter (or innovator) in every group");
  if (k.manager_each) out.push_back("a manager in every group");
  if (k.no_own_manager) out.push_back("no one with their own manager");
  if (k.groups > 0) out.push_back(fmt::format("{} groups", k.groups));
  if (k.sizes_vary()) out.push_back(fmt::format("group sizes {} to {}", k.min_size > 0 ? k.min_size : 1, k.max_size > 0 ? std::to_string(k.max_size) : "any"));
  return out;
}

}  // namespace adoptsim
