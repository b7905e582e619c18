// The decision commands as a user meets them: what they print and write, and bad input.
#include <doctest/doctest.h>

#include <H5Cpp.h>

#include <map>
#include <set>
#include <sstream>
#include <string>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "knobs.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");
const std::string managers_last = adoptsim::test::source_path("scenarios/managers-last.toml");

}  // namespace

TEST_CASE("adoptsim compare: tables per programme, HDF5 and CSV files, paired differences") {
  Sandbox box;
  const fs::path out = box.dir / "cmp.h5", csv = box.dir / "csv";
  const Outcome o = box.run("compare " + reference + " " + managers_last + " -r 6 -t 2 --out " + out.string() + " --csv " + csv.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("compare 2 programmes") != std::string::npos);
  CHECK(o.out.find("managers-last (") != std::string::npos);
  CHECK(o.out.find("vs reference") != std::string::npos);
  CHECK(o.out.find("Costs by kind") != std::string::npos);
  CHECK(o.out.find("budget 850,000") != std::string::npos);
  const std::string compare_csv = slurp(csv / "compare.csv"), costs_csv = slurp(csv / "costs.csv");
  CHECK(compare_csv.find("managers-last,applying_week_52,") != std::string::npos);
  CHECK(costs_csv.find("managers-last,total,total,") != std::string::npos);
  H5::H5File f(out.string(), H5F_ACC_RDONLY);
  hsize_t dims[3];
  f.openDataSet("/metrics/values").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 2);
  CHECK(dims[2] == 6);
  f.openDataSet("/timeseries/applying").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[2] == 105);
  // The chart: a PNG next to the HDF5 file.
  const std::string png = slurp(box.dir / "cmp.png");
  CHECK(png.size() > 10000);
  CHECK(png.rfind("\x89PNG", 0) == 0);
  CHECK(o.out.find("chart: " + (box.dir / "cmp.png").string()) != std::string::npos);
  CHECK(box.files() == 7);  // stdout, stderr, cmp.h5, cmp.png, csv/ with two files: no temporaries left
}

TEST_CASE("adoptsim compare: a programme over its budget is warned about, in the table and on stderr") {
  Sandbox box;
  std::string text = slurp(reference);
  text.replace(text.find("amount = 850000"), 15, "amount = 500000");
  const fs::path poor = box.write("poor.toml", text);
  const Outcome o = box.run("compare " + poor.string() + " " + managers_last + " -r 3 --out " + (box.dir / "x.h5").string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("budget 500,000 (covers all costs, staff time included): EXCEEDED") != std::string::npos);
  CHECK(o.err.find("warning: programme 'reference' costs") != std::string::npos);
  CHECK(o.err.find("warning: programme 'managers-last' costs") != std::string::npos);  // the first's budget applies to all
  CHECK(o.out.find("note: " + managers_last + ": its budget is replaced") != std::string::npos);
}

TEST_CASE("adoptsim compare: bad input gives exit code 2 and writes nothing") {
  Sandbox box;
  const fs::path out = box.dir / "cmp.h5";
  CHECK(box.run("compare " + reference + " --out " + out.string()).code == 2);  // one programme
  std::string text = slurp(reference);
  text.replace(text.find("weeks = 104"), 11, "weeks = 90");
  text.replace(text.find("until = 104\ntarget = { status = \"all\" }"), 11, "until = 90");
  text.replace(text.find("until = 104\ntarget = { roles = [\"supervisor\", \"foreman\"], status = \"trained\" }"), 11, "until = 90");
  text.replace(text.find("until = 104\ntarget = { roles = [\"supervisor\", \"foreman\", \"manager\"]"), 11, "until = 90");
  text.replace(text.find("until = 100"), 11, "until = 88");
  const fs::path shorter = box.write("shorter.toml", text);
  REQUIRE(box.run("validate " + shorter.string()).code == 0);
  Outcome o = box.run("compare " + reference + " " + shorter.string() + " --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("one horizon") != std::string::npos);
  const fs::path bad = box.write("bad.toml", "[scenario]\nname = 3\n");
  o = box.run("compare " + reference + " " + bad.string() + " --out " + out.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("bad.toml:") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("adoptsim optimise: race, frontier, the winner as a scenario file that adoptsim run accepts") {
  Sandbox box;
  const fs::path out = box.dir / "opt.h5", save = box.dir / "best.toml", csv = box.dir / "csv";
  const std::string space = " --knob training_sessions=6,8 --knob training_spacing=5 --knob intervision_every=8 --knob intervision_group_size=8"
                            " --knob actor_sessions=0 --knob coaching_capacity=0,4 --knob refresher_every=13 --knob masterclasses_first=1 --knob mandatory=1";
  const Outcome o = box.run("optimise " + reference + " --goal 50%@52 --confidence 0.6 --budget 900000 -r 8 --screen 4 -t 2" + space + " --out " +
                            out.string() + " --save " + save.string() + " --csv " + csv.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("4 distinct programmes") != std::string::npos);
  CHECK(o.out.find("Frontier") != std::string::npos);
  CHECK(o.out.find("The cheapest programme that reaches the goal with probability 0.60 or more within the budget") != std::string::npos);
  CHECK(o.out.find("simulations in") != std::string::npos);
  const std::string winner = slurp(save);
  CHECK(winner.find("# Written by adoptsim") == 0);
  CHECK(winner.find("name = \"reference-optimised\"") != std::string::npos);
  CHECK(winner.find("share = 0.5\n") != std::string::npos);  // the goal of the command line
  CHECK(box.run("run " + save.string() + " -r 2 -q --out " + (box.dir / "run.h5").string()).code == 0);
  CHECK(slurp(csv / "frontier.csv").rfind("cost_mean,cost_p05,cost_p95,goal_probability", 0) == 0);
  H5::H5File f(out.string(), H5F_ACC_RDONLY);
  hsize_t dims[2];
  f.openDataSet("/programmes/knobs").getSpace().getSimpleExtentDims(dims);
  CHECK(dims[0] == 4);
  CHECK(dims[1] == adoptsim::kKnobTable.size());
  CHECK(slurp(box.dir / "opt.png").rfind("\x89PNG", 0) == 0);
}

TEST_CASE("adoptsim optimise: no programme good enough, a clear message and the likeliest saved as such (issue 11, 5c)") {
  Sandbox box;
  const fs::path save = box.dir / "best.toml";
  const Outcome o = box.run("optimise " + reference + " --goal 99%@20 -r 4 --screen 4 --knob training_sessions=4 --knob training_spacing=3"
                            " --knob intervision_every=0 --knob actor_sessions=0 --knob coaching_capacity=0 --knob refresher_every=0"
                            " --knob masterclasses_first=1 --knob mandatory=1 --out " + (box.dir / "o.h5").string() + " --save " + save.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("No programme in the space reaches the goal") != std::string::npos);
  CHECK(o.out.find("The likeliest") != std::string::npos);
  CHECK(o.err.find("the likeliest was written to " + save.string() + " (it does not reach the goal)") != std::string::npos);
  const std::string text = slurp(save);
  CHECK(text.find("No programme of the knob grid reached the goal") != std::string::npos);
  CHECK(text.find("does NOT reach the goal") != std::string::npos);
  CHECK(box.run("validate " + save.string()).code == 0);
}

TEST_CASE("adoptsim optimise says which interventions it takes from the knob templates (issue 11, 5c)") {
  Sandbox box;
  // The roster scenario has no coaching on the job and no refreshers: the knobs add them from the templates.
  std::string text = slurp(adoptsim::test::source_path("scenarios/roster.toml"));
  const std::string relative = "\"scenarios/roster-example.csv\"";
  REQUIRE(text.find(relative) != std::string::npos);
  text.replace(text.find(relative), relative.size(), "\"" + adoptsim::test::source_path("scenarios/roster-example.csv") + "\"");
  const std::string roster = box.write("roster.toml", text).string();
  const Outcome o = box.run("optimise " + roster + " --goal 50%@52 -r 4 --screen 4 -q --knob training_sessions=6 --knob training_spacing=5"
                            " --knob intervision_every=0 --knob actor_sessions=0 --knob coaching_capacity=0,4 --knob refresher_every=13"
                            " --knob masterclasses_first=1 --knob mandatory=1 --out " + (box.dir / "o.h5").string() + " --save " +
                            (box.dir / "w.toml").string());
  REQUIRE(o.code == 0);
  CHECK(o.err.find("note: 'Coaching on the job' (coaching_on_the_job): the scenario has none, so the programmes with it use the template") !=
        std::string::npos);
  CHECK(o.err.find("(refresher): the scenario has none") != std::string::npos);
  CHECK(o.err.find("(actor_session): the scenario has none") == std::string::npos);  // it has actor sessions
  // The scenario's own interventions: nothing borrowed.
  const Outcome own = box.run("optimise " + reference + " --goal 50%@52 -r 4 --screen 4 -q --knob training_sessions=6 --knob training_spacing=5"
                              " --knob intervision_every=8 --knob actor_sessions=0 --knob coaching_capacity=4 --knob refresher_every=13"
                              " --knob masterclasses_first=1 --knob mandatory=1 --out " + (box.dir / "o2.h5").string() + " --save " +
                              (box.dir / "w2.toml").string());
  REQUIRE(own.code == 0);
  CHECK(own.err.find("the scenario has none") == std::string::npos);
}

TEST_CASE("adoptsim optimise: bad options give exit code 2 and write nothing") {
  Sandbox box;
  const std::string files = " --out " + (box.dir / "o.h5").string() + " --save " + (box.dir / "w.toml").string();
  for (const std::string bad : {"--goal 0.65", "--goal 1.5@52", "--goal 0.5@200", "--knob colour=1", "--knob training_sessions=99",
                                "--knob training_sessions=4,x", "--confidence 0"}) {
    CAPTURE(bad);
    const Outcome o = box.run("optimise " + reference + " " + bad + files);
    CHECK(o.code == 2);
    CHECK(o.err.find("adoptsim:") != std::string::npos);
  }
  CHECK(box.files() == 2);  // stdout and stderr
}

TEST_CASE("adoptsim groups: a proposal explained per group, in the scenario format, with its gain over random") {
  Sandbox box;
  const fs::path save = box.dir / "groups.toml";
  const Outcome o = box.run("groups " + reference + " --activity intervision --size 8 --evaluations 3 --search-replicates 2 -r 4 -t 2 --save " +
                            save.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("194 people in 25 groups of at most 8") != std::string::npos);
  CHECK(o.out.find("Known for sure: roles, teams") != std::string::npos);
  CHECK(o.out.find("Predicted gain over a random composition") != std::string::npos);
  CHECK(o.out.find("teammates per member") != std::string::npos);
  CHECK(o.out.find("categories fixed by the scenario: #1 innovator") != std::string::npos);
  CHECK(o.out.find("groups = [\n  [") != std::string::npos);
  const Outcome v = box.run("validate " + save.string());
  CHECK(v.code == 0);
  CHECK(slurp(save).find("groups = [") != std::string::npos);
}

TEST_CASE("adoptsim groups --csv: the trainer's planning list (group,name,team,role) of the proposal, honouring its constraints") {
  Sandbox box;
  std::string text = slurp(adoptsim::test::source_path("scenarios/roster.toml"));
  const std::string relative = "\"scenarios/roster-example.csv\"";
  REQUIRE(text.find(relative) != std::string::npos);
  const std::string roster_csv = adoptsim::test::source_path("scenarios/roster-example.csv");
  text.replace(text.find(relative), relative.size(), "\"" + roster_csv + "\"");
  const std::string roster = box.write("roster.toml", text).string();
  const fs::path save = box.dir / "g.toml", plan = box.dir / "plan.csv";
  const Outcome o = box.run("groups " + roster + " --activity intervision --evaluations 4 --search-replicates 2 -r 4 -t 2 --max-per-team 2 --save " +
                            save.string() + " --csv " + plan.string());
  REQUIRE(o.code == 0);
  CHECK(o.out.find("Written: " + plan.string() + " (the planning list: group,name,team,role)") != std::string::npos);
  // The roster: name -> (team, role).
  std::map<std::string, std::pair<std::string, std::string>> staff;
  {
    std::istringstream in(slurp(roster_csv));
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#' || line.rfind("name,", 0) == 0) continue;
      std::vector<std::string> cell;
      std::stringstream ls(line);
      for (std::string c; std::getline(ls, c, ',');) cell.push_back(c);
      REQUIRE(cell.size() >= 3);
      staff[cell[0]] = {cell[1], cell[2]};
    }
  }
  std::istringstream in(slurp(plan));
  std::string line;
  REQUIRE(std::getline(in, line));
  CHECK(line == "group,name,team,role");
  std::map<std::pair<int, std::string>, int> per_team;  // (group, team) -> people
  std::set<std::string> seen;
  int rows = 0, last_group = 1;
  while (std::getline(in, line)) {
    std::vector<std::string> cell;
    std::stringstream ls(line);
    for (std::string c; std::getline(ls, c, ',');) cell.push_back(c);
    REQUIRE(cell.size() == 4);
    CAPTURE(line);
    const int g = std::stoi(cell[0]);
    CHECK(g >= last_group);  // listed group by group
    last_group = g;
    REQUIRE(staff.count(cell[1]) == 1);  // a name from the roster ...
    CHECK(staff[cell[1]].first == cell[2]);  // ... with its team and role
    CHECK(staff[cell[1]].second == cell[3]);
    CHECK(seen.insert(cell[1]).second);  // everyone once
    CHECK(++per_team[{g, cell[2]}] <= 2);  // the constraint, checked on the output
    ++rows;
  }
  CHECK(rows > 10);
  // The same people as the groups written into the scenario file.
  const std::string scenario = slurp(save);
  for (const auto& name : seen) CHECK(scenario.find("\"" + name + "\"") != std::string::npos);
}

TEST_CASE("adoptsim groups: sessions without groups and unknown activities are refused with exit code 2") {
  Sandbox box;
  const fs::path save = box.dir / "groups.toml";
  Outcome o = box.run("groups " + reference + " --activity kick_off --save " + save.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("does not work in groups") != std::string::npos);
  o = box.run("groups " + reference + " --activity yoga --save " + save.string());
  CHECK(o.code == 2);
  CHECK(o.err.find("'Guided intervision' (intervision)") != std::string::npos);
  CHECK_FALSE(fs::exists(save));
}

TEST_CASE("adoptsim compare: two files with one name get distinct labels and a warning; the goal group's share leads (issue 11, 1 and 4)") {
  Sandbox box;
  const fs::path csv = box.dir / "csv";
  const Outcome o = box.run("compare " + reference + " " + reference + " -r 3 --out " + (box.dir / "c.h5").string() + " --csv " + csv.string());
  REQUIRE(o.code == 0);
  CHECK(o.err.find("warning: 2 programmes are named 'reference'") != std::string::npos);
  const std::string table = slurp(csv / "compare.csv");
  CHECK(table.find("\nreference #1,goal_group_deadline,") != std::string::npos);
  CHECK(table.find("\nreference #2,goal_group_deadline,") != std::string::npos);
  CHECK(o.out.find("goal group (supervisors), week 52") != std::string::npos);
  CHECK(o.out.find("users applying, week 52") != std::string::npos);
  CHECK(o.out.find("week goal reached (in ") != std::string::npos);
}
