// HDF5 layout (P parameters, N particles, G generations, K observations, S series, T weeks + 1):
//   /                 attributes: program_version, name, config (text), config_path, scenario
//                     (text), scenario_path, algorithm, seed, replicates, threads, created,
//                     seconds, simulations, stop_reason
//   /parameters/      name, prior, min, max (P each)
//   /posterior/       particles (N x P, attribute parameter_names), weights, distances (N);
//                     mean, median, p05, p95 (P)
//   /generations/     epsilon, acceptance, evaluated, ess, seconds (G); particles (G x N x P),
//                     weights (G x N)                                      [ABC-SMC]
//   /point/           estimate (P), distance, evaluations, trace (best distance per evaluation)
//                                                                          [Nelder-Mead]
//   /fit/             week, indicator, group, observed, n, standard_error, predicted_mean,
//                     predicted_p05, predicted_p95 (K); curves/{series (S), mean, p05, p95 (S x T)}
//   /bass/            weeks, observed, model, bass (cumulative adopters), p, q, m, rmse,
//                     model_rmse                                           [diffusion data]
#include "write_calibration.hpp"

#include <fmt/format.h>
#include <fstream>

#include "atomic_file.hpp"
#include "h5_helpers.hpp"

namespace adoptsim::calibration {

using namespace h5;

namespace {

std::vector<double> row_major(const Eigen::MatrixXd& m) {
  std::vector<double> v;
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = 0; j < m.cols(); ++j) v.push_back(m(i, j));
  return v;
}

std::string indicator_name(const Series& s) {
  std::string out(kIndicatorNames[static_cast<std::size_t>(s.indicator)]);
  if (s.indicator == Indicator::stage) out.append(".").append(kStageNames[static_cast<std::size_t>(idx(s.stage))]);
  return out;
}

void write_file(H5::H5File& f, const CalibrationConfig& c, const CalibrationOutcome& o) {
  const Problem& p = c.problem;
  const auto names = p.space.names();
  const std::size_t np = names.size();
  set_text(f, "program_version", o.program_version);
  set_text(f, "name", c.name);
  set_text(f, "config", c.text);
  set_text(f, "config_path", c.path);
  set_text(f, "scenario", c.scenario.text);
  set_text(f, "scenario_path", c.scenario.path);
  set_text(f, "algorithm", kAlgorithmNames[static_cast<std::size_t>(c.algorithm)]);
  set_number<std::uint64_t>(f, "seed", c.seed);
  set_number<std::int32_t>(f, "replicates", p.replicates);
  set_number<std::int32_t>(f, "threads", o.threads);
  set_text(f, "created", o.created);
  set_number<double>(f, "seconds", o.seconds);
  set_number<std::int32_t>(f, "simulations", static_cast<std::int32_t>(std::min<long long>(o.simulations, 2147483647)));
  set_text(f, "stop_reason", o.abc ? o.abc->stop_reason : o.point ? o.point->stop_reason : "");
  set_number<double>(f, "coverage_90", coverage(p, o.fit));
  set_text(f, "stop_rule", o.abc ? std::string(kStopRuleNames[static_cast<std::size_t>(o.abc->stop_rule)]) : "");

  {
    H5::Group g = f.createGroup("parameters");
    labels(g, "parameter", names, "Fitted parameter.");
    H5::DataSet ds = write_strings(g, "name", names);
    describe(ds, "Fitted parameters: a row of the parameter table, or a family 'prefix.*' whose rows are multiplied by the value.", "", {"parameter"});
    std::vector<std::string> prior;
    std::vector<double> lo, hi;
    for (const auto& x : p.space.parameters) {
      prior.emplace_back(kPriorNames[static_cast<std::size_t>(x.prior)]);
      lo.push_back(x.min);
      hi.push_back(x.max);
    }
    ds = write_strings(g, "prior", prior);
    describe(ds, "Prior of each parameter: uniform or log_uniform between min and max.", "", {"parameter"});
    ds = write_column(g, "min", lo);
    describe(ds, "Lower bound of the prior.", "parameter units", {"parameter"});
    ds = write_column(g, "max", hi);
    describe(ds, "Upper bound of the prior.", "parameter units", {"parameter"});
  }
  {
    H5::Group g = f.createGroup("posterior");
    labels(g, "parameter", names, "Fitted parameter.");
    set_text(g, "description", o.abc ? "The last ABC-SMC generation: weighted particles approximating the posterior."
                                     : "The point estimate, as a single particle of weight 1.");
    H5::DataSet ds = write_matrix(g, "particles", row_major(o.particles), static_cast<std::size_t>(o.particles.rows()), np);
    describe(ds, "Parameter values of each particle.", "parameter units", {"particle", "parameter"});
    set_names(ds, "parameter_names", names);
    ds = write_column(g, "weights", o.weights);
    describe(ds, "Normalised importance weight of each particle.", "", {"particle"});
    if (o.abc) {
      ds = write_column(g, "distances", o.abc->generations.back().distances);
      describe(ds, "Distance of each particle's simulation to the data.", "root mean square standardised difference", {"particle"});
    }
    std::vector<double> mean, median, p05, p95;
    for (const auto& s : o.summary) {
      mean.push_back(s.mean);
      median.push_back(s.median);
      p05.push_back(s.p05);
      p95.push_back(s.p95);
    }
    for (auto [name, v, what] : {std::tuple{"mean", &mean, "Posterior mean."}, {"median", &median, "Posterior median."},
                                 {"p05", &p05, "5 % posterior quantile (lower end of the 90 % credible interval)."},
                                 {"p95", &p95, "95 % posterior quantile (upper end of the 90 % credible interval)."}}) {
      ds = write_column(g, name, *v);
      describe(ds, what, "parameter units", {"parameter"});
      set_names(ds, "parameter_names", names);
    }
  }
  if (o.abc) {
    const auto& gens = o.abc->generations;
    H5::Group g = f.createGroup("generations");
    labels(g, "parameter", names, "Fitted parameter.");
    std::vector<double> eps, acc, ess, sec, weights, particles;
    std::vector<std::int32_t> evaluated, reps;
    std::vector<double> noise_mean, noise_sd;
    for (const auto& x : gens) {
      reps.push_back(x.replicates);
      noise_mean.push_back(x.noise_mean);
      noise_sd.push_back(x.noise_sd);
      eps.push_back(x.epsilon);
      acc.push_back(x.acceptance);
      ess.push_back(x.ess);
      sec.push_back(x.seconds);
      evaluated.push_back(x.evaluated);
      weights.insert(weights.end(), x.weights.begin(), x.weights.end());
      const auto rm = row_major(x.particles);
      particles.insert(particles.end(), rm.begin(), rm.end());
    }
    H5::DataSet ds = write_column(g, "epsilon", eps);
    describe(ds, "Tolerance of each generation (inf: generation 0, the prior sample).", "distance", {"generation"});
    ds = write_column(g, "acceptance", acc);
    describe(ds, "Accepted / evaluated proposals.", "share 0-1", {"generation"});
    ds = write_column(g, "evaluated", evaluated);
    describe(ds, "Proposals simulated.", "simulations of `replicates` replicates", {"generation"});
    ds = write_column(g, "ess", ess);
    describe(ds, "Effective sample size 1 / sum(w^2).", "particles", {"generation"});
    ds = write_column(g, "replicates", reps);
    describe(ds, "Replicates simulated per evaluation (adaptive: see the noise columns).", "replicates", {"generation"});
    ds = write_column(g, "noise_mean", noise_mean);
    describe(ds, "Mean distance of the median particle re-simulated after the generation (0: not measured).", "distance", {"generation"});
    ds = write_column(g, "noise_sd", noise_sd);
    describe(ds, "Standard deviation of that distance.", "distance", {"generation"});
    ds = write_column(g, "seconds", sec);
    describe(ds, "Wall time of the generation.", "s", {"generation"});
    const std::size_t n = static_cast<std::size_t>(gens.front().particles.rows());
    ds = create<double>(g, "particles", {gens.size(), n, np});
    ds.write(particles.data(), H5Of<double>::mem());
    describe(ds, "Particles of every generation.", "parameter units", {"generation", "particle", "parameter"});
    set_names(ds, "parameter_names", names);
    ds = write_matrix(g, "weights", weights, gens.size(), n);
    describe(ds, "Weights of every generation.", "", {"generation", "particle"});
  }
  if (o.point) {
    H5::Group g = f.createGroup("point");
    labels(g, "parameter", names, "Fitted parameter.");
    H5::DataSet ds = write_column(g, "estimate", p.space.from_unit(o.point->best));
    describe(ds, "Nelder-Mead point estimate (common random numbers).", "parameter units", {"parameter"});
    set_names(ds, "parameter_names", names);
    set_number<double>(g, "distance", o.point->value);
    set_number<std::int32_t>(g, "evaluations", o.point->evaluations);
    ds = write_column(g, "trace", o.point->trace);
    describe(ds, "Best distance after each evaluation.", "distance", {"evaluation"});
    std::vector<std::int8_t> on_bound;
    for (bool b : o.point->on_bound) on_bound.push_back(b ? 1 : 0);
    on_bound.resize(names.size(), 0);
    ds = write_column(g, "on_bound", on_bound);
    describe(ds, "1 where the estimate lies on a bound of its prior (within 0.1 % of the range): widen the range or read it as a limit.", "",
             {"parameter"});
    set_text(g, "stop_reason", o.point->stop_reason);
  }
  {
    H5::Group g = f.createGroup("fit");
    set_text(g, "description", fmt::format("The data against {} simulations drawn from the posterior (or run at the point estimate).", o.fit.draws));
    std::vector<std::int32_t> week;
    std::vector<std::string> indicator, group;
    std::vector<double> observed, n, se;
    for (const auto& x : p.observations) {
      week.push_back(x.week);
      indicator.push_back(indicator_name(x.series));
      group.push_back(x.series.group.name);
      observed.push_back(x.value);
      n.push_back(x.n);
      se.push_back(standard_error(x, p.distance));
    }
    H5::DataSet ds = write_column(g, "week", week);
    describe(ds, "Week of the observation.", "week", {"observation"});
    ds = write_strings(g, "indicator", indicator);
    describe(ds, "What was observed: applying, adopted, skill, skill_trained, reaction, stage.<stage>.", "", {"observation"});
    ds = write_strings(g, "group", group);
    describe(ds, "Whose value: everyone, users, role:<role>, category:<category>, team:<name>.", "", {"observation"});
    ds = write_column(g, "observed", observed);
    describe(ds, "Observed value.", "share or score 0-1", {"observation"});
    ds = write_column(g, "n", n);
    describe(ds, "Sample size of the observation.", "people", {"observation"});
    ds = write_column(g, "standard_error", se);
    describe(ds, "Sampling standard error implied by n (the distance's weight).", "share or score 0-1", {"observation"});
    ds = write_column(g, "predicted_mean", o.fit.mean);
    describe(ds, "Mean of the simulated value.", "share or score 0-1", {"observation"});
    ds = write_column(g, "predicted_p05", o.fit.p05);
    describe(ds, "5 % quantile of the simulated value.", "share or score 0-1", {"observation"});
    ds = write_column(g, "predicted_p95", o.fit.p95);
    describe(ds, "95 % quantile of the simulated value.", "share or score 0-1", {"observation"});
    H5::Group cg = g.createGroup("curves");
    std::vector<std::string> labels;
    std::vector<double> mean, p05, p95;
    for (const auto& b : o.fit.curves) {
      labels.push_back(b.series.label());
      mean.insert(mean.end(), b.mean.begin(), b.mean.end());
      p05.insert(p05.end(), b.p05.begin(), b.p05.end());
      p95.insert(p95.end(), b.p95.begin(), b.p95.end());
    }
    const std::size_t weeks = o.fit.curves.empty() ? 0 : o.fit.curves.front().mean.size();
    ds = write_strings(cg, "series", labels);
    describe(ds, "Each observed series: indicator | group.", "", {"series"});
    for (auto [name, v, what] : {std::tuple{"mean", &mean, "Mean simulated value per week."}, {"p05", &p05, "5 % quantile per week."},
                                 {"p95", &p95, "95 % quantile per week."}}) {
      ds = write_matrix(cg, name, *v, o.fit.curves.size(), weeks);
      describe(ds, what, "share or score 0-1", {"series", "week"});
    }
  }
  if (o.bass) {
    const BassComparison& b = *o.bass;
    H5::Group g = f.createGroup("bass");
    set_text(g, "description", "Cumulative adopters of the whole population: data, the model's posterior predictive mean, and the closed-form "
                               "Bass model N(t) = m F(t) fitted by least squares (t in survey periods).");
    std::vector<std::int32_t> weeks(b.weeks.begin(), b.weeks.end());
    H5::DataSet ds = write_column(g, "weeks", weeks);
    describe(ds, "Week of each data point.", "week", {"point"});
    ds = write_column(g, "periods", b.periods);
    describe(ds, "Survey period of each data point (week / weeks_per_period).", "period", {"point"});
    for (auto [name, v, what] : {std::tuple{"observed", &b.observed, "Observed cumulative adopters."},
                                 {"model", &b.model, "The model's mean cumulative adopters."},
                                 {"bass", &b.bass, "The fitted Bass curve's cumulative adopters."}}) {
      ds = write_column(g, name, *v);
      describe(ds, what, "people", {"point"});
    }
    set_number<double>(g, "p", b.fit.p);
    set_number<double>(g, "q", b.fit.q);
    set_number<double>(g, "m", b.fit.m);
    set_number<double>(g, "rmse", b.fit.rmse);
    set_number<double>(g, "model_rmse", b.model_rmse);
  }
}

}  // namespace

void write_calibration_h5(const std::string& path, const CalibrationConfig& c, const CalibrationOutcome& o) {
  h5::write_file(path, [&](H5::H5File& file) { write_file(file, c, o); });
}

void write_fit_csv(const std::string& path, const CalibrationConfig& c, const Fit& fit) {
  std::string text = "week,indicator,group,observed,n,observed_p05,observed_p95,predicted_mean,predicted_p05,predicted_p95\n";
  auto csv_cell = [](const std::string& s) { return s.find_first_of(",\"") == std::string::npos ? s : "\"" + s + "\""; };
  for (std::size_t k = 0; k < c.problem.observations.size(); ++k) {
    const Observation& o = c.problem.observations[k];
    const double se = standard_error(o, c.problem.distance);
    text += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", o.week, indicator_name(o.series), csv_cell(o.series.group.name), o.value, o.n,
                        std::max(0.0, o.value - 1.645 * se), std::min(1.0, o.value + 1.645 * se), fit.mean[k], fit.p05[k], fit.p95[k]);
  }
  write_text_atomically(path, text);
}

}  // namespace adoptsim::calibration
