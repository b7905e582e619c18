// Reading a scenario file (TOML, format in scenarios/README.md) into the engine's Scenario.
// Every problem found is reported, each naming file, line, column and key; nothing is guessed.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace adoptsim {

struct Diagnostic {
  std::string file;
  int line = 0, column = 0;
  std::string key;      // dotted path of the offending key, e.g. intervention[3].group_size
  std::string message;
  std::string str() const;  // "file:line:column: key: message"
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> d);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

struct LoadedScenario {
  Scenario scenario;
  std::string path;  // as given
  std::string text;  // the file's full text, stored with the results
};

// Reads and validates a scenario file. Throws ScenarioError listing every problem.
LoadedScenario load_scenario(const std::filesystem::path& path);

// The same with command-line overrides, each "NAME=VALUE" (`--set`): NAME a parameter or a dotted
// scenario key, VALUE a TOML value (a bare word is a string). The overridden scenario is
// validated like a file; messages about an override name it ("--set NAME=VALUE:1:1: key: ...").
// `text` is then the effective scenario (the file with the overrides applied, as TOML).
LoadedScenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides);

// `s` as a TOML basic string, quotes and escapes included.
std::string toml_quoted(std::string_view s);

// The same from text; `path` names the source in messages and resolves relative data files.
Scenario parse_scenario(std::string_view text, const std::string& path);

// Checks a Scenario built in code (or changed after loading) with the same rules as the file
// loader: weeks within the horizon, non-empty targets, group caps of at least 1, and so on.
std::vector<Diagnostic> check_scenario(const Scenario& s, const std::string& source = "<scenario>");

// Levenshtein distance, for "did you mean".
int edit_distance(std::string_view a, std::string_view b);

}  // namespace adoptsim
