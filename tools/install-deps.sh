#!/usr/bin/env bash
# Installs the Debian 12 packages adoptsim needs, if any are missing.
# Used by `make run`, `make test` and CI; safe to run again (does nothing when all are present).
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libboost-dev libeigen3-dev libhdf5-dev
  libsfml-dev libimgui-dev libgl-dev
  doctest-dev libtomlplusplus-dev libcli11-dev libfmt-dev nlohmann-json3-dev
  libstb-dev fonts-dejavu-core
  xvfb xauth
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-xarray python3-h5netcdf python3-pandas python3-matplotlib
  chromium hdf5-tools
  libopenmpi-dev openmpi-bin
  clang libfuzzer-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "adoptsim: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "adoptsim: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
