// Real networks: people, groups and ties read from CSV files (scenario [network] kind = "external").
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "scenario_writer.hpp"

using namespace adoptsim;
namespace fs = std::filesystem;

namespace {

std::string external_scenario(const std::string& nodes, const std::string& edges, const std::string& extra = "") {
  return "[scenario]\nname = \"villages\"\nweeks = 20\n[network]\nkind = \"external\"\nnodes = \"" + nodes + "\"\nedges = \"" + edges + "\"\n" + extra;
}

std::string shared_data(const std::string& file) { return test::source_path("../shared/data/" + file); }

std::string shared_scenario(const std::string& study) {
  return external_scenario(shared_data(study + "_nodes.csv"), shared_data(study + "_edges.csv"),
                           "id = \"node_id\"\ngroup = \"village\"\nsource = \"ego\"\ntarget = \"alter\"\n"
                           "edge_filter = { alter_surveyed = 1, self_loop = 0 }\n");
}

struct TempFiles {
  fs::path dir = fs::temp_directory_path() / ("adoptsim-ext-" + std::to_string(::getpid()));
  TempFiles() { fs::create_directories(dir); }
  ~TempFiles() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

std::vector<std::string> messages(const std::string& text) {
  try {
    parse_scenario(text, "test.toml");
  } catch (const ScenarioError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.str());
    return out;
  }
  return {};
}

bool contains(const std::vector<std::string>& v, const std::string& part) {
  for (const auto& s : v)
    if (s.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("the shared diffusion data sets load as real networks") {
  if (!fs::exists(shared_data("kfamily_nodes.csv"))) {
    MESSAGE("skipped: ../shared/data (the netdiffuseR data sets) is not beside the repository");
    return;
  }
  struct Expect {
    std::string study;
    int people, groups, ties, edge_rows, kept_rows;
  };
  // Counts from the files: people and villages in the node list; rows of the edge list, rows
  // with alter_surveyed = 1 and self_loop = 0, and distinct undirected ties among them.
  for (const Expect& x : {Expect{"kfamily", 1047, 25, 3931, 19301, 16436}, Expect{"brfarmers", 692, 11, 1717, 2927, 2860}}) {
    CAPTURE(x.study);
    const Scenario s = parse_scenario(shared_scenario(x.study), x.study + ".toml");
    const ExternalNetwork& ext = s.organisation.external;
    CHECK(ext.person_ids.size() == static_cast<std::size_t>(x.people));
    CHECK(ext.group_names.size() == static_cast<std::size_t>(x.groups));
    CHECK(ext.edges.size() == static_cast<std::size_t>(x.ties));
    CHECK(ext.edge_rows == x.edge_rows);
    CHECK(ext.edge_rows - ext.filtered == x.kept_rows);
    CHECK(ext.unknown_dropped == 0);
    CHECK(std::is_sorted(ext.group_of.begin(), ext.group_of.end()));
    // The engine builds one team per village and ties exactly those of the data.
    const Model m(s, 1, 0);
    CHECK(m.structure().people == x.people);
    CHECK(m.structure().teams() == x.groups);
    CHECK(m.network().ties() == static_cast<std::uint64_t>(x.ties));
  }
  // kfamily: person 1002 of village 1 names 1023 (a surveyed alter) for advice on child education.
  const Scenario k = parse_scenario(shared_scenario("kfamily"), "kfamily.toml");
  const auto& ids = k.organisation.external.person_ids;
  const int a = static_cast<int>(std::find(ids.begin(), ids.end(), "1002") - ids.begin());
  const int b = static_cast<int>(std::find(ids.begin(), ids.end(), "1023") - ids.begin());
  const auto& e = k.organisation.external.edges;
  CHECK(std::find(e.begin(), e.end(), std::pair{std::min(a, b), std::max(a, b)}) != e.end());
  CHECK(k.organisation.external.group_names[static_cast<std::size_t>(k.organisation.external.group_of[static_cast<std::size_t>(a)])] == "1");
}

TEST_CASE("an external network: people sorted by group, data ids kept, ties deduplicated") {
  TempFiles t;
  const std::string nodes = t.write("nodes.csv", "id,group\n# a comment line\nx1,north\ny1,south\nx2,north\n\"y 2\",south\n");
  const std::string edges = t.write("edges.csv", "source,target,kind\nx1,y1,a\ny1,x1,b\nx2,\"y 2\",a\nx2,x2,a\n");
  const Scenario s = parse_scenario(external_scenario(nodes, edges), "t.toml");
  const ExternalNetwork& ext = s.organisation.external;
  CHECK(ext.group_names == std::vector<std::string>{"north", "south"});
  CHECK(ext.person_ids == std::vector<std::string>{"x1", "x2", "y1", "y 2"});
  CHECK(ext.group_of == std::vector<int>{0, 0, 1, 1});
  CHECK(ext.edges == std::vector<std::pair<int, int>>{{0, 2}, {1, 3}});
  CHECK(ext.repeated == 1);
  CHECK(ext.self_loops == 1);
  const Structure st = build_structure(s);
  CHECK(st.team_names == std::vector<std::string>{"north", "south"});
  CHECK(st.users == 4);

  SUBCASE("an edge filter keeps only matching rows") {
    const Scenario f = parse_scenario(external_scenario(nodes, edges, "edge_filter = { kind = \"a\" }\n"), "t.toml");
    CHECK(f.organisation.external.filtered == 1);
    CHECK(f.organisation.external.edges.size() == 2);  // x1-y1 survives through its "a" row
  }
  SUBCASE("written back and read again: the same people and ties") {
    const Scenario back = parse_scenario(to_toml(s), "back.toml");
    CHECK(back.organisation.external.person_ids == ext.person_ids);
    CHECK(back.organisation.external.edges == ext.edges);
    CHECK(back.organisation.external.source.nodes == nodes);
    CHECK(to_toml(back) == to_toml(s));
  }
}

TEST_CASE("external network errors name file, line and column") {
  TempFiles t;
  const std::string nodes = t.write("nodes.csv", "id,group\n1,a\n2,a\n1,b\n3,\n");
  const std::string edges = t.write("edges.csv", "source,target\n1,2\n2,9\n1,2,3\n");
  const auto m = messages(external_scenario(nodes, edges));
  CHECK(contains(m, nodes + ":4:1: id: id '1' appears twice (first on line 2)"));
  CHECK(contains(m, nodes + ":5:2: group: person '3' has no group"));
  CHECK(contains(m, edges + ":3:2: target: '9' is not in the node list"));
  CHECK(contains(m, edges + ":4:1: 3 fields, but the header has 2 columns"));

  // Ties to unknown people are dropped only when the scenario says so, and counted.
  const std::string clean_nodes = t.write("clean.csv", "id,group\n1,a\n2,a\n");
  const std::string some_unknown = t.write("unknown.csv", "source,target\n1,2\n2,9\n");
  CHECK(contains(messages(external_scenario(clean_nodes, some_unknown)), "'9' is not in the node list"));
  const Scenario dropped = parse_scenario(external_scenario(clean_nodes, some_unknown, "unknown_ties = \"drop\"\n"), "t.toml");
  CHECK(dropped.organisation.external.unknown_dropped == 1);
  CHECK(dropped.organisation.external.edges.size() == 1);

  const auto cols = messages(external_scenario(clean_nodes, some_unknown, "group = \"village\"\nedge_filter = { surveyed = 1 }\n"));
  CHECK(contains(cols, "test.toml:8:9: network.group: no column 'village' in the header of " + clean_nodes));
  CHECK(contains(cols, "network.edge_filter.surveyed: no column 'surveyed'"));
  CHECK(contains(messages(external_scenario(t.dir.string() + "/missing.csv", some_unknown)), "network.nodes: the file " + t.dir.string() + "/missing.csv does not exist"));
  CHECK(contains(messages("[scenario]\nname = \"x\"\n[network]\nkind = \"small_world\"\nnodes = \"n.csv\"\n"),
                 "network.nodes: only for kind = \"external\""));
}

TEST_CASE("an external network restricted to chosen groups: their people and the ties among them") {
  TempFiles t;
  const std::string nodes = t.write("nodes.csv", "id,group\na1,A\nb1,B\na2,A\nc1,7\nb2,B\n");
  // a1-a2 inside A; a1-b1 and b2-a2 cross to a group left out; b1-b2 inside B; a2-c1 to group 7.
  const std::string edges = t.write("edges.csv", "source,target\na1,a2\na1,b1\nb2,a2\nb1,b2\na2,c1\n");
  SUBCASE("one group: a village by itself") {
    const Scenario s = parse_scenario(external_scenario(nodes, edges, "groups = [\"A\"]\n"), "t.toml");
    const ExternalNetwork& ext = s.organisation.external;
    CHECK(ext.person_ids == std::vector<std::string>{"a1", "a2"});
    CHECK(ext.group_names == std::vector<std::string>{"A"});
    CHECK(ext.edges == std::vector<std::pair<int, int>>{{0, 1}});
    CHECK(ext.outside_groups == 4);  // a1-b1, b2-a2, b1-b2, a2-c1: not errors, though b1, b2, c1 are no one here
    CHECK(ext.people_left_out == 3);
    CHECK(ext.unknown_dropped == 0);
    const Model m(s, 1, 0);
    CHECK(m.structure().people == 2);
    CHECK(m.network().ties() == 1u);
    // Written back, the scenario keeps the restriction.
    CHECK(parse_scenario(to_toml(s), "back.toml").organisation.external.person_ids == ext.person_ids);
  }
  SUBCASE("two groups, one named by a number") {
    const Scenario s = parse_scenario(external_scenario(nodes, edges, "groups = [\"B\", 7]\n"), "t.toml");
    const ExternalNetwork& ext = s.organisation.external;
    CHECK(ext.person_ids == std::vector<std::string>{"b1", "b2", "c1"});  // groups in node-list order: B, then 7
    CHECK(ext.edges == std::vector<std::pair<int, int>>{{0, 1}});
    CHECK(ext.outside_groups == 4);
  }
  SUBCASE("errors name the scenario's line and key") {
    CHECK(contains(messages(external_scenario(nodes, edges, "groups = [\"A\", \"Z\"]\n")),
                   "test.toml:8:10: network.groups: group 'Z' is not in the node list " + nodes));
    CHECK(contains(messages(external_scenario(nodes, edges, "groups = []\n")), "test.toml:8:10: network.groups: must be a non-empty list"));
    CHECK(contains(messages(external_scenario(nodes, edges, "groups = [\"A\", \"A\"]\n")), "test.toml:8:16: network.groups: group 'A' is named twice"));
    CHECK(contains(messages(external_scenario(nodes, edges, "groups = [1.5]\n")), "network.groups: group names are strings or whole numbers"));
    // Ties to an id in no group at all are still errors.
    const std::string unknown = t.write("unknown.csv", "source,target\na1,zz\n");
    CHECK(contains(messages(external_scenario(nodes, unknown, "groups = [\"A\"]\n")), "'zz' is not in the node list"));
  }
}
