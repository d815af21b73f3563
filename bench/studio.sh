#!/usr/bin/env bash
# Keel Studio bench, run by hand: cold start to an interactive window with a project open
# (target ≤ 1 s) and resident memory with that project open (target ≤ 200 MB), medians of
# RUNS starts (default 5) under a real X server (Xvfb); then "typing stays fluid while a build
# runs": keystroke-to-paint latency in the editor while a cold build of the project runs, beside
# the same typing with nothing else going on (studio-typing-probe; target p95 ≤ 50 ms).
#   bench/studio.sh [RUNS] [BUILD_DIR]
# "Interactive" is what keel-studio --startup-probe reports: the window shown, the project
# opened (tree, main.cpp in the editor, features panel resolved), one frame painted, and the
# event loop idle. The wall time around the whole process (including its exit) is shown too.
set -euo pipefail

runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${2:-$root/build}"
studio="${KEEL_STUDIO:-$build/app/studio/keel-studio}"
probe="$build/tests/gui/studio-typing-probe"
for binary in "$studio" "$probe"; do
    [ -x "$binary" ] || { echo "bench: $binary is missing; build keel-studio and studio-typing-probe" >&2; exit 1; }
done
command -v xvfb-run >/dev/null || { echo "bench: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }

work="$(mktemp -d /tmp/keel-studio-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The hello template as `keel new hello` writes it (copy, {{name}} → hello, no template.toml).
cp -r "$root/templates/hello" "$work/hello"
rm -f "$work/hello/template.toml"
grep -rl "{{name}}" "$work/hello" | xargs sed -i "s/{{name}}/hello/g"
cp -r "$work/hello" "$work/typing" # the probe types into its main.cpp, and Build saves it
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" STUDIO="$studio" WORK="$work" RUNS="$runs"

xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$STUDIO" --startup-probe "$WORK/hello" >/dev/null 2>&1 || true   # warm-up: history db created
    for ((i = 0; i < RUNS; i++)); do
        sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null || true   # cold where we may
        start=$(date +%s%N)
        line=$("$STUDIO" --startup-probe "$WORK/hello" 2>/dev/null | grep interactive_ms)
        end=$(date +%s%N)
        echo "$line wall_ms=$(( (end - start) / 1000000 ))"
    done
' > "$work/samples.txt"
CCACHE_DISABLE=1 xvfb-run -a -s "-screen 0 1280x800x24" "$probe" "$work/typing" > "$work/typing.txt" 2>/dev/null \
    || { echo "bench: the typing probe failed:" >&2; cat "$work/typing.txt" >&2; exit 1; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$work/samples.txt"; }
typing() { sed -n "s/^typing_$1 .*$2=\([0-9.]*\).*/\1/p" "$work/typing.txt"; } # phase field
interactive=$(field interactive_ms | median)
wall=$(field wall_ms | median)
rss=$(field rss_kib | median)
echo "Keel Studio bench — medians of $runs starts ($(nproc) cores, $(date -u +%FT%TZ))"
printf "%-52s %10s %10s\n" "measure" "value" "target"
printf "%-52s %10s %10s\n" "start to interactive window, project open (ms)" "$interactive" "1000"
printf "%-52s %10s %10s\n" "process wall time incl. exit (ms)" "$wall" ""
printf "%-52s %10s %10s\n" "resident memory, project open (MiB)" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" "200"
printf "%-52s %10s %10s\n" "keystroke to paint, idle editor: median / p95 (ms)" "$(typing idle median_ms) / $(typing idle p95_ms)" ""
printf "%-52s %10s %10s\n" "keystroke to paint during a build: median / p95 (ms)" "$(typing build median_ms) / $(typing build p95_ms)" "- / 50"
printf "%-52s %10s %10s\n" "  (keys during builds; builds; their time in s; worst ms)" "$(typing build n) $(typing build builds) $(typing build build_s) $(typing build max_ms)" ""
