#!/usr/bin/env bash
# Keel Studio bench, run by hand: cold start to an interactive window with a project open
# (target ≤ 1 s) and resident memory with that project open (target ≤ 200 MB), medians of
# RUNS starts (default 5) under a real X server (Xvfb).
#   bench/studio.sh [RUNS]
# "Interactive" is what keel-studio --startup-probe reports: the window shown, the project
# opened (tree, main.cpp in the editor, features panel resolved), one frame painted, and the
# event loop idle. The wall time around the whole process (including its exit) is shown too.
set -euo pipefail

runs="${1:-5}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
studio="${KEEL_STUDIO:-$root/build/app/studio/keel-studio}"
[ -x "$studio" ] || { echo "bench: build keel-studio first (cmake --build --preset default)" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "bench: needs xvfb-run (apt-get install xvfb)" >&2; exit 1; }

work="$(mktemp -d /tmp/keel-studio-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The hello template as `keel new hello` writes it (copy, {{name}} → hello, no template.toml).
cp -r "$root/templates/hello" "$work/hello"
rm -f "$work/hello/template.toml"
grep -rl "{{name}}" "$work/hello" | xargs sed -i "s/{{name}}/hello/g"
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

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" "$work/samples.txt"; }
interactive=$(field interactive_ms | median)
wall=$(field wall_ms | median)
rss=$(field rss_kib | median)
echo "Keel Studio bench — medians of $runs starts ($(nproc) cores, $(date -u +%FT%TZ))"
printf "%-52s %10s %10s\n" "measure" "value" "target"
printf "%-52s %10s %10s\n" "start to interactive window, project open (ms)" "$interactive" "1000"
printf "%-52s %10s %10s\n" "process wall time incl. exit (ms)" "$wall" ""
printf "%-52s %10s %10s\n" "resident memory, project open (MiB)" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" "200"
