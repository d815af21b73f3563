#!/usr/bin/env bash
# Keel Studio Run (F5) benchmark, by hand:  bench/studio-run.sh [RUNS] [BUILD_DIR]
# On an unchanged, already built `hello` project: from pressing F5 to "Hello from Keel!" in the
# Serial tab (tst_run's bench case drives the real main window offscreen, KEEL_BENCH_RUNS times)
# beside `keel run --expect` on the same project (same no-op build check, same image). Target:
# F5 ≤ 1.2× keel run, medians of RUNS (default 7).
set -euo pipefail

runs="${1:-7}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${2:-$root/build}"
keel="$build/app/cli/keel"
studio_test="$build/tests/gui/tst_run"
work="$(mktemp -d /tmp/keel-studio-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT

for binary in "$keel" "$studio_test"; do
    [ -x "$binary" ] || { echo "bench: $binary is missing; build the keel and tst_run targets" >&2; exit 1; }
done

now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

"$keel" new "$work/hello" --template hello >/dev/null
(cd "$work/hello" && "$keel" build >/dev/null)

cli_times=()
for ((i = 0; i < runs; i++)); do
    start=$(now)
    (cd "$work/hello" && "$keel" run --expect 'Hello from Keel!' >/dev/null 2>&1)
    cli_times+=($(( ($(now) - start) / 1000000 )))
done

# The studio case prints one "F5-to-first-line-ms: N" per run.
studio_times=($(KEEL_BENCH_PROJECT="$work/hello" KEEL_BENCH_RUNS="$runs" QT_QPA_PLATFORM=offscreen \
    XDG_CONFIG_HOME="$work/xdg/config" XDG_DATA_HOME="$work/xdg/data" \
    "$studio_test" benchF5ToFirstLine 2>&1 | sed -n 's/.*F5-to-first-line-ms: \([0-9]*\).*/\1/p'))
[ "${#studio_times[@]}" -eq "$runs" ] || { echo "bench: the studio case did not report $runs runs" >&2; exit 1; }

cli=$(printf '%s\n' "${cli_times[@]}" | median)
studio=$(printf '%s\n' "${studio_times[@]}" | median)
printf '%-40s %8s ms   (runs: %s)\n' "keel run --expect, first line" "$cli" "${cli_times[*]}"
printf '%-40s %8s ms   (runs: %s)\n' "Keel Studio F5 → Serial tab first line" "$studio" "${studio_times[*]}"
awk -v s="$studio" -v c="$cli" 'BEGIN { r = s / c; printf "ratio %.2f× (target ≤ 1.20×): %s\n", r, r <= 1.2 ? "met" : "NOT met" }'
