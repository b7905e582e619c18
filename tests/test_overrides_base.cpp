// Overrides and inheritance (issue 14, item 3): `--set` on run, compare, sensitivity and optimise
// through one implementation, and scenarios that say `base = "..."` and change only what differs.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <filesystem>
#include <functional>
#include <string>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"
#include "scenario_loader.hpp"
#include "scenario_writer.hpp"

namespace fs = std::filesystem;
using adoptsim::test::Outcome;
using adoptsim::test::Sandbox;
using adoptsim::test::slurp;
using namespace adoptsim;

namespace {

const std::string reference = adoptsim::test::source_path("scenarios/reference.toml");

std::string attribute(const fs::path& file, const char* name) {
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  const H5::Attribute a = f.openAttribute(name);
  std::string s;
  a.read(a.getStrType(), s);
  return s;
}

std::vector<std::string> strings(const fs::path& file, const char* dataset) {
  H5::H5File f(file.string(), H5F_ACC_RDONLY);
  H5::DataSet ds = f.openDataSet(dataset);
  hsize_t n = 0;
  ds.getSpace().getSimpleExtentDims(&n);
  std::vector<char*> raw(n);
  const H5::StrType type = ds.getStrType();
  ds.read(raw.data(), type);
  std::vector<std::string> out(raw.begin(), raw.end());
  H5Dvlen_reclaim(type.getId(), ds.getSpace().getId(), H5P_DEFAULT, raw.data());
  return out;
}

// The messages of a ScenarioError, one per line.
std::string messages_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("--set on compare, sensitivity and optimise: applied, recorded in the result file, bad ones exit 2 naming option and key") {
  Sandbox box;
  const std::string managers_last = adoptsim::test::source_path("scenarios/managers-last.toml");
  const fs::path cmp = box.dir / "cmp.h5";
  Outcome o = box.run("compare " + reference + " " + managers_last + " --set scenario.weeks=110 --set goal.week=26 --set stage.apply_rate=0.3 -r 2 -q --out " +
                      cmp.string() + " --chart " + (box.dir / "c.png").string());
  REQUIRE(o.code == 0);
  const auto texts = strings(cmp, "/programmes/scenario");
  REQUIRE(texts.size() == 2);
  for (const auto& t : texts) CHECK(t.find("--set scenario.weeks=110 --set goal.week=26 --set stage.apply_rate=0.3") != std::string::npos);
  {
    H5::H5File f(cmp.string(), H5F_ACC_RDONLY);
    int weeks = 0;
    f.openAttribute("weeks").read(H5::PredType::NATIVE_INT32, &weeks);
    CHECK(weeks == 110);  // the override reached the runs
  }
  o = box.run("compare " + reference + " " + managers_last + " --set stage.apply_rate=7 -q --out " + (box.dir / "bad.h5").string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set stage.apply_rate=7:1:") != std::string::npos);
  CHECK(o.err.find("parameters.stage.apply_rate") != std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "bad.h5"));

  const fs::path sens = box.dir / "sens.h5";
  o = box.run("sensitivity " + reference + " --set scenario.weeks=110 --set goal.week=20 --output applying@20 --method morris --param stage.apply_rate=0.05:0.2"
              " --trajectories 2 --replicates 1 --out " + sens.string());
  REQUIRE(o.code == 0);
  CHECK(attribute(sens, "scenario").find("--set scenario.weeks=110") != std::string::npos);
  o = box.run("sensitivity " + reference + " --set goal.wek=3 --out " + (box.dir / "bad.h5").string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set goal.wek=3:1:") != std::string::npos);
  CHECK(o.err.find("goal.wek") != std::string::npos);

  const fs::path opt = box.dir / "opt.h5";
  o = box.run("optimise " + reference + " --set costs.project_leader_rate=80 --goal 99%@20 -r 4 --screen 4 --knob training_sessions=4 --knob training_spacing=3"
              " --knob intervision_every=0 --knob actor_sessions=0 --knob coaching_capacity=0 --knob refresher_every=0"
              " --knob masterclasses_first=1 --knob mandatory=1 -q --out " + opt.string() + " --save " + (box.dir / "best.toml").string() +
              " --chart " + (box.dir / "o.png").string());
  REQUIRE(o.code == 0);
  CHECK(attribute(opt, "scenario").find("--set costs.project_leader_rate=80") != std::string::npos);
  o = box.run("optimise " + reference + " --set costs.project_leader_rate=-1 --goal 0.5@52 --out " + (box.dir / "bad.h5").string());
  CHECK(o.code == 2);
  CHECK(o.err.find("--set costs.project_leader_rate=-1:1:") != std::string::npos);
  CHECK(o.err.find("costs.project_leader_rate") != std::string::npos);
}

TEST_CASE("base = \"...\": tables merge key by key, other values and arrays of tables replace the base's") {
  Sandbox box;
  const Scenario ref = load_scenario(reference).scenario;
  const fs::path child = box.write("child.toml", "base = \"" + reference + "\"\n"
                                                  "[scenario]\nname = \"child\"\n"
                                                  "[goal]\nshare = 0.5\n"
                                                  "[parameters]\n\"stage.apply_rate\" = 0.2\n");
  const LoadedScenario c = load_scenario(child);
  CHECK(c.scenario.name == "child");
  CHECK(c.scenario.weeks == ref.weeks);                     // from the base's [scenario]
  CHECK(c.scenario.goal.share == 0.5);                      // [goal] merged key by key...
  CHECK(c.scenario.goal.roles == ref.goal.roles);           // ...the base's other goal keys stay
  CHECK(c.scenario.parameters[Param::apply_rate] == 0.2);
  CHECK(c.scenario.programme.size() == ref.programme.size());
  CHECK(c.scenario.organisation.teams.size() == ref.organisation.teams.size());
  CHECK(c.scenario.base_file == fs::path(reference).lexically_normal().string());
  // The stored text is the merged scenario: read on its own, without the base, it is the same.
  CHECK(c.text.find("base =") == std::string::npos);
  const Scenario again = parse_scenario(c.text, "effective.toml");
  CHECK(to_toml(again) == to_toml(c.scenario));

  // An array of tables in the file replaces the base's whole array.
  const fs::path one = box.write("one.toml", "base = \"" + reference + "\"\n"
                                              "[[intervention]]\nname = \"Only training\"\ntype = \"basic_training\"\nweeks = [3, 6]\n");
  const Scenario o = load_scenario(one).scenario;
  REQUIRE(o.programme.size() == 1);
  CHECK(o.programme[0].name == "Only training");
  CHECK(o.organisation.teams.size() == ref.organisation.teams.size());

  // Relative to the file's folder, and in a chain: grandchild -> child -> reference.
  fs::create_directories(box.dir / "sub");
  box.write("sub/grandchild.toml", "base = \"../child.toml\"\n[scenario]\nweeks = 120\n[goal]\nweek = 40\n");
  const Scenario g = load_scenario(box.dir / "sub/grandchild.toml").scenario;
  CHECK(g.name == "child");
  CHECK(g.weeks == 120);
  CHECK(g.goal.share == 0.5);
  CHECK(g.parameters[Param::apply_rate] == 0.2);
}

TEST_CASE("base = \"...\": cycles, missing bases and bad values are file:line:column errors; a base's own mistakes name the base") {
  Sandbox box;
  box.write("a.toml", "[scenario]\nname = \"a\"\nbase = 1\n");
  box.write("b.toml", "# b\nbase = \"c.toml\"\n");
  box.write("c.toml", "\n\nbase = \"b.toml\"\n");
  box.write("d.toml", "base = \"missing.toml\"\n");
  box.write("self.toml", "base = \"self.toml\"\n");
  box.write("badbase.toml", "[scenario]\nname = \"x\"\nweeks = -3\n");
  box.write("e.toml", "base = \"badbase.toml\"\n");
  // `base` is a top-level key: inside [scenario] it is an unknown key of that table.
  CHECK(messages_of([&] { load_scenario(box.dir / "a.toml"); }).find("scenario.base") != std::string::npos);
  std::string m = messages_of([&] { load_scenario(box.dir / "b.toml"); });
  CHECK(m.find((box.dir / "c.toml").string() + ":3:8: base: 'b.toml' builds on itself") != std::string::npos);
  m = messages_of([&] { load_scenario(box.dir / "self.toml"); });
  CHECK(m.find("self.toml:1:8: base: 'self.toml' builds on itself") != std::string::npos);
  m = messages_of([&] { load_scenario(box.dir / "d.toml"); });
  CHECK(m.find("d.toml:1:8: base: cannot read the base scenario 'missing.toml'") != std::string::npos);
  CHECK(m.find("does not exist") != std::string::npos);
  m = messages_of([&] { load_scenario(box.dir / "e.toml"); });
  CHECK(m.find((box.dir / "badbase.toml").string() + ":3:9: scenario.weeks") != std::string::npos);
  box.write("f.toml", "base = \"\"\n");
  CHECK(messages_of([&] { load_scenario(box.dir / "f.toml"); }).find("f.toml:1:8: base: must be the file name") != std::string::npos);
  // From the command line: exit 2, the message, nothing written.
  const Outcome o = box.run("run " + (box.dir / "b.toml").string() + " -q --out " + (box.dir / "x.h5").string());
  CHECK(o.code == 2);
  CHECK(o.err.find("builds on itself") != std::string::npos);
  CHECK_FALSE(fs::exists(box.dir / "x.h5"));
}

TEST_CASE("base and --set together: the file's keys over the base's, the overrides over both; run stores the effective text") {
  Sandbox box;
  const fs::path child = box.write("child.toml", "base = \"" + reference + "\"\n[scenario]\nname = \"child\"\nweeks = 110\n[goal]\nweek = 40\n");
  const LoadedScenario l = load_scenario(child, {"scenario.weeks=120", "goal.week=30"});
  CHECK(l.scenario.weeks == 120);
  CHECK(l.scenario.name == "child");
  CHECK(l.text.find("--set scenario.weeks=120") != std::string::npos);
  CHECK(to_toml(parse_scenario(l.text, "effective.toml")) == to_toml(l.scenario));
  // The run's file holds the effective scenario, which reruns to the same numbers without the base.
  const fs::path out = box.dir / "child.h5", again = box.dir / "again.h5";
  REQUIRE(box.run("run " + child.string() + " -r 2 --seed 4 -q --out " + out.string()).code == 0);
  const fs::path effective = box.write("effective.toml", attribute(out, "scenario"));
  REQUIRE(box.run("run " + effective.string() + " -r 2 --seed 4 -q --out " + again.string()).code == 0);
  H5::H5File a(out.string(), H5F_ACC_RDONLY), b(again.string(), H5F_ACC_RDONLY);
  auto read = [](H5::H5File& f) {
    H5::DataSet ds = f.openDataSet("/timeseries/applying");
    std::vector<float> v(static_cast<std::size_t>(ds.getSpace().getSimpleExtentNpoints()));
    ds.read(v.data(), H5::PredType::NATIVE_FLOAT);
    return v;
  };
  CHECK(read(a).size() == 2 * 111);
  CHECK(read(a) == read(b));
}

TEST_CASE("the scenario writer keeps base = and writes only the differences") {
  Sandbox box;
  fs::create_directories(box.dir / "mine");
  const fs::path child = box.write("mine/child.toml", "base = \"" + reference + "\"\n[scenario]\nname = \"child\"\n[goal]\nshare = 0.55\n");
  Scenario s = load_scenario(child).scenario;
  s.parameters[Param::skill_decay] = 0.025;  // a change made after loading, as the live lab or the optimiser make them
  s.programme[2].hours = 3.5;
  fs::create_directories(box.dir / "out");
  const fs::path saved = box.dir / "out" / "saved.toml";
  save_scenario(s, saved, "saved by a test");
  const std::string text = slurp(saved);
  CHECK(text.find("# saved by a test") == 0);
  CHECK(text.find("base = ") != std::string::npos);
  CHECK(text.find("[[organisation.team]]") == std::string::npos);  // unchanged: left to the base
  CHECK(text.find("skill.decay") != std::string::npos);
  CHECK(text.find("share = 0.55") != std::string::npos);
  CHECK(text.find("[[intervention]]") != std::string::npos);  // a changed array of tables is written whole
  CHECK(text.size() < slurp(reference).size());
  const Scenario back = load_scenario(saved).scenario;
  CHECK(to_toml(back) == to_toml(s));
  // Without a base (or when the base is gone) the whole scenario is written.
  s.base_file = (box.dir / "gone.toml").string();
  save_scenario(s, saved);
  CHECK(slurp(saved).find("base =") == std::string::npos);
  CHECK(to_toml(load_scenario(saved).scenario) == to_toml(s));
}
