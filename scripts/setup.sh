#!/usr/bin/env bash
# Installs every Debian package that acuroi's build, tests and demo need, skipping what is
# present, then configures and builds acuroi (Release) in ./build. Idempotent.
#
#   scripts/setup.sh            # packages + build
#   scripts/setup.sh --packages # packages only
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

packages=(
  build-essential cmake pkg-config
  libinsighttoolkit5-dev libeigen3-dev libhdf5-dev libtbb-dev libyaml-cpp-dev libcli11-dev
  libisal-dev isal libssl-dev zlib1g-dev nlohmann-json3-dev libboost-dev
  googletest libgtest-dev libgmock-dev
  mricron-data
  python3 python3-numpy python3-scipy python3-nibabel python3-h5py python3-statsmodels
  time bc
  slurmctld slurmd slurm-client munge
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}"
else
  echo "setup: all ${#packages[@]} packages present"
fi

[ "${1:-}" = "--packages" ] && exit 0

jobs=$(nproc)
cmake -S "$here" -B "$here/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$here/build" -j "$jobs"
echo "setup: built $here/build/bin/acuroi"
