// The organisation's structure and its social network (MODEL.md §2, §4).
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "fixtures.hpp"
#include "model.hpp"
#include "network.hpp"
#include "organisation.hpp"

using namespace adoptsim;

TEST_CASE("the structure lays people out team by team with their managers") {
  Scenario s = test::small_organisation(3, 5, 2);
  s.organisation.teams[0].fixed = {1, 2, 0, 0, 0};
  const Structure st = build_structure(s);
  CHECK(st.teams() == 4);  // three teams and the MT & HR staff group
  CHECK(st.people == 3 * 8 + 3);
  CHECK(st.users == 3 * 7);
  CHECK(st.team_names[1] == "Team 2");
  CHECK(st.team_names[st.central_team] == "MT & HR");
  for (int t = 0; t < 3; ++t) {
    const auto first = st.team_first[t];
    CHECK(st.role[first] == Role::manager);
    for (auto i = first + 1; i < st.team_first[t + 1]; ++i) {
      CHECK(st.manager_of[i] == static_cast<int>(first));
      CHECK(st.team_of[i] == static_cast<std::uint32_t>(t));
    }
    CHECK(st.role[st.manager_of[first]] == Role::mt);  // managers report to the MT
  }
  // One innovator and two early adopters fixed, placed on the team's supervisors first.
  CHECK(st.fixed_category[1] == idx(Category::innovator));
  CHECK(st.fixed_category[2] == idx(Category::early_adopter));
  CHECK(st.fixed_category[3] == idx(Category::early_adopter));
  CHECK(st.fixed_category[4] == -1);
}

TEST_CASE("fixed team composition holds in every replicate; the rest is drawn") {
  Scenario s = test::small_organisation(2, 10, 5);
  s.organisation.teams[0].fixed = {1, 2, 0, 0, 0};
  for (int rep = 0; rep < 5; ++rep) {
    Model m(s, 7, rep);
    CHECK(m.agents().category[1] == Category::innovator);
    CHECK(m.agents().category[2] == Category::early_adopter);
    CHECK(m.agents().category[3] == Category::early_adopter);
  }
}

TEST_CASE("Rogers categories are drawn in the guide's proportions") {
  Scenario s = test::small_organisation(200, 10, 5, 1);  // 3,200 people
  Model m(s, 11, 0);
  std::array<int, kCategories> n{};
  for (auto c : m.agents().category) ++n[idx(c)];
  const double total = m.structure().people;
  const double expected[] = {0.025, 0.135, 0.34, 0.34, 0.16};
  for (int c = 0; c < kCategories; ++c) {
    const double sd = std::sqrt(expected[c] * (1 - expected[c]) / total);
    CHECK(std::abs(n[c] / total - expected[c]) < 4 * sd);
  }
}

TEST_CASE("a network from an edge list is symmetric, without loops or duplicates") {
  const Network net = network_from_edges(4, {{0, 1}, {1, 0}, {2, 2}, {1, 2}, {3, 1}, {0, 1}});
  CHECK(net.ties() == 3);
  CHECK(net.degree(1) == 3);
  CHECK(net.degree(0) == 1);
  for (int i = 0; i < 4; ++i)
    for (auto e = net.offset[i]; e < net.offset[i + 1]; ++e) {
      const auto j = net.neighbour[e];
      CHECK(j != static_cast<std::uint32_t>(i));
      const auto begin = net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[j]);
      const auto end = net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[j + 1]);
      CHECK(std::find(begin, end, static_cast<std::uint32_t>(i)) != end);
    }
}

TEST_CASE("the organisation network: dense in teams, sparse across, managers tied to their team") {
  Scenario s = test::small_organisation(40, 12, 4);
  s.organisation.network.within_team_tie_probability = 0.4;
  s.organisation.network.cross_team_ties = 2.0;
  const Structure st = build_structure(s);
  Engine rng = make_engine(3, 0, Stream::organisation, 0);
  const Network net = organisation_network(st, s.organisation, rng);
  double within = 0, within_pairs = 0, across = 0, line_people = 0;
  for (int t = 0; t < 40; ++t) {
    const auto first = st.team_first[t], last = st.team_first[t + 1];
    for (auto i = first; i < last; ++i) {
      ++line_people;
      for (auto e = net.offset[i]; e < net.offset[i + 1]; ++e) {
        const auto j = net.neighbour[e];
        if (st.team_of[j] == static_cast<std::uint32_t>(t)) {
          if (i != first && j != first) within += 0.5;  // count each non-manager pair once
        } else if (st.team_of[j] != static_cast<std::uint32_t>(st.central_team)) {
          across += 1;
        }
      }
      if (i != first) {
        const auto b = net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[i]);
        const auto en = net.neighbour.begin() + static_cast<std::ptrdiff_t>(net.offset[i + 1]);
        CHECK(std::find(b, en, first) != en);  // tied to the manager
      }
    }
    const double members = last - first - 1;
    within_pairs += members * (members - 1) / 2;
  }
  CHECK(within / within_pairs == doctest::Approx(0.4).epsilon(0.05));
  CHECK(across / line_people == doctest::Approx(2.0).epsilon(0.05));
}

TEST_CASE("a small-world network has the requested mean degree") {
  Engine rng = make_engine(5, 0, Stream::organisation, 0);
  const Network net = small_world_network(5000, 10, 0.1, rng);
  const double mean_degree = 2.0 * static_cast<double>(net.ties()) / 5000;
  CHECK(mean_degree == doctest::Approx(10).epsilon(0.01));  // a few rewired ties collide
}
