#include "posterior_file.hpp"

#include <H5Cpp.h>

#include <cmath>
#include <filesystem>
#include <fmt/format.h>

#include "h5_helpers.hpp"
#include "scenario_loader.hpp"

namespace adoptsim {

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& key, const std::string& message) {
  throw ScenarioError({{path, 0, 0, key, message}});
}

std::vector<std::string> read_names(const H5::H5Object& obj, const char* name) {
  const H5::Attribute a = obj.openAttribute(name);
  const auto n = static_cast<std::size_t>(a.getSpace().getSimpleExtentNpoints());
  std::vector<char*> raw(n, nullptr);
  const H5::StrType type = h5::text_type();  // as written: variable-length UTF-8
  if (n > 0) a.read(type, raw.data());
  std::vector<std::string> out;
  for (char* p : raw) {
    out.emplace_back(p ? p : "");
    H5free_memory(p);
  }
  return out;
}

}  // namespace

std::shared_ptr<const Posterior> read_posterior(const std::string& path) {
  if (!std::filesystem::exists(path)) fail(path, "", "cannot open the calibration file (--posterior)");
  auto post = std::make_shared<Posterior>();
  post->source = path;
  try {
    H5::Exception::dontPrint();
    const H5::H5File f(path, H5F_ACC_RDONLY);
    if (!f.nameExists("/posterior") || !H5::Group(f.openGroup("/posterior")).nameExists("particles"))
      fail(path, "/posterior/particles", "not a calibration file of `adoptsim calibrate`: no /posterior/particles");
    const H5::DataSet ds = f.openDataSet("/posterior/particles");
    hsize_t dims[2] = {0, 0};
    if (ds.getSpace().getSimpleExtentNdims() != 2) fail(path, "/posterior/particles", "must be a particles x parameters matrix");
    ds.getSpace().getSimpleExtentDims(dims);
    const std::vector<std::string> names = read_names(ds, "parameter_names");
    if (names.size() != dims[1]) fail(path, "/posterior/particles", fmt::format("{} parameter names for {} columns", names.size(), dims[1]));
    post->particles.resize(static_cast<std::size_t>(dims[0] * dims[1]));
    if (!post->particles.empty()) ds.read(post->particles.data(), H5::PredType::NATIVE_DOUBLE);
    const H5::DataSet ws = f.openDataSet("/posterior/weights");
    hsize_t n = 0;
    ws.getSpace().getSimpleExtentDims(&n);
    if (n != dims[0]) fail(path, "/posterior/weights", fmt::format("{} weights for {} particles", n, dims[0]));
    post->weights.resize(static_cast<std::size_t>(n));
    if (n > 0) ws.read(post->weights.data(), H5::PredType::NATIVE_DOUBLE);
    for (const auto& name : names) {
      PosteriorParameter p{name, param_rows_named(name), name.ends_with(".*")};
      if (p.rows.empty()) fail(path, "/posterior/particles", fmt::format("'{}' is not a parameter of this version of adoptsim", name));
      post->parameters.push_back(std::move(p));
    }
  } catch (const H5::Exception& e) {
    fail(path, "", fmt::format("cannot read the posterior: {}", e.getDetailMsg()));
  }
  if (post->weights.empty()) fail(path, "/posterior/weights", "the posterior has no particles");
  double total = 0;
  for (double w : post->weights) {
    if (!(w >= 0) || !std::isfinite(w)) fail(path, "/posterior/weights", "weights must be finite and not negative");
    total += w;
  }
  if (!(total > 0)) fail(path, "/posterior/weights", "the weights sum to zero");
  for (double& w : post->weights) w /= total;
  for (double v : post->particles)
    if (!std::isfinite(v)) fail(path, "/posterior/particles", "particles must be finite");
  return post;
}

std::string posterior_note(const Posterior& p) {
  double s2 = 0;
  for (double w : p.weights) s2 += w * w;
  std::string names;
  for (const auto& x : p.parameters) names += (names.empty() ? "" : ", ") + x.name;
  return fmt::format("parameters drawn per replicate from the posterior of {} ({} particle{}, effective sample size {:.0f}): {}", p.source,
                     p.count(), p.count() == 1 ? "" : "s", s2 > 0 ? 1.0 / s2 : 0.0, names);
}

}  // namespace adoptsim
