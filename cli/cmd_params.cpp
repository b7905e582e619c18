// adoptsim params: the parameter table (name, unit, range, default, meaning).
#include <cstdio>
#include <fmt/format.h>

#include "commands.hpp"
#include "parameters.hpp"

namespace adoptsim::cli {

Command add_params(CLI::App& app) {
  auto markdown = std::make_shared<bool>(false);
  auto* sub = app.add_subcommand("params", "List every model parameter: name, unit, range, default and meaning");
  sub->add_flag("--markdown", *markdown, "Print as a Markdown table");
  return [markdown] {
    if (*markdown) {
      std::printf("| name | unit | min | max | default | meaning |\n|---|---|---|---|---|---|\n");
      for (const auto& p : kParamTable)
        std::printf("| `%s` | %s | %s | %s | %s | %s |\n", std::string(p.name).c_str(), std::string(p.unit).c_str(),
                    fmt::format("{:g}", p.min).c_str(), fmt::format("{:g}", p.max).c_str(), fmt::format("{:g}", p.default_value).c_str(),
                    std::string(p.meaning).c_str());
    } else {
      for (const auto& p : kParamTable)
        std::printf("%-38s %8s  [%g, %g]  %-14s %s\n", std::string(p.name).c_str(), fmt::format("{:g}", p.default_value).c_str(), p.min,
                    p.max, std::string(p.unit).c_str(), std::string(p.meaning).c_str());
    }
    return kExitOk;
  };
}

}  // namespace adoptsim::cli
