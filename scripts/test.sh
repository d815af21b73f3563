#!/usr/bin/env bash
# README command (2): set up a fresh Debian 12 machine, build everything, run the whole test suite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/start-services.sh
cmake --preset default
cmake --build --preset default
ctest --preset default
