#!/usr/bin/env bash
# The emulator engine's benchmark (issue 6), run by hand:  bench/engine.sh [RUNS] [SECONDS]
#  1. `keel run` → the guest's first serial line for the hello template, median of RUNS, beside
#     plain QEMU started by hand on the same image with the same machine (target: ≤ 1.2×).
#  2. RFB frames per second that reach a consumer (Keel's RfbClient) while a guest repaints the
#     whole 720x400 VGA text screen without pause, median over SECONDS (target: ≥ 30); SECONDS=0
#     skips it.
# Uses the keel binary and keelemulator library of BUILD (default: ./build).
set -euo pipefail

runs="${1:-10}"
seconds="${2:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD:-$root/build}"
keel="$build/app/cli/keel"
work="$(mktemp -d /tmp/keel-bench-engine-XXXXXX)"
trap 'rm -rf "$work"' EXIT

[ -x "$keel" ] || { echo "bench: build Keel first (cmake --build $build --target keel)" >&2; exit 1; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
millis() { awk -v ns="$1" 'BEGIN { printf "%.1f", ns / 1e6 }'; }
firstline() { "$root/bench/engine/firstline.py" "$@"; }

first_serial_line() {
    "$keel" new "$work/hello" --template hello >/dev/null
    cd "$work/hello"
    "$keel" build >/dev/null 2>&1
    local image="$work/hello/build/debug/hello.elf"
    # Same machine, memory and accelerator for both; TCG so a flaky /dev/kvm cannot skew either.
    local keel_times=() qemu_times=()
    for ((i = 0; i < runs; i++)); do # interleaved, so drift on a shared machine hits both alike
        keel_times+=("$(firstline "$keel" run --machine microvm --memory 16M --accel tcg)")
        qemu_times+=("$(firstline qemu-system-x86_64 -M microvm -nodefaults -no-reboot -m 16M -accel tcg \
            -display none -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=4 -kernel "$image")")
    done
    local k q
    k=$(printf "%s\n" "${keel_times[@]}" | median)
    q=$(printf "%s\n" "${qemu_times[@]}" | median)
    printf "%-52s %10s %10s %7s\n" "first serial line, hello on microvm (ms)" "$(millis "$k")" "$(millis "$q")" \
        "$(awk -v k="$k" -v q="$q" 'BEGIN { printf "%.2f", k / q }')"
    cd "$root"
}

rfb_frames_per_second() {
    g++ -std=c++20 -O2 -fPIC -I"$root" $(pkg-config --cflags Qt6Core Qt6Network) \
        "$root/bench/engine/rfbfps.cpp" "$build/emulator/libkeelemulator.a" \
        $(pkg-config --libs Qt6Core Qt6Network) -o "$work/rfbfps"
    "$keel" new "$work/vga" --template vga-shell >/dev/null
    cp "$root/bench/engine/vgarepaint.cpp" "$work/vga/src/main.cpp"
    (cd "$work/vga" && "$keel" build >/dev/null 2>&1)
    "$work/rfbfps" "$work/vga/build/debug/vga.elf" "$seconds" | tee "$work/rfb.txt" >&2
    local fps
    fps=$(awk '/^median/ { print $2 }' "$work/rfb.txt")
    printf "%-52s %10s %10s %7s\n" "RFB frames/s to the consumer, full-screen VGA" "$fps" "30 target" \
        "$(awk -v f="$fps" 'BEGIN { printf "%.2f", f / 30 }')"
}

echo "Keel engine bench — medians ($runs runs, $seconds s of RFB; $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg))"
printf "%-52s %10s %10s %7s\n" "measure" "keel" "reference" "ratio"
first_serial_line
[ "$seconds" = 0 ] || rfb_frames_per_second
