"""adoptsim from Python: scenarios, ensembles as xarray Datasets, a week-by-week model.

    import adoptsim
    s = adoptsim.load("scenarios/reference.toml")
    ds = s.run(replicates=20, seed=1)          # xarray.Dataset, names as in the HDF5 file
    ds.applying.quantile([0.05, 0.5, 0.95], dim="replicate")

See docs/python.md. Results are the command line's, bit for bit: `run` makes the very bytes
`adoptsim run` writes (same engine, same writer) and opens them with xarray.
"""
import io as _io

from ._adoptsim import ScenarioError, __version__, category_names, need_names, stage_names  # noqa: F401
from . import _adoptsim

__all__ = ["load", "parameters", "compare", "sweep", "Model", "Scenario", "ScenarioError", "stage_names", "category_names", "need_names"]

#: Groups of the results file; run() merges the two whose dimensions fit together.
GROUPS = ("timeseries", "agents", "replicates", "occurrences", "programme")


class Scenario:
    """A loaded, validated scenario file."""

    def __init__(self, loaded):
        self._loaded = loaded

    name = property(lambda self: self._loaded.name)
    path = property(lambda self: self._loaded.path)
    text = property(lambda self: self._loaded.text, doc="The scenario file's text, as stored with results.")
    weeks = property(lambda self: self._loaded.weeks)

    def __repr__(self):
        return f"adoptsim.Scenario({self.path!r}, name={self.name!r}, weeks={self.weeks})"

    def results_file(self, replicates=0, seed=-1, threads=0, weeks=0):
        """The bytes of the HDF5 file `adoptsim run` writes with these options (0 / -1: the scenario's)."""
        return _adoptsim.run_image(self._loaded, replicates, seed, threads, weeks)

    def run(self, replicates=0, seed=-1, threads=0, weeks=0, groups=("timeseries", "replicates")):
        """Runs the ensemble. Returns an xarray.Dataset of the given groups of the results file
        (merged: weekly series and per-replicate totals by default), or, with groups=None, a dict
        of every group's Dataset. Without xarray: a dict {"group/name": numpy array} via h5py."""
        image = self.results_file(replicates, seed, threads, weeks)
        try:
            import xarray as xr
        except ImportError:
            return _arrays(image)
        def group(g):
            return xr.open_dataset(_io.BytesIO(image), engine="h5netcdf", phony_dims=None, group=g).load()
        if groups is None:
            return {g: group(g) for g in GROUPS}
        root = xr.open_dataset(_io.BytesIO(image), engine="h5netcdf", phony_dims=None)
        ds = xr.merge([group(g) for g in groups], combine_attrs="drop")
        ds.attrs.update(root.attrs)
        return ds

    def model(self, seed=None, replicate=0):
        """A one-replicate Model to step week by week."""
        return Model(self._loaded, self._loaded.seed if seed is None else seed, replicate)


class Model(_adoptsim.Model):
    """One replicate, week by week: Model(scenario, seed, replicate=0); .step() advances a week.
    State (skill, resistance, stage, category, needs, applying) is read-only numpy views of the
    model's memory, current after every step. Replicate r with seed s is replicate r of
    scenario.run(seed=s), bit for bit."""

    def __init__(self, scenario, seed, replicate=0):
        super().__init__(scenario._loaded if isinstance(scenario, Scenario) else scenario, seed, replicate)

    def __iter__(self):
        while not self.done:
            self.step()
            yield self.week


def _arrays(image):
    import h5py
    out = {}
    with h5py.File(_io.BytesIO(image), "r") as f:
        f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) else None)
    return out


def _toml(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def load(path, set=None):
    """Reads and validates a scenario file. `set` overrides parameters and scenario keys, as
    `--set NAME=VALUE` does: {"stage.apply_rate": 0.1, "scenario.weeks": 52}. Raises
    adoptsim.ScenarioError (a ValueError) whose message lists every problem as
    file:line:column: key: message, as the command line does."""
    return Scenario(_adoptsim.load_scenario(str(path), _overrides(set)))


def parameters():
    """The model's parameter table as a pandas DataFrame (name, unit, min, max, default, meaning)."""
    import pandas as pd
    return pd.DataFrame(_adoptsim.parameter_table(), columns=["name", "unit", "min", "max", "default", "meaning"]).set_index("name")


def _overrides(set):
    return [f"{name}={_toml(value)}" for name, value in (set or {}).items()]


def compare(paths, replicates=0, seed=-1, threads=0, set=None, groups=("metrics", "timeseries")):
    """Compares programmes as `adoptsim compare` does: the scenario files (the first is the one
    the others are compared with) on the same seed and replicates (common random numbers), each
    with the overrides `set`. Returns a dict of xarray Datasets, one per group of the command
    line's HDF5 file ("programmes", "metrics", "timeseries", "costs"; `groups` picks them,
    None: all), with the same numbers, bit for bit; root attributes in each Dataset's .attrs."""
    image = _adoptsim.compare_image([str(p) for p in paths], _overrides(set), replicates, seed, threads)
    import xarray as xr
    root = xr.open_dataset(_io.BytesIO(image), engine="h5netcdf", phony_dims=None)
    out = {}
    for g in groups or ("programmes", "metrics", "timeseries", "costs"):
        ds = xr.open_dataset(_io.BytesIO(image), engine="h5netcdf", phony_dims=None, group=g).load()
        ds.attrs.update(root.attrs)
        out[g] = ds
    return out


def sweep(path, vary=None, design=None, replicates=0, seed=-1, threads=0, set=None):
    """Sweeps as `adoptsim sweep` does: `vary` {name: [values]} (the full factorial, first name
    slowest) or `design` a CSV file of points; every point on replicates 0..R-1 of one seed
    (common random numbers). Returns the tidy table as a pandas DataFrame: one row per design
    point x replicate x week, the factors and the outputs as columns (the command line's CSV)."""
    import pandas as pd
    if (vary is None) == (design is None):
        raise ValueError("give either vary={name: [values]} or design='design.csv'")
    spec = [f"{name}=" + ",".join(_toml(v) for v in values) for name, values in (vary or {}).items()]
    text = _adoptsim.sweep_table(str(path), _overrides(set), spec, str(design or ""), replicates, seed, threads)
    return pd.read_csv(_io.StringIO(text))
