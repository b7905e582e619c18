// The corpus of malformed inputs (tests/bad_inputs/, listed with what each must give in
// tests/bad_inputs/EXPECT): every file through `validate` and a reading command (`run` for
// scenarios, `calibrate` for observed data, `validate` of a scenario reading it for network
// lists). Each gives exit 2 with file:line:column and the expected key and message, or, where
// the file is valid (CRLF, a byte-order mark, Unicode in strings), is accepted. Never a crash,
// a hang or an output file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli_sandbox.hpp"
#include "fixtures.hpp"

using namespace adoptsim;
namespace fs = std::filesystem;

namespace {

struct Case {
  std::string file, expect;
};

std::vector<Case> corpus() {
  std::vector<Case> out;
  std::ifstream in(test::source_path("tests/bad_inputs/EXPECT"));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    out.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return out;
}

// Exit 2 naming file:line:column, the expected text, nothing written in the sandbox.
void check_refused(const test::Sandbox& box, const test::Outcome& r, const Case& c, const std::string& command) {
  CAPTURE(command);
  CAPTURE(r.err);
  CHECK(r.code == 2);
  CHECK(r.err.find(c.expect) != std::string::npos);
  CHECK(std::regex_search(r.err, std::regex(":[0-9]+:[0-9]+: ")));
  CHECK(r.err.find("0:0:") == std::string::npos);
  int written = 0;
  for (const auto& e : fs::recursive_directory_iterator(box.dir))
    written += e.path().filename() != "stdout" && e.path().filename() != "stderr" && e.path().extension() != ".toml";
  CHECK(written == 0);
}

}  // namespace

TEST_CASE("bad inputs: every file of the corpus is refused with file:line:column and key, or accepted where valid") {
  const auto cases = corpus();
  REQUIRE(cases.size() >= 60);
  const std::string src = ADOPTSIM_SOURCE_DIR, bin = ADOPTSIM_BINARY;
  int scenarios = 0, data = 0, networks = 0;
  for (const auto& c : cases) {
    CAPTURE(c.file);
    test::Sandbox box;
    const std::string path = "tests/bad_inputs/" + c.file;  // relative: run from the source folder
    const bool ok = c.expect == "ok";
    if (c.file.rfind("scenario/", 0) == 0) {
      ++scenarios;
      // Sandbox::run prefixes the binary: a harmless --version first, then the command from the source folder.
      const std::string in_src = "cd " + src + " && " + bin;
      const auto validate = box.run("--version > /dev/null; " + in_src + " validate " + path);
      if (ok) {
        CHECK_MESSAGE(validate.code == 0, validate.err);
        continue;
      }
      check_refused(box, validate, c, "validate");
      const auto run = box.run("--version > /dev/null; " + in_src + " run -q -r 1 -t 1 " + path + " --out " + (box.dir / "out.h5").string());
      check_refused(box, run, c, "run");
    } else if (c.file.rfind("data/", 0) == 0) {
      ++data;
      const bool cumulative = c.file.find("/cum_") != std::string::npos;
      box.write("cal.toml", "[calibration]\nscenario = \"" + src + "/scenarios/reference.toml\"\n[data]\nfile = \"" + src + "/" + path + "\"\n" +
                                (cumulative ? "format = \"cumulative_adoption\"\nweeks_per_period = 4\n" : "format = \"observations\"\n") +
                                "[[parameter]]\nname = \"stage.apply_rate\"\nprior = \"uniform\"\nmin = 0.02\nmax = 0.4\n");
      if (ok) continue;  // valid data: a whole calibration is too long for this test
      const auto cal = box.run("calibrate " + (box.dir / "cal.toml").string() + " -t 1 --out " + (box.dir / "c.h5").string());
      check_refused(box, cal, c, "calibrate");
    } else if (c.file.rfind("network/", 0) == 0) {
      ++networks;
      box.write("net.toml", "[scenario]\nname = \"n\"\nweeks = 10\n[network]\nkind = \"external\"\nnodes = \"" + src + "/" + path +
                                "\"\nedges = \"" + src + "/tests/bad_inputs/network/_edges.csv\"\n");
      const auto v = box.run("validate " + (box.dir / "net.toml").string());
      check_refused(box, v, c, "validate (network)");
    }
  }
  CHECK(scenarios >= 40);
  CHECK(data >= 10);
  CHECK(networks >= 5);
}

TEST_CASE("bad inputs: a symbolic link loop, a folder and a device as the scenario") {
  test::Sandbox box;
  fs::create_symlink(box.dir / "b.toml", box.dir / "a.toml");
  fs::create_symlink(box.dir / "a.toml", box.dir / "b.toml");
  fs::create_directories(box.dir / "folder.toml");
  for (const auto& entry : {std::pair<std::string, std::string>{(box.dir / "a.toml").string(), "is a symbolic link loop"},
                            {(box.dir / "folder.toml").string(), "is a directory, not a file"},
                            {"/dev/zero", "is not a regular file"}}) {
    // Named copies, not structured bindings: clang 14 cannot capture those in CAPTURE's lambda.
    const std::string& file = entry.first;
    const std::string& message = entry.second;
    CAPTURE(file);
    for (const std::string command : {"validate ", "run -q -r 1 "}) {
      const auto r = box.run(command + file + " --out " + (box.dir / "x.h5").string());
      if (command == "validate ") continue;  // validate has no --out; checked below
      CHECK(r.code == 2);
      CHECK(r.err.find(file + ":1:1: cannot read the scenario: the file " + message) != std::string::npos);
    }
    const auto v = box.run("validate " + file);
    CHECK(v.code == 2);
    CHECK(v.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(box.dir / "x.h5"));
  }
}
