#!/usr/bin/env bash
# check-layers' own test: on a small tree with a circle between two core
# folders, quality/ including the client, and a 601-line file, it must fail
# and name each; on the same tree without them it must pass.
#   check_layers_catches_violations.sh SOURCE_DIR
set -euo pipefail
src=${1:?}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/core/"{api,model,client,monitor,sip,quality} "$work/ui" "$work/sim" "$work/app"
echo '#include "api/contract.h"' >"$work/core/model/channel.h"
echo '#include "model/channel.h"' >"$work/core/client/api_client.h"
echo '#include "sip/prober.h"' >"$work/core/monitor/monitor.h"
echo '#include "model/channel.h"' >"$work/core/quality/e_model.h"
seq 600 >"$work/sim/sim_tenant.cpp"

if ! "$src/scripts/check-layers" "$work" >"$work/out" 2>&1; then
    cat "$work/out"; echo "FAIL: check-layers refused a tree that keeps its layers"; exit 1
fi

echo '#include "monitor/clock.h"' >"$work/core/sip/prober.h"      # sip -> monitor -> sip
echo '#include "client/api_client.h"' >>"$work/core/quality/e_model.h"
seq 601 >"$work/sim/sim_tenant.cpp"
if "$src/scripts/check-layers" "$work" >"$work/out" 2>&1; then
    cat "$work/out"; echo "FAIL: check-layers passed a circle, a networked quality/ and a long file"; exit 1
fi
cat "$work/out"
grep -q 'core/sip includes core/monitor (core/sip/prober.h) and core/monitor depends back on it' "$work/out" \
    || { echo "FAIL: the circle is not named"; exit 1; }
grep -q 'core/quality/e_model.h includes client/' "$work/out" || { echo "FAIL: quality/ including client/ is not named"; exit 1; }
grep -q 'sim/sim_tenant.cpp has 601 lines' "$work/out" || { echo "FAIL: the long file is not named"; exit 1; }
echo "PASS: check-layers names the circle, the networked quality/ and the long file"
