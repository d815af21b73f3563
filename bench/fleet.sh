#!/usr/bin/env bash
# Fleet start benchmark (issue 9): deploys N replicas of the hello-forever template with
# `keel deploy` to a real libvirtd and times until every replica's serial log shows its
# greeting; reports VMs per second and QEMU's resident memory per VM. Then the same for a
# second, larger fleet kept running concurrently. Targets: >= 10 VMs/s, <= 64 MiB RSS per VM.
# usage: bench/fleet.sh [N=50] [CONCURRENT=100]   (as root, after scripts/start-services.sh)
#   KEEL=path/to/keel (default: build/app/cli/keel)   KEEL_CONNECT=URI (default qemu:///system)
#   MEMORY=8M (guest RAM per replica)
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
keel="${KEEL:-$here/build/app/cli/keel}"
uri="${KEEL_CONNECT:-qemu:///system}"
memory="${MEMORY:-8M}"
count="${1:-50}"
concurrent="${2:-100}"
logdir=/var/log/libvirt/qemu
work="$(mktemp -d)"
name="bench$$"
trap '"$keel" rm --connect "$uri" "$name" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

"$keel" new "$work/fleet" --template hello-forever >/dev/null
cd "$work/fleet"
"$keel" build --release >/dev/null   # the deploys below then only check that it is up to date

now() { date +%s.%N; }

# Waits until NAME-1..NAME-n each logged the greeting; prints how many did.
wait_for_logs() {
    local n="$1" deadline=$((SECONDS + 120)) ready=0
    while [ $SECONDS -lt $deadline ]; do
        ready=0
        for i in $(seq 1 "$n"); do
            grep -qs "Hello from" "$logdir/$name-$i.serial.log" && ready=$((ready + 1))
        done
        [ "$ready" -eq "$n" ] && break
        sleep 0.05
    done
    echo "$ready"
}

# Prints "average max total" QEMU RSS in MiB over the deployment's running domains.
rss_stats() {
    local total=0 max=0 n=0 pid kib
    for pidfile in /run/libvirt/qemu/"$name"-*.pid; do
        pid=$(cat "$pidfile")
        kib=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
        total=$((total + kib)); n=$((n + 1)); [ "$kib" -gt "$max" ] && max=$kib
    done
    awk -v t="$total" -v m="$max" -v n="$n" 'BEGIN { printf "%.1f %.1f %.1f\n", t / n / 1024, m / 1024, t / 1024 }'
}

run_fleet() {
    local n="$1" start end ready
    start=$(now)
    "$keel" deploy --connect "$uri" --name "$name" --replicas "$n" --memory "$memory" >"$work/deploy-$n.log" 2>&1 \
        || { cat "$work/deploy-$n.log"; exit 1; }
    local deployed
    deployed=$(now)
    ready=$(wait_for_logs "$n")
    end=$(now)
    read -r avg max total < <(rss_stats)
    awk -v n="$n" -v r="$ready" -v s="$start" -v d="$deployed" -v e="$end" -v a="$avg" -v m="$max" -v t="$total" -v mem="$memory" 'BEGIN {
        printf "fleet of %d (-m %s): %d/%d greeted in %.2f s (keel deploy returned after %.2f s) = %.1f VMs/s; ", n, mem, r, n, e - s, d - s, r / (e - s)
        printf "QEMU RSS per VM avg %.1f MiB, max %.1f MiB, total %.0f MiB\n", a, m, t }'
    "$keel" rm --connect "$uri" "$name" >/dev/null
}

run_fleet "$count"
run_fleet "$concurrent"
