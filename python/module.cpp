// The Python module's native part (_adoptsim): loading scenarios, running ensembles and stepping a
// model, on the same engine and writer as the command line. python/adoptsim/__init__.py turns
// the results into xarray Datasets. Reference: docs/python.md.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <string>
#include <vector>

#include "adoptsim_version.hpp"
#include "comparison_files.hpp"
#include "ensemble.hpp"
#include "sweep.hpp"
#include "model.hpp"
#include "organisation.hpp"
#include "parameters.hpp"
#include "results_h5.hpp"
#include "scenario_loader.hpp"

namespace py = pybind11;
using namespace adoptsim;

namespace {

// One "file:line:column: key: message" per line, as the command line prints them.
std::string message_of(const ScenarioError& e) {
  std::string s;
  for (const auto& d : e.diagnostics()) s += (s.empty() ? "" : "\n") + d.str();
  return s.empty() ? e.what() : s;
}

RunMetadata metadata(const LoadedScenario& loaded, const Scenario& s, int threads) {
  return run_metadata(s, build_structure(s), loaded.path, loaded.text, threads, "");
}

// The bytes of the HDF5 results file `adoptsim run` would write for these options.
py::bytes run_image(const LoadedScenario& loaded, int replicates, std::int64_t seed, int threads, int weeks) {
  Scenario s = loaded.scenario;
  if (weeks > 0) s.weeks = weeks;
  if (replicates > 0) s.replicates = replicates;
  if (seed >= 0) s.seed = static_cast<std::uint64_t>(seed);
  const int t = threads > 0 ? threads : hardware_threads();
  std::vector<unsigned char> image;
  {
    py::gil_scoped_release free;  // other Python threads run while the ensemble does
    const std::vector<RunResult> runs = run_ensemble(s, s.seed, s.replicates, t);
    image = results_h5_image(metadata(loaded, s, t), runs);
  }
  return py::bytes(reinterpret_cast<const char*>(image.data()), image.size());
}

// The bytes of the HDF5 file `adoptsim compare` writes for the same scenarios and options.
py::bytes compare_image(const std::vector<std::string>& paths, const std::vector<std::string>& set, int replicates, std::int64_t seed, int threads) {
  std::vector<unsigned char> image;
  {
    ComparisonRun cmp(paths, set, replicates, seed, threads);
    py::gil_scoped_release free;
    cmp.run();
    image = comparison_h5_image(cmp.metadata(ADOPTSIM_VERSION, ""), cmp.compared(), cmp.comparison);
  }
  return py::bytes(reinterpret_cast<const char*>(image.data()), image.size());
}

// The tidy table `adoptsim sweep` writes (CSV text), for the same design and options.
std::string sweep_table(const std::string& path, const std::vector<std::string>& set, const std::vector<std::string>& vary, const std::string& design_csv,
                        int replicates, std::int64_t seed, int threads) {
  const SweepDesign design = design_csv.empty() ? full_factorial(vary) : read_design_csv(design_csv);
  if (design.points() == 0) throw std::invalid_argument("sweep needs a design: vary={name: [values]} or design=\"design.csv\"");
  const std::vector<LoadedScenario> points = load_sweep_points(path, set, design);
  SweepMetadata meta;
  meta.design = design;
  meta.seed = seed >= 0 ? static_cast<std::uint64_t>(seed) : points.front().scenario.seed;
  meta.replicates = replicates > 0 ? replicates : points.front().scenario.replicates;
  meta.weeks = points.front().scenario.weeks;
  meta.currency = points.front().scenario.currency;
  std::vector<std::vector<double>> values(points.size());
  {
    py::gil_scoped_release free;
    for (std::size_t p = 0; p < points.size(); ++p)
      values[p] = run_sweep_point(points[p].scenario, meta.seed, meta.replicates, threads > 0 ? threads : hardware_threads());
  }
  return sweep_csv(meta, values);
}

// A numpy array viewing `v` without a copy; `owner` keeps the memory alive.
template <class T, class Out = T>
py::array view(const std::vector<T>& v, py::handle owner) {
  static_assert(sizeof(T) == sizeof(Out));
  auto a = py::array_t<Out>({static_cast<py::ssize_t>(v.size())}, {static_cast<py::ssize_t>(sizeof(Out))},
                            reinterpret_cast<const Out*>(v.data()), owner);
  py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;  // state is read-only
  return a;
}

}  // namespace

PYBIND11_MODULE(_adoptsim, m) {
  m.doc() = "adoptsim's engine: scenarios, ensembles and a week-by-week model (see docs/python.md)";
  m.attr("__version__") = ADOPTSIM_VERSION;

  static py::exception<ScenarioError> scenario_error(m, "ScenarioError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioError& e) {
      scenario_error(message_of(e).c_str());
    }
  });

  py::class_<LoadedScenario>(m, "LoadedScenario")
      .def_property_readonly("name", [](const LoadedScenario& l) { return l.scenario.name; })
      .def_property_readonly("path", [](const LoadedScenario& l) { return l.path; })
      .def_property_readonly("text", [](const LoadedScenario& l) { return l.text; })
      .def_property_readonly("weeks", [](const LoadedScenario& l) { return l.scenario.weeks; })
      .def_property_readonly("replicates", [](const LoadedScenario& l) { return l.scenario.replicates; })
      .def_property_readonly("seed", [](const LoadedScenario& l) { return l.scenario.seed; });

  m.def("load_scenario", [](const std::string& path, const std::vector<std::string>& set) { return load_scenario(path, set); },
        py::arg("path"), py::arg("set") = std::vector<std::string>{},
        "Reads and validates a scenario file; raises ScenarioError with file:line:column: key: message lines.");
  m.def("run_image", &run_image, py::arg("scenario"), py::arg("replicates") = 0, py::arg("seed") = -1, py::arg("threads") = 0,
        py::arg("weeks") = 0, "The bytes of the HDF5 results file `adoptsim run` writes for the same options.");
  m.def("compare_image", &compare_image, py::arg("paths"), py::arg("set") = std::vector<std::string>{}, py::arg("replicates") = 0,
        py::arg("seed") = -1, py::arg("threads") = 0, "The bytes of the HDF5 file `adoptsim compare` writes for the same options.");
  m.def("sweep_table", &sweep_table, py::arg("path"), py::arg("set"), py::arg("vary"), py::arg("design"), py::arg("replicates") = 0,
        py::arg("seed") = -1, py::arg("threads") = 0, "The tidy CSV table `adoptsim sweep` writes for the same design and options.");
  m.def("parameter_table", [] {
    py::list rows;
    for (const auto& p : kParamTable)
      rows.append(py::make_tuple(std::string(p.name), std::string(p.unit), p.min, p.max, p.default_value, std::string(p.meaning)));
    return rows;
  });
  m.attr("stage_names") = std::vector<std::string>(kStageNames.begin(), kStageNames.end());
  m.attr("category_names") = std::vector<std::string>(kCategoryNames.begin(), kCategoryNames.end());
  m.attr("need_names") = std::vector<std::string>(kNeedNames.begin(), kNeedNames.end());

  // One replicate, week by week. State arrays are read-only numpy views of the model's own
  // memory (no copies): read them between steps, as the model changes them in place.
  py::class_<Model>(m, "Model")
      .def(py::init([](const LoadedScenario& s, std::uint64_t seed, int replicate) {
             return std::make_unique<Model>(s.scenario, seed, replicate);
           }),
           py::arg("scenario"), py::arg("seed"), py::arg("replicate") = 0, py::keep_alive<1, 2>())
      .def("step", [](Model& model) {
             if (model.done()) throw py::stop_iteration("the model is at its horizon");
             py::gil_scoped_release free;
             model.step();
           }, "Advances one week.")
      .def("run", [](Model& model) {
             py::gil_scoped_release free;
             while (!model.done()) model.step();
           }, "Steps to the horizon.")
      .def_property_readonly("week", &Model::week)
      .def_property_readonly("weeks", [](const Model& model) { return model.scenario().weeks; })
      .def_property_readonly("done", &Model::done)
      .def_property_readonly("people", [](const Model& model) { return model.agents().skill.size(); })
      .def_property_readonly("skill", [](py::object self) { return view(self.cast<const Model&>().agents().skill, self); })
      .def_property_readonly("resistance", [](py::object self) { return view(self.cast<const Model&>().agents().resistance, self); })
      .def_property_readonly("stage", [](py::object self) {
             return view<Stage, std::uint8_t>(self.cast<const Model&>().agents().stage, self);
           }, "Implementation stage of each person (index into stage_names).")
      .def_property_readonly("category", [](py::object self) {
             return view<Category, std::uint8_t>(self.cast<const Model&>().agents().category, self);
           }, "Adopter category of each person (index into category_names).")
      .def_property_readonly("needs", [](py::object self) {
             py::list out;
             for (const auto& v : self.cast<const Model&>().agents().need) out.append(view(v, self));
             return out;
           }, "Satisfaction of each basic need (need_names order): one array per need.")
      .def_property_readonly("applying", [](py::object self) {
             const Model& model = self.cast<const Model&>();
             const auto& v = model.result().applying;
             return py::array_t<float>({static_cast<py::ssize_t>(model.week() + 1)}, {static_cast<py::ssize_t>(sizeof(float))}, v.data(), self);
           }, "Share of the method's users applying, weeks 0 .. week (a view).");
}
