// adoptsim calibrate and sensitivity as a user meets them: exit codes, files written or not.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <stb/stb_image.h>

#include "fit_picture.hpp"
#include "fixtures.hpp"

namespace fs = std::filesystem;

namespace {

struct Box {
  fs::path dir = fs::temp_directory_path() / ("adoptsim-calcli-" + std::to_string(::getpid()));
  Box() { fs::create_directories(dir); }
  ~Box() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
  int run(const std::string& args, std::string* err = nullptr) const {
    const int status = std::system((std::string(ADOPTSIM_BINARY) + " " + args + " > " + (dir / "out").string() + " 2> " + (dir / "err").string()).c_str());
    if (err) {
      std::ifstream in(dir / "err");
      std::ostringstream s;
      s << in.rdbuf();
      *err = s.str();
    }
    return WEXITSTATUS(status);
  }
};

std::string small_config(const Box& b, const std::string& data, const std::string& algorithm) {
  return "[calibration]\nscenario = \"" + adoptsim::test::source_path("scenarios/reference.toml") + "\"\nseed = 4\nalgorithm = \"" + algorithm +
         "\"\npredictive_draws = 10\n[data]\nfile = \"" + data +
         "\"\n[[parameter]]\nname = \"stage.apply_rate\"\nprior = \"uniform\"\nmin = 0.05\nmax = 0.3\n"
         "[abc_smc]\nparticles = 20\ngenerations = 2\n[nelder_mead]\nmax_evaluations = 8\nrestarts = 0\n[output]\nfile = \"" +
         (b.dir / "result.h5").string() + "\"\ncsv = \"" + (b.dir / "fit.csv").string() + "\"\npicture = \"" + (b.dir / "pictures" / "fit.png").string() +
         "\"\n";
}

}  // namespace

TEST_CASE("adoptsim calibrate: results in HDF5 and CSV; a bad data row gives exit 2 and no file") {
  Box b;
  const std::string data = b.write("data.csv", "week,indicator,group,value,n\n26,applying,users,0.15,100\n52,applying,users,0.6,100\n");
  REQUIRE(b.run("calibrate " + b.write("abc.toml", small_config(b, data, "abc_smc")) + " --threads 2") == 0);
  {
    H5::H5File f((b.dir / "result.h5").string(), H5F_ACC_RDONLY);
    for (const char* path : {"/posterior/particles", "/posterior/weights", "/generations/epsilon", "/generations/acceptance", "/fit/week",
                             "/fit/indicator", "/fit/observed", "/fit/predicted_mean", "/fit/predicted_p05", "/fit/predicted_p95"})
      CHECK_MESSAGE(f.nameExists(path), path);
    H5::DataSet particles = f.openDataSet("/posterior/particles");
    hsize_t dims[2];
    particles.getSpace().getSimpleExtentDims(dims);
    CHECK(dims[0] == 20);
    CHECK(dims[1] == 1);
    CHECK(particles.attrExists("parameter_names"));
  }
  CHECK(fs::exists(b.dir / "fit.csv"));
  const auto written = fs::last_write_time(b.dir / "result.h5");

  // A bad row: refused before anything runs, the earlier result untouched.
  const std::string bad = b.write("bad.csv", "week,indicator,group,value,n\n26,applying,users,1.5,100\n");
  std::string err;
  CHECK(b.run("calibrate " + b.write("bad.toml", small_config(b, bad, "abc_smc")), &err) == 2);
  CHECK(err.find("bad.csv:2:4: value: '1.5' is not a value between 0 and 1") != std::string::npos);
  CHECK(fs::last_write_time(b.dir / "result.h5") == written);
  CHECK(fs::exists(b.dir / "pictures" / "fit.png"));

  REQUIRE(b.run("calibrate " + b.write("nm.toml", small_config(b, data, "nelder_mead"))) == 0);
  H5::H5File f((b.dir / "result.h5").string(), H5F_ACC_RDONLY);
  CHECK(f.nameExists("/point/estimate"));
  CHECK_FALSE(f.nameExists("/generations"));
}

namespace {

bool near(const unsigned char* px, adoptsim::plot::Color c, int tolerance) {
  return std::abs(px[0] - c.r) <= tolerance && std::abs(px[1] - c.g) <= tolerance && std::abs(px[2] - c.b) <= tolerance;
}

}  // namespace

TEST_CASE("adoptsim calibrate: the fit picture shows the observed points, the predictive band and its mean") {
  using namespace adoptsim::calibration;
  Box b;
  // Two series (share applying, share in acceptance): two charts side by side.
  const std::string data = b.write("data.csv",
                                   "week,indicator,group,value,n\n13,applying,users,0.05,100\n26,applying,users,0.15,100\n52,applying,users,0.6,100\n"
                                   "26,stage.acceptance,users,0.3,100\n");
  REQUIRE(b.run("calibrate " + b.write("abc.toml", small_config(b, data, "abc_smc")) + " --threads 2") == 0);
  {
    std::ifstream out(b.dir / "out");
    std::ostringstream text;
    text << out.rdbuf();
    CHECK(text.str().find("picture: " + (b.dir / "pictures" / "fit.png").string()) != std::string::npos);
  }
  const fs::path png = b.dir / "pictures" / "fit.png";
  REQUIRE(fs::exists(png));
  for (const auto& entry : fs::directory_iterator(png.parent_path()))
    CHECK_MESSAGE(entry.path().filename() == "fit.png", "left behind: " << entry.path().string());

  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load(png.string().c_str(), &w, &h, &n, 4);
  REQUIRE(pixels != nullptr);
  CHECK(w == 1400);  // two charts: two columns of 700 pixels
  CHECK(h == 610);   // one row of 500 pixels under the title and the two lines of the subtitle
  // The band over white: its colour at 25 % opacity; the mean line and the observed points opaque.
  const auto a = kFitBandColour.a / 255.0;
  const auto over_white = [&](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(255 + (v - 255) * a)); };
  const adoptsim::plot::Color band{over_white(kFitBandColour.r), over_white(kFitBandColour.g), over_white(kFitBandColour.b), 255};
  long band_left = 0, band_right = 0, line = 0, observed = 0;
  for (int y = 110; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const unsigned char* px = pixels + 4 * (static_cast<std::size_t>(y) * w + x);
      if (near(px, band, 3)) ++(x < w / 2 ? band_left : band_right);
      line += near(px, kFitLineColour, 2);
      observed += near(px, kObservedColour, 10);
    }
  stbi_image_free(pixels);
  MESSAGE("band pixels " << band_left << " + " << band_right << ", line pixels " << line << ", observed (black) pixels " << observed);
  CHECK(band_left > 1000);  // a band in each chart
  CHECK(band_right > 1000);
  CHECK(line > 300);
  CHECK(observed > 100);
}

TEST_CASE("adoptsim sensitivity: a ranked table and HDF5; bad ranges give exit 2") {
  Box b;
  const std::string out = (b.dir / "sens.h5").string();
  REQUIRE(b.run("sensitivity " + adoptsim::test::source_path("scenarios/reference.toml") +
                " --param stage.apply_rate=0.05:0.2 --param skill.decay --samples 8 --trajectories 3 --replicates 1 --bootstrap 10 --out " + out) == 0);
  H5::H5File f(out, H5F_ACC_RDONLY);
  CHECK(f.nameExists("/sobol/first"));
  CHECK(f.nameExists("/sobol/total"));
  CHECK(f.nameExists("/morris/mu_star"));
  std::string err;
  CHECK(b.run("sensitivity " + adoptsim::test::source_path("scenarios/reference.toml") + " --param stage.apply_rate=0.5:9 --out " + (b.dir / "x.h5").string(), &err) == 2);
  CHECK(err.find("stage.apply_rate would range over [0.5, 9] but allows [0, 2]") != std::string::npos);
  CHECK_FALSE(fs::exists(b.dir / "x.h5"));
}

TEST_CASE("adoptsim sensitivity --quiet: no progress and no table, the same results file") {
  Box b;
  const std::string args = "sensitivity " + adoptsim::test::source_path("scenarios/reference.toml") +
                           " --param stage.apply_rate=0.05:0.2 --method morris --trajectories 2 --replicates 1 --out ";
  auto stdout_of = [&] {
    std::ifstream in(b.dir / "out");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  };
  std::string err;
  REQUIRE(b.run(args + (b.dir / "loud.h5").string(), &err) == 0);
  const std::string loud = stdout_of();
  CHECK(loud.find("Sensitivity of the") != std::string::npos);
  REQUIRE(b.run(args + (b.dir / "quiet.h5").string() + " -q", &err) == 0);
  const std::string quiet = stdout_of();
  CHECK(quiet.find("Sensitivity of the") == std::string::npos);
  CHECK(quiet.find("Morris:") == std::string::npos);
  CHECK(quiet.find("points x 1 replicates") != std::string::npos);  // what was done is still said
  CHECK(err.find("Morris") == std::string::npos);                  // no progress bar on stderr
  H5::H5File a((b.dir / "loud.h5").string(), H5F_ACC_RDONLY), q((b.dir / "quiet.h5").string(), H5F_ACC_RDONLY);
  CHECK(a.nameExists("/morris/mu_star"));
  CHECK(q.nameExists("/morris/mu_star"));
}

TEST_CASE("fit picture of diffusion data: periods on the x axis and the closed-form Bass curve dashed beside the model") {
  using namespace adoptsim::calibration;
  // Cumulative adoption of 500 people over 6 periods of 52 weeks, and a model that lags it.
  CalibrationConfig c;
  c.name = "village";
  c.data.format = DataFormat::cumulative_adoption;
  c.data.weeks_per_period = 52;
  Series everyone{Indicator::adopted, {}, Group{GroupKind::everyone, 0, "everyone"}};
  const double shares[] = {0.04, 0.12, 0.27, 0.45, 0.6, 0.68};
  CalibrationOutcome o;
  for (int k = 0; k < 6; ++k) {
    Observation ob;
    ob.week = 52 * (k + 1);
    ob.series = everyone;
    ob.value = shares[k];
    ob.n = 500;
    c.problem.observations.push_back(ob);
    o.fit.mean.push_back(0.8 * shares[k]);
    o.fit.p05.push_back(0.6 * shares[k]);
    o.fit.p95.push_back(shares[k]);
  }
  Band curve{everyone, {}, {}, {}};
  for (int w = 0; w <= 6 * 52; ++w) {
    const double y = 0.56 / (1 + std::exp(-(w - 170) / 40.0));
    curve.mean.push_back(y);
    curve.p05.push_back(0.75 * y);
    curve.p95.push_back(1.25 * y);
  }
  o.fit.curves = {curve};
  o.fit.draws = 100;
  o.abc = AbcResult{};
  Generation last;
  last.index = 3;
  last.accepted = 200;
  o.abc->generations.push_back(last);
  o.bass = compare_with_bass(c.problem, o.fit, 52);
  REQUIRE(o.bass);

  const adoptsim::plot::Figure fig = fit_figure(c, o);
  CHECK(fig.title == "village: ABC-SMC fit to the data");
  CHECK(fig.subtitle.find("6 observations") != std::string::npos);
  CHECK(fig.subtitle.find("closed-form Bass") != std::string::npos);
  REQUIRE(fig.charts.size() == 1);
  const auto& ch = fig.charts[0];
  CHECK(ch.y_percent);
  CHECK(ch.x_label == "Survey period (52 simulated weeks each)");
  REQUIRE(ch.points.size() == 1);
  CHECK(ch.points[0].x == std::vector<double>{1, 2, 3, 4, 5, 6});  // periods, not weeks
  CHECK(ch.points[0].y_lo.size() == 6);
  CHECK(ch.points[0].y_lo[2] < shares[2]);
  CHECK(ch.points[0].y_hi[2] > shares[2]);
  REQUIRE(ch.lines.size() == 2);
  CHECK_FALSE(ch.lines[0].dashed);
  CHECK(ch.lines[1].dashed);
  CHECK(ch.lines[1].colour == kBassColour);
  CHECK(ch.lines[1].label.find("Bass") != std::string::npos);
  CHECK(ch.lines[1].label.find("dashed") != std::string::npos);
  // The Bass curve is in shares of the 500 people, on the same time axis: at period 6 it is
  // close to the observed 68 %.
  CHECK(ch.lines[1].x.back() == doctest::Approx(6.0));
  CHECK(ch.lines[1].y.back() == doctest::Approx(0.68).epsilon(0.05));

  // A group fitted by itself (a village of its own, no whole-population comparison): its own
  // closed-form Bass curve and both RMSEs in the subtitle.
  {
    CalibrationOutcome one = o;
    one.bass.reset();
    const adoptsim::plot::Figure f = fit_figure(c, one);
    CHECK(f.subtitle.find("closed-form Bass, m <= n") != std::string::npos);
    REQUIRE(f.charts.size() == 1);
    REQUIRE(f.charts[0].lines.size() == 2);
    CHECK(f.charts[0].lines[1].dashed);
    CHECK(f.charts[0].lines[1].y.back() == doctest::Approx(ch.lines[1].y.back()));
  }

  // Rendered, the dashed Bass line shows in its own colour.
  const fs::path dir = fs::temp_directory_path() / ("adoptsim-fitpic-" + std::to_string(::getpid()));
  write_fit_picture((dir / "village.png").string(), c, o);
  int w = 0, h = 0, n = 0;
  unsigned char* pixels = stbi_load((dir / "village.png").string().c_str(), &w, &h, &n, 4);
  REQUIRE(pixels != nullptr);
  CHECK(w == 1200);
  CHECK(h == 610);
  long bass = 0;
  for (long i = 0; i < static_cast<long>(w) * h; ++i) bass += near(pixels + 4 * i, kBassColour, 2);
  stbi_image_free(pixels);
  CHECK(bass > 200);
  fs::remove_all(dir);
}
