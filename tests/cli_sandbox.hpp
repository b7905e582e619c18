// Running the built `adoptsim` in a fresh directory per test, for the command-line tests.
#pragma once
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace adoptsim::test {

namespace fs = std::filesystem;

struct Outcome {
  int code = -1;
  std::string out, err;
};

inline std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh directory per test, removed at the end.
struct Sandbox {
  fs::path dir;
  Sandbox() {
    dir = fs::temp_directory_path() / ("adoptsim-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    fs::create_directories(dir);
  }
  ~Sandbox() { fs::remove_all(dir); }
  static int& counter() {
    static int n = 0;
    return n;
  }
  Outcome run(const std::string& args) const {
    const std::string cmd = std::string(ADOPTSIM_BINARY) + " " + args + " > " + (dir / "stdout").string() + " 2> " + (dir / "stderr").string();
    const int status = std::system(cmd.c_str());
    return {WEXITSTATUS(status), slurp(dir / "stdout"), slurp(dir / "stderr")};
  }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return dir / name;
  }
  int files() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::recursive_directory_iterator(dir)) ++n;
    return n;
  }
};

// The checkpoint a command keeps beside `out` (its name carries the command's key): the one file in
// out's folder named <out's name>.checkpoint-*<suffix>, or an empty path when there is none.
inline fs::path checkpoint_beside(const fs::path& out, const std::string& suffix) {
  fs::path found;
  const std::string prefix = out.filename().string() + ".checkpoint-";
  for (const auto& e : fs::directory_iterator(out.parent_path())) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.size() >= prefix.size() + suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 && name.find('.', prefix.size()) == (suffix.empty() ? std::string::npos : name.size() - suffix.size()))
      found = e.path();
  }
  return found;
}

}  // namespace adoptsim::test
