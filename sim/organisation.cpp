#include "organisation.hpp"

#include <stdexcept>

namespace adoptsim {

namespace {

void add_person(Structure& st, int team, Role r, std::int32_t manager, std::int8_t category) {
  st.team_of.push_back(static_cast<std::uint32_t>(team));
  st.role.push_back(r);
  st.manager_of.push_back(manager);
  st.fixed_category.push_back(category);
  if (is_method_user(r)) ++st.users;
}

void build_from_teams(const Scenario& s, Structure& st) {
  const auto& org = s.organisation;
  const int central_size = org.mt + org.hr;
  // MT members come right after the teams, so managers can point at them before they exist.
  std::int64_t team_people = 0;
  for (const auto& spec : org.teams)
    team_people += static_cast<std::int64_t>(spec.count) * (spec.managers + spec.supervisors + spec.foremen);
  const auto first_mt = static_cast<std::int32_t>(team_people);

  int line_team = 0;  // teams report to the MT members in turn
  for (const auto& spec : org.teams) {
    for (int copy = 0; copy < spec.count; ++copy) {
      const int t = st.teams();
      st.team_names.push_back(spec.count == 1 ? spec.name : spec.name + " " + std::to_string(copy + 1));
      st.team_first.push_back(static_cast<std::uint32_t>(st.team_of.size()));
      const auto first = static_cast<std::int32_t>(st.team_of.size());
      const std::int32_t team_manager = spec.managers > 0 ? first : -1;
      // Fixed categories go to supervisors, then foremen, then managers.
      const int members = spec.managers + spec.supervisors + spec.foremen;
      std::vector<std::int8_t> cats(static_cast<std::size_t>(members), -1);
      {
        std::vector<int> order;  // positions inside the team: users first, then managers
        for (int i = spec.managers; i < members; ++i) order.push_back(i);
        for (int i = 0; i < spec.managers; ++i) order.push_back(i);
        int k = 0;
        for (int c = 0; c < kCategories; ++c)
          for (int j = 0; j < spec.fixed[c]; ++j) {
            if (k >= members) throw std::invalid_argument("team '" + spec.name + "': more fixed categories than members");
            cats[static_cast<std::size_t>(order[static_cast<std::size_t>(k++)])] = static_cast<std::int8_t>(c);
          }
      }
      int m = 0;
      const std::int32_t boss = org.mt > 0 ? first_mt + (line_team % org.mt) : -1;
      ++line_team;
      for (int i = 0; i < spec.managers; ++i, ++m) add_person(st, t, Role::manager, i == 0 ? boss : team_manager, cats[m]);
      for (int i = 0; i < spec.supervisors; ++i, ++m) add_person(st, t, Role::supervisor, team_manager, cats[m]);
      for (int i = 0; i < spec.foremen; ++i, ++m) add_person(st, t, Role::foreman, team_manager, cats[m]);
    }
  }
  if (central_size > 0) {
    st.central_team = st.teams();
    st.team_names.push_back("MT & HR");
    st.team_first.push_back(static_cast<std::uint32_t>(st.team_of.size()));
    for (int i = 0; i < org.mt; ++i) add_person(st, st.central_team, Role::mt, i == 0 ? -1 : first_mt, -1);
    for (int i = 0; i < org.hr; ++i) add_person(st, st.central_team, Role::hr, org.mt > 0 ? first_mt : -1, -1);
  }
}

// People from data: every person a method user in the group the data give; no managers.
void build_from_external(const ExternalNetwork& ext, Structure& st) {
  const int groups = static_cast<int>(ext.group_names.size());
  std::vector<int> size(static_cast<std::size_t>(groups), 0);
  for (int g : ext.group_of) ++size[static_cast<std::size_t>(g)];
  std::uint32_t first = 0;
  for (int g = 0; g < groups; ++g) {
    st.team_names.push_back(ext.group_names[static_cast<std::size_t>(g)]);
    st.team_first.push_back(first);
    first += static_cast<std::uint32_t>(size[static_cast<std::size_t>(g)]);
  }
  // io/ sorts people by group, so person index order is team order.
  for (std::size_t i = 0; i < ext.group_of.size(); ++i) {
    if (i > 0 && ext.group_of[i] < ext.group_of[i - 1]) throw std::invalid_argument("external network: people not sorted by group");
    add_person(st, ext.group_of[i], Role::supervisor, -1, -1);
  }
}

// People from a roster, as io/ sorted them: team by team, the staff group last.
void build_from_roster(const Roster& ro, Structure& st) {
  const int teams = static_cast<int>(ro.team_names.size());
  std::vector<int> size(static_cast<std::size_t>(teams), 0);
  for (int t : ro.team_of) ++size[static_cast<std::size_t>(t)];
  std::uint32_t first = 0;
  for (int t = 0; t < teams; ++t) {
    st.team_names.push_back(ro.team_names[static_cast<std::size_t>(t)]);
    st.team_first.push_back(first);
    first += static_cast<std::uint32_t>(size[static_cast<std::size_t>(t)]);
  }
  for (std::size_t i = 0; i < ro.team_of.size(); ++i) {
    if (i > 0 && ro.team_of[i] < ro.team_of[i - 1]) throw std::invalid_argument("roster: people not sorted by team");
    add_person(st, ro.team_of[i], ro.role[i], ro.manager_of[i], ro.category[i]);
  }
  st.names = ro.names;
  st.central_team = ro.central_team;
}

}  // namespace

Structure build_structure(const Scenario& s) {
  Structure st;
  if (s.organisation.network.kind == NetworkKind::external) {
    build_from_external(s.organisation.external, st);
    st.names = s.organisation.external.person_ids;
  } else if (!s.organisation.roster.empty()) {
    build_from_roster(s.organisation.roster, st);
  } else if (s.kind == ModelKind::bass && s.organisation.teams.empty()) {
    st.team_names.push_back("population");
    st.team_first.push_back(0);
    for (int i = 0; i < s.bass_agents; ++i) add_person(st, 0, Role::supervisor, -1, -1);
  } else {
    build_from_teams(s, st);
  }
  st.people = static_cast<int>(st.team_of.size());
  st.team_first.push_back(static_cast<std::uint32_t>(st.people));
  return st;
}

}  // namespace adoptsim
