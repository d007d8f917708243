#!/usr/bin/env bash
# Sets up, builds and runs every test (ctest). The command CI runs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh"
cd "$here/build"
ctest --output-on-failure -j "$(nproc)" --timeout 600 "$@"
