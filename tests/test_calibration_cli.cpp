// adoptsim calibrate and sensitivity as a user meets them: exit codes, files written or not.
#include <doctest/doctest.h>

#include <H5Cpp.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

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
         (b.dir / "result.h5").string() + "\"\ncsv = \"" + (b.dir / "fit.csv").string() + "\"\n";
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

  REQUIRE(b.run("calibrate " + b.write("nm.toml", small_config(b, data, "nelder_mead"))) == 0);
  H5::H5File f((b.dir / "result.h5").string(), H5F_ACC_RDONLY);
  CHECK(f.nameExists("/point/estimate"));
  CHECK_FALSE(f.nameExists("/generations"));
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
