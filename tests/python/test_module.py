"""`import adoptsim` from the build folder: the same results as the command line, bit for bit;
errors as Python exceptions with file:line:column; the stepping model; the parameter table.
Run by ctest:  python3 test_module.py ADOPTSIM SOURCE_DIR  (with PYTHONPATH=build/python)"""
import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import xarray as xr

import adoptsim

ADOPTSIM, SOURCE = sys.argv[1], sys.argv[2]
REFERENCE = os.path.join(SOURCE, "scenarios", "reference.toml")


def same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "OUS":
        return a.shape == b.shape and list(a.ravel()) == list(b.ravel())
    return a.shape == b.shape and a.dtype == b.dtype and a.tobytes() == b.tobytes()


class Module(unittest.TestCase):
    def test_run_matches_the_command_line_bit_for_bit(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cli.h5")
            subprocess.run([ADOPTSIM, "run", REFERENCE, "-r", "3", "-w", "40", "--seed", "11", "-t", "2", "-q", "-o", out], check=True)
            ours = adoptsim.load(REFERENCE).run(replicates=3, seed=11, weeks=40, threads=1, groups=None)
            compared = 0
            for group, ds in ours.items():
                cli = xr.open_dataset(out, engine="h5netcdf", phony_dims=None, group=group)
                self.assertEqual(sorted(cli.variables), sorted(ds.variables), group)
                for name in cli.variables:
                    self.assertEqual(cli[name].dims, ds[name].dims, f"{group}/{name}")
                    self.assertTrue(same_bits(cli[name].values, ds[name].values), f"{group}/{name}")
                    compared += 1
            self.assertGreater(compared, 50)
        merged = adoptsim.load(REFERENCE).run(replicates=2, seed=11, weeks=40)
        self.assertEqual(merged.applying.dims, ("replicate", "week"))
        self.assertIn("total_cost", merged)
        self.assertEqual(int(merged.attrs["seed"]), 11)

    def test_compare_matches_the_command_line_bit_for_bit(self):
        managers_last = os.path.join(SOURCE, "scenarios", "managers-last.toml")
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "cmp.h5")
            subprocess.run([ADOPTSIM, "compare", REFERENCE, managers_last, "-r", "4", "--seed", "7", "-t", "2", "-q", "--set", "goal.share=0.6",
                            "-o", out, "--chart", os.path.join(tmp, "c.png")], check=True)
            ours = adoptsim.compare([REFERENCE, managers_last], replicates=4, seed=7, threads=1, set={"goal.share": 0.6}, groups=None)
            compared = 0
            for group, ds in ours.items():
                cli = xr.open_dataset(out, engine="h5netcdf", phony_dims=None, group=group)
                self.assertEqual(sorted(cli.variables), sorted(ds.variables), group)
                for name in cli.variables:
                    self.assertTrue(same_bits(cli[name].values, ds[name].values), f"{group}/{name}")
                    compared += 1
            self.assertGreater(compared, 10)
        m = ours["metrics"]
        self.assertEqual(list(m.programme.values), ["reference", "managers-last"])
        self.assertEqual(m.attrs["goal"], "60% of supervisors applying by week 52")
        with self.assertRaises(adoptsim.ScenarioError) as e:
            adoptsim.compare([REFERENCE, managers_last], replicates=2, set={"stage.apply_rate": 9})
        self.assertIn("--set stage.apply_rate=9:1:", str(e.exception))

    def test_sweep_is_the_command_lines_tidy_table(self):
        import pandas as pd
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "sweep.h5")
            subprocess.run([ADOPTSIM, "sweep", REFERENCE, "--vary", "stage.apply_rate=0.05,0.2", "--vary", "goal.share=0.5,0.7", "-r", "3",
                            "--seed", "4", "-t", "2", "-q", "-o", out], check=True)
            cli = pd.read_csv(os.path.join(tmp, "sweep.csv"))
            ds = xr.open_dataset(out, engine="h5netcdf", phony_dims=None)
            self.assertEqual(ds.applying.dims, ("point", "replicate", "week"))
            self.assertEqual(list(ds.factor.values), ["stage.apply_rate", "goal.share"])
        df = adoptsim.sweep(REFERENCE, vary={"stage.apply_rate": [0.05, 0.2], "goal.share": [0.5, 0.7]}, replicates=3, seed=4, threads=1)
        self.assertEqual(len(df), 4 * 3 * 105)
        pd.testing.assert_frame_equal(df, cli, check_exact=True)
        # Common random numbers: goal.share does not change the dynamics, so the curves are equal.
        a = df[(df["stage.apply_rate"] == 0.05) & (df["goal.share"] == 0.5)].applying.values
        b = df[(df["stage.apply_rate"] == 0.05) & (df["goal.share"] == 0.7)].applying.values
        self.assertTrue((a == b).all())

    def test_stepping_model_is_the_ensembles_replicate(self):
        s = adoptsim.load(REFERENCE)
        ds = s.run(replicates=2, seed=5)
        m = adoptsim.Model(s, 5, replicate=1)
        skill = m.skill  # a view: it follows the model
        self.assertEqual(m.week, 0)
        self.assertEqual(len(skill), m.people)
        self.assertFalse(skill.flags.writeable)
        # Replicate 1 of the ensemble, stepped by hand: its first 31 weekly values are the ensemble's.
        for _ in range(30):
            m.step()
        self.assertEqual(m.week, 30)
        self.assertTrue(same_bits(m.applying[:31], ds.applying.values[1, :31]))
        stages = np.bincount(m.stage, minlength=5)
        self.assertEqual(stages.sum(), m.people)
        self.assertEqual(len(m.needs), 4)
        self.assertTrue(np.all((m.needs[0] >= 0) & (m.needs[0] <= 1)))
        self.assertGreater(float(skill.mean()), 0.0)  # changed in place by the steps

    def test_errors_are_python_exceptions_with_file_line_column(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.toml")
            with open(REFERENCE) as f:
                text = f.read()
            with open(bad, "w") as f:
                f.write(text.replace("weeks = ", "weeks = -", 1))
            with self.assertRaises(adoptsim.ScenarioError) as caught:
                adoptsim.load(bad)
            cli = subprocess.run([ADOPTSIM, "validate", bad], capture_output=True, text=True)
            self.assertEqual(cli.returncode, 2)
            first = str(caught.exception).splitlines()[0]
            self.assertRegex(first, r"bad\.toml:\d+:\d+: scenario\.weeks")
            self.assertIn(first, cli.stderr)
            self.assertIsInstance(caught.exception, ValueError)

    def test_load_with_overrides(self):
        s = adoptsim.load(REFERENCE, set={"stage.apply_rate": 0.3, "scenario.weeks": 104})
        self.assertEqual(s.weeks, 104)
        self.assertIn("--set stage.apply_rate=0.3", s.text)
        with self.assertRaises(adoptsim.ScenarioError) as caught:
            adoptsim.load(REFERENCE, set={"stage.apply_rate": 5})
        self.assertIn("--set stage.apply_rate=5:1:", str(caught.exception))

    def test_parameters_table(self):
        table = adoptsim.parameters()
        self.assertIn("stage.apply_rate", table.index)
        self.assertTrue((table["min"] <= table["default"]).all())
        self.assertTrue((table["default"] <= table["max"]).all())


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)
