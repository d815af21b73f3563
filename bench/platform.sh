#!/usr/bin/env bash
# The platform targets of issue 4, run by hand (never in CI):
#   bench/platform.sh [RUNS]
# 1. The vga-shell template's release image is at most 96 KiB and reaches its prompt at -m 4M
#    (pc and q35).
# 2. A hello image with every kernel module enabled boots (to its exit) on `pc` within 1.25x the
#    wall time of the minimal reference image (bench/reference/reference.S), medians of RUNS
#    interleaved runs. Prints PASS/FAIL per target and exits non-zero when one fails.
set -euo pipefail

runs="${1:-10}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keel="${KEEL:-$root/build/app/cli/keel}"
work="$(mktemp -d /tmp/keel-platform-XXXXXX)"
trap 'rm -rf "$work"' EXIT
[ -x "$keel" ] || { echo "bench: build Keel first (cmake --build --preset default)" >&2; exit 1; }

failures=0
verdict() { # name ok(0/1) detail
    if [ "$2" = 1 ]; then echo "PASS  $1 ($3)"; else echo "FAIL  $1 ($3)"; failures=$((failures + 1)); fi
}
now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- vga-shell: size and -m 4M ---
"$keel" new "$work/shell" --template vga-shell >/dev/null
(cd "$work/shell" && "$keel" build --release >/dev/null)
shell="$work/shell/build/release/shell.elf"
size=$(stat -c %s "$shell")
verdict "vga-shell release image <= 96 KiB" $((size <= 96 * 1024 ? 1 : 0)) "$size bytes"
for machine in pc q35; do
    out=$(timeout 30 qemu-system-x86_64 -M "$machine" -m 4M -display none -no-reboot -serial stdio \
        -accel tcg -kernel "$shell" </dev/null 2>&1 || true)
    prompt=0; grep -q "keel> " <<<"$out" && prompt=1
    verdict "vga-shell reaches its prompt at -m 4M on $machine" "$prompt" "$(grep -c . <<<"$out") lines of serial"
done

# --- every module on pc vs the reference image ---
"$keel" new "$work/all" --template hello >/dev/null
cd "$work/all"
features=$("$keel" features 2>/dev/null | sed -n 's/^ *\[.\] \([a-z0-9-]*\) .*/"\1"/p' | grep -v '"core"' | paste -sd, -)
sed -i "s/^features = .*/features = [$features]/" keel.toml
if ! "$keel" build --release >"$work/all-build.log" 2>&1; then
    verdict "every-module image builds" 0 "$(tail -3 "$work/all-build.log" | tr '\n' ' ')"
    exit 1
fi
all="$work/all/build/release/all.elf"
as --32 -o "$work/reference.o" "$root/bench/reference/reference.S"
ld -m elf_i386 -Ttext=0x100000 -e start -o "$work/reference.elf" "$work/reference.o"

boot() { # image: wall time in ns of one boot to exit on pc
    local start; start=$(now)
    timeout 60 qemu-system-x86_64 -M pc -m 16M -display none -no-reboot -serial stdio \
        -device isa-debug-exit,iobase=0xf4,iosize=4 -accel tcg -kernel "$1" </dev/null >/dev/null 2>&1 || true
    echo $(($(now) - start))
}
all_times=(); ref_times=()
for ((i = 0; i < runs; i++)); do
    all_times+=("$(boot "$all")")
    ref_times+=("$(boot "$work/reference.elf")")
done
a=$(printf "%s\n" "${all_times[@]}" | median)
r=$(printf "%s\n" "${ref_times[@]}" | median)
ratio=$(awk -v a="$a" -v r="$r" 'BEGIN { printf "%.2f", a / r }')
ok=$(awk -v a="$a" -v r="$r" 'BEGIN { print (a <= 1.25 * r) ? 1 : 0 }')
verdict "every-module image boots within 1.25x the reference on pc" "$ok" \
    "$(awk -v a="$a" -v r="$r" 'BEGIN { printf "%.1f ms vs %.1f ms", a / 1e6, r / 1e6 }'), ratio $ratio, features [$features]"
exit $((failures > 0))
