// The briefs (cli/html_brief.hpp) of `run` and `compare`: the question, the programmes, the
// headline figures with their intervals, P(goal), costs against the budget (both totals), the
// paired differences, the assumptions and how to read it.
#pragma once
#include <string>
#include <vector>

#include "compare_report.hpp"
#include "costs.hpp"
#include "html_brief.hpp"
#include "optimise_report.hpp"
#include "organisation.hpp"
#include "result.hpp"
#include "scenario.hpp"
#include "summary.hpp"

namespace adoptsim::cli {

struct BriefSource {
  std::string path, text;  // the scenario file as read
};

struct BriefInfo {
  std::string version, created;
  std::uint64_t seed = 0;
  int replicates = 0;
};

HtmlBrief run_brief(const Scenario& s, const BriefSource& source, const Structure& st, const EnsembleSummary& sum, const CostBreakdown& costs,
                    const BudgetCheck& budget, const std::vector<RunResult>& runs, const BriefInfo& info);

HtmlBrief compare_brief(const CompareReport& r, const std::vector<BriefSource>& sources, const std::vector<std::vector<RunResult>>& runs,
                        const BriefInfo& info);

// The brief of `optimise`: the question with the required probability, the space searched (and
// the interventions taken from the knob templates), the answer (the winner on fresh replicates,
// or the likeliest when none reaches the goal), the frontier with its row numbers as in the
// terminal table and the chart, the winner against the scenario's own programme (paired), both
// cost totals of the two against the budget, the assumptions and how to read it.
struct OptimiseBriefInput {
  const OptimiseReport* report = nullptr;  // the terminal report's data (cli/optimise_report.hpp)
  std::vector<std::string> borrowed;       // interventions taken from the knob templates, in words
  plot::Figure frontier;                   // the frontier chart (decision_charts.hpp)
  std::vector<CostBreakdown> costs;        // own programme, winner (on the paired replicates); empty without a winner
  std::vector<BudgetCheck> budgets;        // the same two
};
HtmlBrief optimise_brief(const OptimiseBriefInput& in, const BriefSource& source, const BriefInfo& info);

// The question a brief answers: the goal, and the budget if one is set.
std::string question_text(const Scenario& s);

// Assumptions common to the briefs: version, seed, replicates, horizon, creation time.
void add_assumptions(HtmlBrief& b, const Scenario& s, const BriefInfo& info, const std::vector<BriefSource>& sources);

}  // namespace adoptsim::cli
