#!/usr/bin/env bash
# Builds Warroom and runs every test with ctest. Installs what is missing first.
# Usage: bash tests/run-tests.sh [extra ctest arguments, e.g. -R Domain]
# Benchmarks are not part of this run: see "Benchmarks" in the README.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../packaging/scripts/common.sh"

warroom_apt_install "${WARROOM_BUILD_PACKAGES[@]}" "${WARROOM_TEST_PACKAGES[@]}"
warroom_python_test_deps
warroom_build dev
cd "$WARROOM_ROOT"
ctest --preset dev -j"$(nproc)" "$@"
