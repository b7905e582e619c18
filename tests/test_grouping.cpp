// Forming groups for sessions: caps, balance, and the composition rules.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "fixtures.hpp"
#include "grouping.hpp"
#include "model.hpp"

using namespace adoptsim;

namespace {

struct World {
  Scenario s = test::small_organisation(6, 9, 3);
  Model model{s, 42, 0};
  std::vector<std::uint32_t> everyone() const {
    std::vector<std::uint32_t> v;
    for (int i = 0; i < model.structure().people; ++i) v.push_back(static_cast<std::uint32_t>(i));
    return v;
  }
  Groups form(GroupRule rule, int cap, const std::vector<std::vector<int>>& listed = {}) const {
    Engine rng = make_engine(1, 0, Stream::programme, 9);
    return form_groups(everyone(), rule, cap, listed, model.structure(), model.agents(), rng);
  }
};

void check_partition(const Groups& g, int people) {
  std::multiset<std::uint32_t> seen(g.members.begin(), g.members.end());
  CHECK(static_cast<int>(seen.size()) == people);
  for (int i = 0; i < people; ++i) CHECK(seen.count(static_cast<std::uint32_t>(i)) == 1);
}

}  // namespace

TEST_CASE("every rule puts every attendee in exactly one group of at most the cap") {
  World w;
  const int people = w.model.structure().people;
  for (int r = 0; r < kGroupRules; ++r) {
    CAPTURE(kGroupRuleNames[static_cast<std::size_t>(r)]);
    const Groups g = w.form(static_cast<GroupRule>(r), 8);
    check_partition(g, people);
    for (int k = 0; k < g.count(); ++k) {
      CHECK(g.size(k) >= 1);
      CHECK(g.size(k) <= 8);
    }
  }
}

TEST_CASE("random and dealt groups are balanced: sizes differ by at most one") {
  World w;
  for (GroupRule rule : {GroupRule::random, GroupRule::across_teams, GroupRule::mixed_roles}) {
    const Groups g = w.form(rule, 8);
    int lo = 1 << 30, hi = 0;
    for (int k = 0; k < g.count(); ++k) {
      lo = std::min(lo, g.size(k));
      hi = std::max(hi, g.size(k));
    }
    CHECK(hi - lo <= 1);
    CHECK(g.count() == (w.model.structure().people + 7) / 8);
  }
}

TEST_CASE("by_team keeps teams apart; across_teams mixes them") {
  World w;
  const auto& st = w.model.structure();
  auto teams_in = [&](const Groups& g, int k) {
    std::set<std::uint32_t> t;
    for (auto i = g.start[k]; i < g.start[k + 1]; ++i) t.insert(st.team_of[g.members[i]]);
    return t.size();
  };
  const Groups by = w.form(GroupRule::by_team, 8), across = w.form(GroupRule::across_teams, 8);
  for (int k = 0; k < by.count(); ++k) CHECK(teams_in(by, k) == 1);
  double mean_across = 0;
  for (int k = 0; k < across.count(); ++k) mean_across += static_cast<double>(teams_in(across, k)) / across.count();
  CHECK(mean_across > 5.0);  // 7 teams (6 and the staff group) over groups of 8
}

TEST_CASE("same_category groups are homogeneous; mixed_categories spread the categories") {
  World w;
  const auto& a = w.model.agents();
  const Groups same = w.form(GroupRule::same_category, 6), mixed = w.form(GroupRule::mixed_categories, 6);
  for (int k = 0; k < same.count(); ++k)
    for (auto i = same.start[k]; i < same.start[k + 1]; ++i) CHECK(a.category[same.members[i]] == a.category[same.members[same.start[k]]]);
  // Dealing sorted categories round-robin: no group has more than its fair share + 1 of a category.
  std::map<Category, int> total;
  for (auto c : a.category) ++total[c];
  for (int k = 0; k < mixed.count(); ++k) {
    std::map<Category, int> here;
    for (auto i = mixed.start[k]; i < mixed.start[k + 1]; ++i) ++here[a.category[mixed.members[i]]];
    for (auto [c, n] : here) CHECK(n <= total[c] / mixed.count() + 1);
  }
}

TEST_CASE("explicit groups are used as listed; the others are grouped by the rule") {
  World w;
  const Groups g = w.form(GroupRule::random, 8, {{0, 5, 9}, {1, 2}});
  REQUIRE(g.count() >= 2);
  CHECK(std::vector<std::uint32_t>(g.members.begin(), g.members.begin() + 3) == std::vector<std::uint32_t>{0, 5, 9});
  CHECK(std::vector<std::uint32_t>(g.members.begin() + 3, g.members.begin() + 5) == std::vector<std::uint32_t>{1, 2});
  check_partition(g, w.model.structure().people);
}

TEST_CASE("the same stream gives the same groups") {
  World w;
  CHECK(w.form(GroupRule::random, 8).members == w.form(GroupRule::random, 8).members);
}
