"""Every HDF5 output opens in xarray (h5netcdf engine, phony_dims=None: no guessing) with named
dimensions and their coordinate values. Run by ctest:  python3 test_xarray_outputs.py ADOPTSIM SOURCE_DIR"""
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import xarray as xr

ADOPTSIM, SOURCE = sys.argv[1], sys.argv[2]
REFERENCE = os.path.join(SOURCE, "scenarios", "reference.toml")
STAGES = ["orientation", "insight", "acceptance", "change", "maintenance"]


def adoptsim(*args, cwd):
    done = subprocess.run([ADOPTSIM, *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise AssertionError(f"adoptsim {' '.join(args)}: exit {done.returncode}\n{done.stderr}")


def open_group(path, group):
    return xr.open_dataset(path, engine="h5netcdf", phony_dims=None, group=group)


class Outputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def test_run(self):
        out = self.path("run.h5")
        adoptsim("run", REFERENCE, "-r", "3", "-w", "30", "--seed", "9", "-q", "-o", out, cwd=self.dir)
        ts = open_group(out, "timeseries")
        self.assertEqual(ts.applying.dims, ("replicate", "week"))
        self.assertEqual(ts.stage_by_team.dims, ("replicate", "week", "team", "stage"))
        self.assertEqual(ts.stage_category_role.dims, ("replicate", "week", "category", "role", "stage"))
        self.assertEqual(ts.attendance.dims, ("replicate", "week", "intervention_type"))
        np.testing.assert_array_equal(ts.week.values, np.arange(31))
        np.testing.assert_array_equal(ts.replicate.values, np.arange(3))
        self.assertEqual(list(ts.stage.values), STAGES)
        # One label per type of the catalogue (sim/intervention_types.hpp), the cost rows' order.
        types = list(ts.intervention_type.values)
        self.assertEqual(types[0], "communication")
        self.assertEqual(len(set(types)), len(types))
        self.assertIn("Assembly", list(ts.team.values))
        self.assertNotEqual(ts.sizes["team"], ts.sizes["intervention_type"] + 1)  # no sharing by size
        self.assertEqual(ts.applying.attrs["units"], "share 0-1")
        # Selection by label works as it should on named coordinates.
        self.assertEqual(float(ts.stage_counts.sel(stage="orientation", week=0, replicate=0)), float(ts.stage_counts[0, 0, 0]))
        agents = open_group(out, "agents")
        self.assertEqual(agents.skill.dims, ("replicate", "person"))
        reps = open_group(out, "replicates")
        self.assertEqual(reps.cost_matrix.dims, ("replicate", "cost_row", "cost_kind"))
        self.assertEqual(list(reps.cost_row.values)[-1], "programme")
        self.assertEqual(list(reps.cost_row.values)[:-1], types)
        occ = open_group(out, "occurrences")
        self.assertEqual(occ.week.dims, ("occurrence",))
        prog = open_group(out, "programme")
        self.assertEqual(prog.intervention.dims, ("intervention",))
        self.assertGreater(prog.sizes["intervention"], 0)

    def test_compare(self):
        out = self.path("compare.h5")
        adoptsim("compare", REFERENCE, os.path.join(SOURCE, "scenarios", "managers-last.toml"), "-r", "3", "-t", "2", "--out", out, cwd=self.dir)
        m = open_group(out, "metrics")
        self.assertEqual(m["values"].dims, ("programme", "metric", "replicate"))
        self.assertEqual(m.summary.dims, ("programme", "metric", "statistic"))
        self.assertEqual(list(m.statistic.values), ["mean", "p05", "p95", "diff_mean", "diff_p05", "diff_p95"])
        self.assertEqual(m.sizes["programme"], 2)
        ts = open_group(out, "timeseries")
        self.assertEqual(ts.applying.dims, ("programme", "replicate", "week"))
        self.assertEqual(int(ts.week.values[-1]), ts.sizes["week"] - 1)
        costs = open_group(out, "costs")
        self.assertEqual(costs.cost_matrix.dims, ("programme", "replicate", "cost_row", "cost_kind"))

    def test_optimise(self):
        out = self.path("opt.h5")
        adoptsim("optimise", REFERENCE, "--goal", "50%@52", "--confidence", "0.6", "--budget", "900000", "-r", "4", "--screen", "4", "-t", "2",
                 "--knob", "training_sessions=6,8", "--knob", "training_spacing=5", "--knob", "intervision_every=8",
                 "--knob", "intervision_group_size=8", "--knob", "actor_sessions=0", "--knob", "coaching_capacity=0,4",
                 "--knob", "refresher_every=13", "--knob", "masterclasses_first=1", "--knob", "mandatory=1", "--out", out, cwd=self.dir)
        space = open_group(out, "space")
        self.assertEqual(list(space.training_sessions.values), [6, 8])
        self.assertEqual(space.training_sessions.dims, ("training_sessions",))
        prog = open_group(out, "programmes")
        self.assertEqual(prog.knobs.dims, ("programme", "knob"))
        self.assertIn("training_sessions", list(prog.knob.values))
        self.assertEqual(open_group(out, "stages").simulations.dims, ("stage",))

    def test_sensitivity(self):
        out = self.path("sens.h5")
        adoptsim("sensitivity", REFERENCE, "--param", "stage.apply_rate=0.05:0.2", "--param", "skill.decay", "--samples", "8",
                 "--trajectories", "3", "--replicates", "1", "--bootstrap", "10", "--out", out, cwd=self.dir)
        sobol = open_group(out, "sobol")
        self.assertEqual(sobol.first.dims, ("parameter",))
        self.assertEqual(list(sobol.parameter.values), ["stage.apply_rate", "skill.decay"])
        self.assertEqual(sobol.design.dims, ("point", "parameter"))
        self.assertEqual(open_group(out, "parameters")["min"].dims, ("parameter",))

    def test_sweep(self):
        out = self.path("sweep.h5")
        adoptsim("sweep", REFERENCE, "--vary", "stage.apply_rate=0.05,0.2", "--vary", "goal.share=0.5,0.6,0.7", "-r", "2", "-q", "-o", out, cwd=self.dir)
        ds = xr.open_dataset(out, engine="h5netcdf", phony_dims=None)
        self.assertEqual(ds.applying.dims, ("point", "replicate", "week"))
        self.assertEqual(dict(ds.sizes), {"point": 6, "replicate": 2, "week": 105, "factor": 2})
        self.assertEqual(list(ds.point.values), list(range(6)))
        self.assertEqual(list(ds.week.values), list(range(105)))
        self.assertEqual(list(ds.factor.values), ["stage.apply_rate", "goal.share"])
        self.assertEqual(ds.design.dims, ("point", "factor"))
        np.testing.assert_array_equal(ds.design.sel(factor="goal.share").values, [0.5, 0.6, 0.7, 0.5, 0.6, 0.7])
        self.assertEqual(ds.applying.attrs["units"], "share 0-1")
        self.assertEqual(ds.point_scenario.dims, ("point",))

    def test_calibrate(self):
        out = self.path("cal.h5")
        data = os.path.join(SOURCE, "calibration", "examples", "synthetic_data.csv")
        config = self.path("cal.toml")
        with open(config, "w") as f:
            f.write(f'[calibration]\nscenario = "{REFERENCE}"\nseed = 4\nalgorithm = "abc_smc"\npredictive_draws = 10\n'
                    f'[data]\nfile = "{data}"\n[[parameter]]\nname = "stage.apply_rate"\nprior = "uniform"\nmin = 0.05\nmax = 0.3\n'
                    f'[abc_smc]\nparticles = 20\ngenerations = 2\n[output]\nfile = "{out}"\ncsv = "{self.path("fit.csv")}"\n'
                    f'picture = "{self.path("fit.png")}"\n')
        adoptsim("calibrate", config, "--threads", "2", cwd=self.dir)
        post = open_group(out, "posterior")
        self.assertEqual(post.particles.dims, ("particle", "parameter"))
        self.assertEqual(list(post.parameter.values), ["stage.apply_rate"])
        gens = open_group(out, "generations")
        self.assertEqual(gens.particles.dims, ("generation", "particle", "parameter"))
        fit = open_group(out, "fit")
        self.assertEqual(fit.observed.dims, ("observation",))
        curves = open_group(out, "fit/curves")
        self.assertEqual(curves["mean"].dims, ("series", "week"))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
