#!/usr/bin/env bash
# Fleet start benchmark (issue 9): deploys N replicas of the hello-forever template with
# `keel deploy` to a real libvirtd and times until every replica's serial log shows its
# greeting; reports VMs per second, QEMU's resident memory per VM, and the CPU time each VM
# cost in libvirtd, in its QEMU and in keel, so the ceiling on this host is visible
# (cores / CPU-s per VM). The first fleet runs RUNS times (median reported); then one larger
# fleet is kept running concurrently for the memory figure. Targets: >= 10 VMs/s, <= 64 MiB RSS
# per VM. The reference, measured in the same run: the same image booted by plain QEMU (pc,
# TCG, qboot) to the same greeting.
# bench/fleet/qmpcost.py isolates the largest part of that QEMU cost: libvirt 9.0's ~400 qom-get
# queries per domain start, which QEMU 7.2's byte-at-a-time monitor turns into ~130 ms of CPU.
# usage: bench/fleet.sh [N=50] [CONCURRENT=100]   (as root, after scripts/start-services.sh)
#   KEEL=path/to/keel (default: build/app/cli/keel)   KEEL_CONNECT=URI (default qemu:///system)
#   MEMORY=8M (guest RAM per replica)   RUNS=3 (fleets of N)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
keel="${KEEL:-$here/build/app/cli/keel}"
uri="${KEEL_CONNECT:-qemu:///system}"
memory="${MEMORY:-8M}"
count="${1:-50}"
concurrent="${2:-100}"
runs="${RUNS:-3}"
logdir=/var/log/libvirt/qemu
work="$(mktemp -d)"
name="bench$$"
trap '"$keel" rm --connect "$uri" "$name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
ticks=$(getconf CLK_TCK)
cores=$(nproc)

"$keel" new "$work/fleet" --template hello-forever >/dev/null
cd "$work/fleet"
"$keel" build --release >/dev/null   # the deploys below then only check that it is up to date
image="$work/fleet/build/release/fleet.elf"

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# CPU ticks a process used (utime + stime), with its reaped children (cutime + cstime) if $2.
cpu_ticks() { awk -v children="${2:-}" '{ print $14 + $15 + (children ? $16 + $17 : 0) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
daemon_ticks() {
    local total=0 pid
    for pid in $(pgrep -x libvirtd) $(pgrep -x virtlogd); do total=$((total + $(cpu_ticks "$pid" children))); done
    echo "$total"
}
# Host-wide idle ticks (all cores): a fleet start that leaves the CPUs idle waits on something.
idle_ticks() { awk '/^cpu / { print $5 + $6 }' /proc/stat; }
qemu_ticks() {
    local total=0 pidfile
    for pidfile in /run/libvirt/qemu/"$name"-*.pid; do total=$((total + $(cpu_ticks "$(cat "$pidfile")"))); done
    echo "$total"
}

# Waits until NAME-1..NAME-n each logged the greeting; prints how many did. One grep a poll:
# the poll must not take the CPU the replicas need.
wait_for_logs() {
    local n="$1" deadline=$((SECONDS + 300)) ready=0 logs=()
    for i in $(seq 1 "$n"); do logs+=("$logdir/$name-$i.serial.log"); done
    while [ $SECONDS -lt $deadline ]; do
        ready=$(grep -ls "Hello from" "${logs[@]}" | wc -l || true)
        [ "$ready" -eq "$n" ] && break
        sleep 0.05
    done
    echo "$ready"
}

# Prints "average max total average-PSS" QEMU memory in MiB over the deployment's running
# domains. RSS counts the shared library pages in every process; PSS divides them among the
# processes sharing them, so it is what one more VM really costs the host.
rss_stats() {
    local total=0 max=0 n=0 pss=0 pid kib
    for pidfile in /run/libvirt/qemu/"$name"-*.pid; do
        pid=$(cat "$pidfile")
        kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
        pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
        total=$((total + kib)); n=$((n + 1)); [ "$kib" -gt "$max" ] && max=$kib
    done
    awk -v t="$total" -v m="$max" -v n="$n" -v p="$pss" 'BEGIN { printf "%.1f %.1f %.1f %.1f\n", t / n / 1024, m / 1024, t / 1024, p / n / 1024 }'
}

# Plain QEMU to the greeting: prints "wall-ms cpu-ms".
reference_boot() {
    local log="$work/reference.log" start pid
    : >"$log"
    start=$(now)
    qemu-system-x86_64 -machine pc -accel tcg -m "$memory" -bios /usr/share/qemu/qboot.rom -kernel "$image" \
        -display none -nodefaults -no-user-config -serial "file:$log" 2>/dev/null &
    pid=$!
    until grep -qs "Hello from" "$log"; do sleep 0.005; done
    local end ticks_used
    end=$(now)
    ticks_used=$(cpu_ticks "$pid")
    kill "$pid"; wait "$pid" 2>/dev/null || true
    awk -v s="$start" -v e="$end" -v t="$ticks_used" -v hz="$ticks" 'BEGIN { printf "%.0f %.0f\n", (e - s) * 1000, t * 1000 / hz }'
}

# Deploys n replicas and waits for every greeting. Prints one line and sets $rate (VMs/s).
run_fleet() {
    local n="$1" start end ready deployed daemons0 daemons1 keel0 keel1 qemu idle0 idle1
    daemons0=$(daemon_ticks); keel0=$(cpu_ticks $$ children); idle0=$(idle_ticks)
    start=$(now)
    "$keel" deploy --connect "$uri" --name "$name" --replicas "$n" --memory "$memory" >"$work/deploy-$n.log" 2>&1 \
        || { cat "$work/deploy-$n.log"; exit 1; }
    deployed=$(now); keel1=$(cpu_ticks $$ children)
    ready=$(wait_for_logs "$n")
    end=$(now)
    qemu=$(qemu_ticks); daemons1=$(daemon_ticks); idle1=$(idle_ticks)
    read -r avg max total pss < <(rss_stats)
    rate=$(awk -v r="$ready" -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", r / (e - s) }')
    awk -v n="$n" -v r="$ready" -v s="$start" -v d="$deployed" -v e="$end" -v a="$avg" -v m="$max" -v t="$total" -v pss="$pss" \
        -v mem="$memory" -v hz="$ticks" -v cores="$cores" -v lv=$((daemons1 - daemons0)) -v q="$qemu" \
        -v k=$((keel1 - keel0)) -v rate="$rate" -v load="$(cut -d' ' -f1 /proc/loadavg)" -v idle=$((idle1 - idle0)) 'BEGIN {
        printf "fleet of %d (-m %s, load %s): %d/%d greeted in %.2f s (keel deploy returned after %.2f s) = %.2f VMs/s, host CPU idle %.0f%%\n",
               n, mem, load, r, n, e - s, d - s, rate, 100 * idle / hz / cores / (e - s)
        lvs = lv / hz / n; qs = q / hz / n; ks = k / hz / n
        printf "  CPU per VM: libvirtd+virtlogd %.3f s, QEMU (until the last greeting) %.3f s, keel %.3f s = %.3f s -> ceiling %d cores / %.3f s = %.1f VMs/s\n",
               lvs, qs, ks, lvs + qs + ks, cores, lvs + qs + ks, cores / (lvs + qs + ks)
        printf "  QEMU RSS per VM avg %.1f MiB, max %.1f MiB, total %.0f MiB; PSS per VM avg %.1f MiB\n", a, m, t, pss }'
    "$keel" rm --connect "$uri" "$name" >/dev/null
}

echo "host: $cores cores, $(uptime | sed 's/.*load/load/')"
for ((i = 0; i < 5; i++)); do reference_boot; done >"$work/reference.txt"
echo "reference: plain QEMU (pc, TCG, qboot, -m $memory) to the greeting: median $(cut -d' ' -f1 "$work/reference.txt" | median) ms wall, $(cut -d' ' -f2 "$work/reference.txt" | median) ms CPU (5 boots)"
rates=()
for ((i = 0; i < runs; i++)); do
    run_fleet "$count"
    rates+=("$rate")
done
echo "fleet of $count: median $(printf '%s\n' "${rates[@]}" | median) VMs/s over $runs runs (${rates[*]})"
run_fleet "$concurrent"
