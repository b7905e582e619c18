#include "optimise_report.hpp"

#include <cmath>
#include <fmt/format.h>

#include "compare_report.hpp"
#include "cost_table.hpp"
#include "report.hpp"
#include "terminal.hpp"

namespace adoptsim::cli {

std::string knobs_text(const ProgrammeKnobs& k) {
  std::string t = fmt::format("{} basic training sessions {} weeks apart", k.training_sessions, k.training_spacing);
  t += k.intervision_every > 0 ? fmt::format(", intervision every {} weeks in groups of at most {}", k.intervision_every, k.intervision_group_size)
                               : ", no intervision";
  t += k.actor_sessions > 0 ? fmt::format(", {} actor sessions", k.actor_sessions) : ", no actor sessions";
  t += k.coaching_capacity > 0 ? fmt::format(", coaching on the job for {} per round", k.coaching_capacity) : ", no coaching on the job";
  t += k.refresher_every > 0 ? fmt::format(", refreshers every {} weeks", k.refresher_every) : ", no refreshers";
  t += k.masterclasses_first ? ", managers' masterclasses first" : ", managers' masterclasses after the training";
  t += k.mandatory ? ", training compulsory" : ", training voluntary";
  return t;
}

namespace {

std::string probability_text(const Proportion& p) { return fmt::format("{} [{}, {}]", fixed(p.estimate, 2), fixed(p.low, 2), fixed(p.high, 2)); }

std::string money_interval(const Interval& iv) { return fmt::format("{} [{}, {}]", money(iv.mean), money(iv.p05), money(iv.p95)); }

}  // namespace

std::string optimise_report(const OptimiseReport& r) {
  const Scenario& s = *r.base;
  const OptimiseSettings& set = *r.settings;
  const OptimiseResult& res = *r.result;
  std::string out = fmt::format("adoptsim {} | optimise {} | {} people in {} teams | {} weeks | seed {} | {} threads\n", r.version, s.name, r.people,
                                r.teams, s.weeks, set.seed, set.threads);
  out += fmt::format("Goal: {}, with probability at least {}", goal_text(s.goal), fixed(set.confidence, 2));
  out += set.budget > 0 ? fmt::format(" | budget {} {}\n", money(set.budget), s.currency) : " | no budget\n";

  out += fmt::format("\nSearch space: {} combinations of the programme knobs, {} distinct programmes\n", money(static_cast<double>(r.combinations)),
                     money(static_cast<double>(res.candidates.size())));
  for (std::size_t k = 0; k < kKnobTable.size(); ++k) {
    std::string values;
    for (int v : r.grid->values[k]) values += (values.empty() ? "" : ", ") + std::to_string(v);
    if (values.empty()) values = "as written";
    out += fmt::format("  {:<24}{:<14}{}\n", kKnobTable[k].name, values, kKnobTable[k].meaning);
  }
  out += fmt::format("\nRacing on common random numbers (every programme on replicates 0, 1, 2, ...); a programme leaves the\n"
                     "race when a one-sided test at the {} level shows it over budget, unable to reach P(goal) {},\n"
                     "or dearer than a programme that surely reaches it.\n",
                     percent(set.alpha, 1), fixed(set.confidence, 2));
  Table stages({"stage", "replicates", "programmes", "over budget", "cannot reach", "dearer", "simulations"});
  for (std::size_t k = 0; k < res.stages.size(); ++k) {
    const RaceStage& st = res.stages[k];
    stages.row({std::to_string(k + 1), std::to_string(st.replicates), money(st.programmes), money(st.over_budget), money(st.cannot_reach),
                money(st.dearer), money(static_cast<double>(st.simulations))});
  }
  out += stages.str();
  int left = 0;
  for (const auto& c : res.candidates) left += c.eliminated == Elimination::none ? 1 : 0;
  out += fmt::format("  {} programme{} stayed to the end\n", left, left == 1 ? "" : "s");

  const ProgrammeKnobs own = read_knobs(s);
  out += fmt::format("\nFrontier: cost against the probability of reaching the goal ({} replicates each; * = the winner; cost: what the budget covers, {})\n",
                     set.replicates, s.budget_covers == BudgetCovers::all ? "staff time included" : "out of pocket, no staff time");
  Table frontier({"", s.budget_covers == BudgetCovers::all ? "mean cost" : "out of pocket", "P(goal)", "90% interval", "sessions", "spacing", "intervision", "size", "actors", "coaching", "refresher",
                  "MC first", "mandatory", ""});
  int point = 0;
  for (int i : res.frontier) {
    const Candidate& c = res.candidates[static_cast<std::size_t>(i)];
    const Proportion p = c.probability();
    std::string note = i == res.winner ? "*" : "";
    if (set.budget > 0 && c.mean_cost() > set.budget) note += note.empty() ? "over budget" : " over budget";
    if (c.knobs == own) note += note.empty() ? "your programme" : ", your programme";
    const auto& k = c.knobs;
    frontier.row({std::to_string(++point), money(c.mean_cost()), fixed(p.estimate, 2), fmt::format("[{}, {}]", fixed(p.low, 2), fixed(p.high, 2)),
                  std::to_string(k.training_sessions), std::to_string(k.training_spacing), k.intervision_every ? std::to_string(k.intervision_every) : "-",
                  k.intervision_every ? std::to_string(k.intervision_group_size) : "-", std::to_string(k.actor_sessions),
                  std::to_string(k.coaching_capacity), k.refresher_every ? std::to_string(k.refresher_every) : "-", k.masterclasses_first ? "yes" : "no",
                  k.mandatory ? "yes" : "no", note});
  }
  out += frontier.str();

  if (res.winner < 0) {
    out += fmt::format("\nNo programme in the space reaches the goal with probability {} or more{}.\n", fixed(set.confidence, 2),
                       set.budget > 0 ? " within the budget" : "");
    if (r.best_within_budget) {
      const Candidate& b = *r.best_within_budget;
      out += fmt::format("The likeliest{}: {}\n  P(goal) {}, mean cost {} {}\n", set.budget > 0 ? " within the budget" : "", knobs_text(b.knobs),
                         probability_text(b.probability()), money(b.mean_cost()), s.currency);
    }
    return out;
  }
  const Candidate& w = res.candidates[static_cast<std::size_t>(res.winner)];
  out += fmt::format("\nThe cheapest programme that reaches the goal with probability {} or more{}:\n", fixed(set.confidence, 2),
                     set.budget > 0 ? " within the budget" : "");
  out += "  " + knobs_text(w.knobs) + "\n";
  out += fmt::format("  on the search's {} replicates: P(goal) {}, cost {} {}\n", w.n(), probability_text(w.probability()), money_interval(w.cost_interval()),
                     s.currency);
  out += fmt::format("  on {} fresh replicates:       P(goal) {}, cost {} {}\n", r.confirmed.n, probability_text(r.confirmed), money_interval(r.confirmed_cost),
                     s.currency);
  if (set.budget > 0) out += "  " + budget_line(r.confirmed_budget) + " (fresh replicates)\n";
  if (r.confirmed.estimate < set.confidence)
    out += fmt::format("  note: on the fresh replicates it falls short of {}; the search's estimate was lucky. The next frontier\n"
                       "  point up is the safer choice.\n", fixed(set.confidence, 2));
  if (r.versus_own) {
    const Comparison& c = *r.versus_own;
    out += fmt::format("\nAgainst the scenario's own programme ({} replicates, paired)\n", w.n());
    Table t({"metric", "own programme", "winner", "difference", "90% interval"});
    for (const char* name : {"goal_probability", "goal_group_deadline", "applying_week_52", "applying_week_104", "total_cost", "cost_per_adopter", "peak_resistance",
                             "kirkpatrick_L2_learning"}) {
      const int k = c.metric(name);
      if (k < 0) continue;
      const MetricDef& m = c.metrics[static_cast<std::size_t>(k)];
      const MetricSummary& a = c.summary[0][static_cast<std::size_t>(k)];
      const MetricSummary& b = c.summary[1][static_cast<std::size_t>(k)];
      auto iv = [&](double lo, double hi) {
        std::string l = metric_difference_text(m.kind, lo), h = metric_difference_text(m.kind, hi);
        if (m.kind == MetricKind::share) l = l.substr(0, l.size() - 4), h = h.substr(0, h.size() - 4);
        return "[" + l + ", " + h + "]";
      };
      t.row({m.label, metric_value_text(m.kind, a.value.mean), metric_value_text(m.kind, b.value.mean), metric_difference_text(m.kind, b.difference.mean),
             iv(b.difference.p05, b.difference.p95)});
    }
    out += t.str();
    if (set.budget > 0) out += "  own programme: " + budget_line(r.own_budget) + "\n";
  }
  return out;
}

}  // namespace adoptsim::cli
