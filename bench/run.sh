#!/usr/bin/env bash
# Keel's benchmark: prints a table of medians (default 10 runs each). Run by hand, never in CI:
#   bench/run.sh [RUNS]
# Builds the `hello` template and a minimal reference image (bench/reference/reference.S), then
# measures image size, build times and boot wall time side by side, so ratios hold on a noisy box.
set -euo pipefail

runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keel="${KEEL:-$root/build/app/cli/keel}"
work="$(mktemp -d /tmp/keel-bench-XXXXXX)"
trap 'rm -rf "$work"' EXIT
export CCACHE_DISABLE=1  # clean builds must really compile

[ -x "$keel" ] || { echo "bench: build Keel first (cmake --build --preset default)" >&2; exit 1; }

now() { date +%s%N; }
millis() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_runs N CMD...: prints N wall times in nanoseconds, one a line.
time_runs() {
    local n="$1"; shift
    for ((i = 0; i < n; i++)); do
        local start; start=$(now)
        "$@" >/dev/null 2>&1 || true
        echo $(($(now) - start))
    done
}

"$keel" new "$work/hello" --template hello >/dev/null
cd "$work/hello"
"$keel" build --release >/dev/null
"$keel" build >/dev/null
image="$work/hello/build/release/hello.elf"

# The reference image, built here so it is measured on the same machine in the same run.
as --32 -o "$work/reference.o" "$root/bench/reference/reference.S"
ld -m elf_i386 -Ttext=0x100000 -e start -o "$work/reference.elf" "$work/reference.o"

qemu_boot() { # machine image
    qemu-system-x86_64 -M "$1" -m 16M -display none -no-reboot -serial stdio \
        -device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg -kernel "$2"
}

row() { printf "%-44s %14s %14s %8s\n" "$@"; }
echo "Keel bench — medians of $runs runs ($(nproc) cores, $(date -u +%FT%TZ))"
row "measure" "hello" "reference" "ratio"
row "-------" "-----" "---------" "-----"

row "stripped release image (bytes)" "$(stat -c %s "$image")" "$(stat -c %s "$work/reference.elf")" ""

clean() { rm -rf build/debug && "$keel" build; }
clean_ms=$(time_runs "$runs" clean | median)
noop_ms=$(time_runs "$runs" "$keel" build | median)
touch_build() { touch src/main.cpp && "$keel" build; }
touch_ms=$(time_runs "$runs" touch_build | median)
row "clean build (ms)" "$(millis "$clean_ms")" "" ""
row "no-op build (ms)" "$(millis "$noop_ms")" "" ""
row "rebuild after touching one source (ms)" "$(millis "$touch_ms")" "" ""

for machine in microvm pc; do
    # Interleave the two images so drift on the shared machine hits both alike.
    hello_times=(); ref_times=()
    for ((i = 0; i < runs; i++)); do
        hello_times+=("$(time_runs 1 qemu_boot "$machine" "$image")")
        ref_times+=("$(time_runs 1 qemu_boot "$machine" "$work/reference.elf")")
    done
    h=$(printf "%s\n" "${hello_times[@]}" | median)
    r=$(printf "%s\n" "${ref_times[@]}" | median)
    row "boot wall time, $machine (ms)" "$(millis "$h")" "$(millis "$r")" \
        "$(awk -v h="$h" -v r="$r" 'BEGIN { printf "%.2f", h / r }')"
done

# Walk down from 16M; the first size that no longer prints ends the walk.
smallest=""
for mem in 16 8 4 3 2 1; do
    # A size too small for the firmware can hang QEMU, so each probe has a time limit.
    out=$(timeout 20 qemu-system-x86_64 -M microvm -m "${mem}M" -display none -no-reboot -serial stdio \
        -device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg -kernel "$image" 2>&1 </dev/null || true)
    if grep -q "Hello from Keel!" <<<"$out"; then smallest="${mem}M"; else break; fi
done
row "smallest -m at which hello prints (microvm)" "${smallest:-none}" "" ""
