#include "scale_out.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <vector>

#include "adoptsim_version.hpp"

namespace adoptsim::cli {

namespace {
std::vector<std::string> g_args;

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~!") == std::string::npos) return s;
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q.append("'\\''");
    else q.push_back(c);
  }
  q.push_back('\'');
  return q;
}
}  // namespace

std::filesystem::path checkpoint_path(const std::filesystem::path& out, const std::string& key, const std::string& suffix) {
  std::filesystem::path p = out;
  p += ".checkpoint-" + (key.size() > 8 ? key.substr(key.size() - 8) : key) + suffix;
  return p;
}

std::string result_key(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a
  const std::string all = std::string(ADOPTSIM_VERSION) + '\n' + text;
  for (unsigned char c : all) h = (h ^ c) * 0x100000001b3ULL;
  return fmt::format("adoptsim {} {:016x}", ADOPTSIM_VERSION, h);
}

void require_checkpoint(const std::filesystem::path& out, const std::filesystem::path& checkpoint, const std::string& suffix) {
  std::error_code ec;
  if (std::filesystem::exists(checkpoint, ec)) return;
  std::vector<std::string> others;
  const std::string prefix = out.filename().string() + ".checkpoint-";
  const std::filesystem::path dir = out.parent_path().empty() ? std::filesystem::path(".") : out.parent_path();
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());  // <key digits><suffix>
    if (rest.find('.') == (suffix.empty() ? std::string::npos : rest.size() - suffix.size()) && rest.ends_with(suffix))
      others.push_back(e.path().string());
  }
  if (others.empty()) throw std::invalid_argument(fmt::format("--resume: no checkpoint to continue from at {}", checkpoint.string()));
  throw std::invalid_argument(fmt::format("--resume: the checkpoint {} was made by a different scenario, seed, number of replicates "
                                          "or weeks, or another version; run without --resume to start again", others.front()));
}

void set_command_line(int argc, char** argv) { g_args.assign(argv, argv + argc); }

std::string resume_command() {
  std::string cmd;
  bool has_resume = false;
  for (std::size_t i = 0; i < g_args.size(); ++i) {
    std::string a = i == 0 ? std::string("adoptsim") : g_args[i];
    if (a == "--resume") has_resume = true;
    cmd += (i ? " " : "") + shell_quote(a);
  }
  if (!has_resume) cmd += " --resume";
  return cmd;
}

}  // namespace adoptsim::cli
