#!/usr/bin/env bash
# check-setup's own test: with one needed package taken out of the setup list it
# must fail and name that package, although the package is installed here.
#   check_setup_drops_a_package.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=${1:?}; build=${2:?}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
sed 's/ libqt6opengl6-dev / /' "$src/scripts/setup" >"$work/setup"
grep -q libqt6opengl6-dev "$work/setup" && { echo "the test could not drop libqt6opengl6-dev"; exit 1; }
if CC_SETUP_SCRIPT="$work/setup" "$src/scripts/check-setup" "$build" >"$work/out" 2>&1; then
    cat "$work/out"; echo "FAIL: check-setup passed without libqt6opengl6-dev in the list"; exit 1
fi
cat "$work/out"
grep -q '^  libqt6opengl6-dev (for CMake package Qt6OpenGL' "$work/out" || { echo "FAIL: the missing package is not named"; exit 1; }
echo "PASS: check-setup names libqt6opengl6-dev"
