#include "roster.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <unordered_map>

#include "csv.hpp"

namespace adoptsim {

std::vector<Category> categories_from_scores(const std::vector<double>& scores) {
  double mean = 0, var = 0;
  for (double x : scores) mean += x;
  mean /= std::max<std::size_t>(1, scores.size());
  for (double x : scores) var += (x - mean) * (x - mean);
  const double sd = scores.size() > 1 ? std::sqrt(var / static_cast<double>(scores.size() - 1)) : 0.0;
  std::vector<Category> out;
  for (double x : scores) {
    Category c = Category::late_majority;
    if (x > mean + 2 * sd) c = Category::innovator;
    else if (x > mean + sd) c = Category::early_adopter;
    else if (x > mean) c = Category::early_majority;
    else if (x >= mean - sd) c = Category::late_majority;
    else c = Category::laggard;
    out.push_back(c);
  }
  return out;
}

namespace {

// "Early adopter", "early-adopter" and "early_adopter" name the same category.
std::string normalised(std::string_view s) {
  std::string out;
  for (char ch : s) out += (ch == ' ' || ch == '-') ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

template <class List>
std::string listed(const List& list) {
  std::string s;
  for (auto n : list) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

}  // namespace

Roster load_roster(const std::string& path, std::vector<Diagnostic>& problems) {
  Roster ro;
  ro.path = path;
  const std::size_t before = problems.size();
  const CsvTable t = read_csv(path, problems);
  if (t.header.empty()) return ro;
  auto required = [&](const auto& names, const char* what) {
    const int c = t.column_of(names);
    if (c < 0) problems.push_back({path, 1, 1, "", fmt::format("no {} column: none of {} is in the header", what, listed(names))});
    return c;
  };
  const int name_col = required(kRosterNameColumns, "name");
  const int team_col = required(kRosterTeamColumns, "team");
  const int role_col = required(kRosterRoleColumns, "role");
  const int manager_col = t.column_of(kRosterManagerColumns);
  const int category_col = t.column_of(kRosterCategoryColumns);
  const int score_col = t.column_of(kRosterScoreColumns);
  if (name_col < 0 || team_col < 0 || role_col < 0) return ro;
  auto problem = [&](const CsvRow& row, int col, std::string message) {
    problems.push_back({path, row.line, col + 1, t.header[static_cast<std::size_t>(col)], std::move(message)});
  };

  // Rows in file order.
  struct Person {
    const CsvRow* row;
    std::string name;
    int team;
    Role role;
    int category = -1;
    bool scored = false;
    double score = 0;
  };
  std::vector<Person> people;
  std::unordered_map<std::string, int> by_name, team_index;
  std::vector<std::string> teams;
  for (const CsvRow& row : t.rows) {
    const auto cell = [&](int c) -> const std::string& { return row.cells[static_cast<std::size_t>(c)]; };
    bool ok = true;
    if (cell(name_col).empty()) problem(row, name_col, "empty name"), ok = false;
    if (cell(team_col).empty()) problem(row, team_col, fmt::format("'{}' has no team", cell(name_col))), ok = false;
    const auto role = from_name<Role>(kRoleNames, normalised(cell(role_col)));
    if (!role) problem(row, role_col, fmt::format("unknown role '{}'; one of {}", cell(role_col), listed(kRoleNames))), ok = false;
    Person p{&row, cell(name_col), 0, role.value_or(Role::supervisor)};
    if (category_col >= 0 && !cell(category_col).empty()) {
      if (const auto c = from_name<Category>(kCategoryNames, normalised(cell(category_col)))) p.category = idx(*c);
      else problem(row, category_col, fmt::format("unknown category '{}'; one of {}", cell(category_col), listed(kCategoryNames))), ok = false;
    } else if (score_col >= 0 && !cell(score_col).empty()) {
      if (const auto x = parse_double(cell(score_col)); x && std::isfinite(*x)) p.scored = true, p.score = *x;
      else problem(row, score_col, fmt::format("score '{}' is not a number", cell(score_col))), ok = false;
    }
    if (!ok) continue;
    if (auto [it, fresh] = by_name.emplace(p.name, static_cast<int>(people.size())); !fresh) {
      problem(row, name_col, fmt::format("'{}' appears twice (first on line {})", p.name, people[static_cast<std::size_t>(it->second)].row->line));
      continue;
    }
    auto [team, fresh] = team_index.emplace(cell(team_col), static_cast<int>(teams.size()));
    if (fresh) teams.push_back(cell(team_col));
    p.team = team->second;
    people.push_back(std::move(p));
  }
  if (people.empty() && problems.size() == before) problems.push_back({path, 1, 1, "", "no people in the roster"});

  // Categories from scores: Rogers' cut over everyone scored.
  std::vector<double> scores;
  for (const Person& p : people)
    if (p.scored) scores.push_back(p.score);
  const std::vector<Category> derived = categories_from_scores(scores);
  for (std::size_t k = 0, s = 0; k < people.size(); ++k)
    if (people[k].scored) people[k].category = idx(derived[s++]);

  // The staff group: the first team whose members are all MT or HR; it goes last.
  std::vector<int> staff_only(teams.size(), 1);
  for (const Person& p : people)
    if (p.role != Role::mt && p.role != Role::hr) staff_only[static_cast<std::size_t>(p.team)] = 0;
  const auto staff = std::find(staff_only.begin(), staff_only.end(), 1);
  const int central = staff == staff_only.end() || teams.size() < 2 ? -1 : static_cast<int>(staff - staff_only.begin());
  std::vector<int> team_order;  // new team index -> file team index
  for (int k = 0; k < static_cast<int>(teams.size()); ++k)
    if (k != central) team_order.push_back(k);
  if (central >= 0) team_order.push_back(central);
  std::vector<int> new_team(teams.size());
  for (std::size_t k = 0; k < team_order.size(); ++k) new_team[static_cast<std::size_t>(team_order[k])] = static_cast<int>(k);
  for (int k : team_order) ro.team_names.push_back(teams[static_cast<std::size_t>(k)]);
  if (central >= 0) ro.central_team = static_cast<int>(teams.size()) - 1;

  // Team by team, managers first, else file order.
  std::vector<int> order(people.size());
  for (std::size_t k = 0; k < order.size(); ++k) order[k] = static_cast<int>(k);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const Person &x = people[static_cast<std::size_t>(a)], &y = people[static_cast<std::size_t>(b)];
    const int tx = new_team[static_cast<std::size_t>(x.team)], ty = new_team[static_cast<std::size_t>(y.team)];
    if (tx != ty) return tx < ty;
    return (x.role == Role::manager) > (y.role == Role::manager);
  });
  std::vector<int> person_of(people.size());
  for (std::size_t k = 0; k < order.size(); ++k) person_of[static_cast<std::size_t>(order[k])] = static_cast<int>(k);
  for (int f : order) {
    const Person& p = people[static_cast<std::size_t>(f)];
    ro.names.push_back(p.name);
    ro.team_of.push_back(new_team[static_cast<std::size_t>(p.team)]);
    ro.role.push_back(p.role);
    ro.category.push_back(static_cast<std::int8_t>(p.category));
  }

  // Managers: as given, else the default of the header comment.
  std::vector<int> first_manager(teams.size(), -1);
  int first_mt = -1;
  for (std::size_t i = 0; i < ro.names.size(); ++i) {
    if (ro.role[i] == Role::manager && first_manager[static_cast<std::size_t>(ro.team_of[i])] < 0) first_manager[static_cast<std::size_t>(ro.team_of[i])] = static_cast<int>(i);
    if (ro.role[i] == Role::mt && first_mt < 0) first_mt = static_cast<int>(i);
  }
  ro.manager_of.assign(ro.names.size(), -1);
  for (int f : order) {
    const Person& p = people[static_cast<std::size_t>(f)];
    const auto i = static_cast<std::size_t>(person_of[static_cast<std::size_t>(f)]);
    const std::string none;
    const std::string& given = manager_col >= 0 ? p.row->cells[static_cast<std::size_t>(manager_col)] : none;
    if (!given.empty()) {
      const auto it = by_name.find(given);
      if (it == by_name.end()) problem(*p.row, manager_col, fmt::format("manager '{}' is not in the roster", given));
      else if (it->second == f) problem(*p.row, manager_col, fmt::format("'{}' cannot be their own manager", given));
      else ro.manager_of[i] = person_of[static_cast<std::size_t>(it->second)];
    } else if (is_method_user(p.role)) {
      ro.manager_of[i] = first_manager[static_cast<std::size_t>(ro.team_of[i])];
    } else if (p.role == Role::hr) {
      ro.manager_of[i] = first_mt;
    }
  }
  return ro;
}

}  // namespace adoptsim
