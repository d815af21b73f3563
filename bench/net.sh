#!/usr/bin/env bash
# The networking benchmark of issue 5, run by hand:  bench/net.sh [RUNS=3]
# The http-server template's /index.html (a small fixed response from its assets) served through
# `keel run --publish`, beside a Linux VM in the same QEMU configuration: Debian 12's stock kernel
# with busybox httpd in an initramfs (bench/linuxvm/build.sh), serving the same bytes.
#  1. requests/s with ab, keep-alive (-k) and one connection per request: medians of RUNS rounds
#     that alternate Keel and Linux so load drift hits both (target: Keel >= 1.5x Linux);
#  2. seconds from QEMU start to the first HTTP response (target: <= 1.5 s with TCG);
#  3. the release image's size (target: <= 192 KiB), bzImage + initramfs beside it;
#  4. the smallest -m at which Keel serves (target: 4M).
# Both VMs get the same -m (MEMORY; Debian's kernel does not boot at 64M) and TCG. The Linux VM's
# QEMU arguments are the ones `keel run` gave its own QEMU (read from /proc), with only -kernel,
# -initrd and -append changed and keel's control sockets (QMP, serial, -S) replaced by a serial file.
# Environment: KEEL (default build/app/cli/keel), MEMORY (128M), PORT (host port; default the
# first of 18181-18199 that nothing listens on),
# DURATION (seconds of each measured ab run, 10), WARMUP (seconds of the unmeasured ab runs of each
# mode that come first, 3), CONCURRENCY (ab -c, 16).
set -euo pipefail

runs="${1:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keel="${KEEL:-$root/build/app/cli/keel}"
memory="${MEMORY:-128M}"
duration="${DURATION:-10}"
warmup="${WARMUP:-3}"
concurrency="${CONCURRENCY:-16}"
firstresponse() { "$root/bench/net/firstresponse.py" "$@"; }
[ -x "$keel" ] || { echo "bench: build Keel first (cmake --build build --target keel)" >&2; exit 1; }

# curl's exit code 7: nothing accepted the connection, so the port is free for QEMU's forward.
port_free() { local code=0; curl -s -o /dev/null -m 1 "http://127.0.0.1:$1/" || code=$?; [ "$code" = 7 ]; }
port="${PORT:-}"
if [ -z "$port" ]; then
    for candidate in $(seq 18181 18199); do
        if port_free "$candidate"; then port="$candidate"; break; fi
    done
fi
if [ -z "$port" ] || ! port_free "$port"; then echo "bench: port ${port:-18181-18199} is in use (set PORT)" >&2; exit 1; fi
url="http://127.0.0.1:$port/index.html"

# The median of the numbers among the words of $1 ("-" when there are none; FAIL runs are left out).
median() {
    tr ' ' '\n' <<<"$1" | grep -E '^[0-9.]+$' | sort -n |
        awk '{ v[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }
failures=0
verdict() { # name ok(0/1) detail
    if [ "$2" = 1 ]; then echo "PASS  $1 ($3)"; else echo "FAIL  $1 ($3)"; failures=$((failures + 1)); fi
}

# Stops the VM started with `start` (keel run stops its QEMU on SIGTERM).
running=""
stop() {
    [ -n "$running" ] || return 0
    kill -TERM "$running" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$running" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$running" 2>/dev/null || true
    running=""
}
work="$(mktemp -d /tmp/keel-bench-net-XXXXXX)"
trap 'stop; rm -rf "$work"' EXIT

# start NAME CMD...: boots a VM, waits for its first HTTP response and leaves it running (pid in
# $running); sets $after to the seconds from spawning CMD to that response, or FAIL (the log is in
# $work/NAME.log).
start() {
    local name="$1" answer
    shift
    answer="$(firstresponse --keep --timeout 180 --log "$work/$name.log" "$port" /index.html -- "$@")" || true
    after="${answer%% *}"
    after="${after:-FAIL}"
    [ "$after" = FAIL ] || running="${answer#* }"
}

# --- the two images ---
"$keel" new "$work/web" --template http-server >/dev/null
cd "$work/web"
sed -i 's/^publish = .*/publish = []/' keel.toml   # only the bench's port, so 8080 may be busy
"$keel" build --release >/dev/null
elf="$work/web/build/release/web.elf"
"$root/bench/linuxvm/build.sh" "$work/linux" "$work/web/assets/www" | tee "$work/linux-versions.txt"
keel_run=("$keel" run --headless --release --accel tcg --memory "$memory" --publish "$port:80")

# --- keel's QEMU command line, and the Linux VM's derived from it ---
start keel-probe "${keel_run[@]}"
[ "$after" != FAIL ] || { echo "bench: keel run did not serve:" >&2; cat "$work/keel-probe.log" >&2; exit 1; }
qemu_pid="$(pgrep -P "$running" | head -1)"
mapfile -d '' qemu_args <"/proc/$qemu_pid/cmdline"
stop

# derive KERNEL INITRD APPEND SERIAL_LOG: sets $derived to keel's QEMU arguments with another
# kernel, initrd (or none) and command line, and the serial port written to SERIAL_LOG.
derive() {
    derived=()
    local i=0 runtime_dir=""
    while ((i < ${#qemu_args[@]})); do
        local arg="${qemu_args[i]}"
        case "$arg" in
        -S) ;;                                                    # keel resumes it over QMP
        -kernel | -initrd | -append | -mon) i=$((i + 1)) ;;       # replaced below / keel's QMP
        -chardev)
            i=$((i + 1))
            case "${qemu_args[i]}" in
            socket,id=qmp,*) ;;
            socket,id=ser0,*)
                runtime_dir="$(sed 's/.*path=\([^,]*\)\/[^/,]*,.*/\1/' <<<"${qemu_args[i]}")"
                derived+=(-chardev "file,id=ser0,path=$4") ;;
            *) derived+=(-chardev "${qemu_args[i]}") ;;
            esac ;;
        *) derived+=("$arg") ;;
        esac
        i=$((i + 1))
    done
    derived+=(-kernel "$1")
    [ -z "$2" ] || derived+=(-initrd "$2")
    [ -z "$3" ] || derived+=(-append "$3")
    if [ -n "$runtime_dir" ] && printf '%s\n' "${derived[@]}" | grep -qF "$runtime_dir"; then
        echo "bench: keel's QEMU uses more of its runtime directory than derive() knows:" "${derived[@]}" >&2
        exit 1
    fi
}
derive "$elf" "" "" "$work/keel-direct.serial"
keel_qemu=("${derived[@]}")
# quiet: printing the boot log on the emulated UART would slow Linux's boot down, not measure it.
derive "$work/linux/vmlinuz" "$work/linux/initramfs.cpio.gz" "console=ttyS0 quiet panic=-1" "$work/linux.serial"
linux_qemu=("${derived[@]}")

# --- the bytes each serves ---
check_bytes() { # name: the body must equal the template's asset; prints the response headers
    curl -s -D "$work/$1.headers" -o "$work/$1.body" "$url"
    cmp -s "$work/$1.body" "$work/web/assets/www/index.html" \
        || { echo "bench: $1 does not serve the asset's bytes" >&2; exit 1; }
    echo "$1 response headers ($(wc -c <"$work/$1.headers") bytes), body $(wc -c <"$work/$1.body") bytes = the asset:"
    tr -d '\r' <"$work/$1.headers" | sed '/^$/d; s/^/    /'
}

# ab_rate SECONDS [ab options]: requests/s; also the keep-alive requests and the failures.
ab_rate() {
    local out seconds="$1"
    shift
    if ! out="$(ab -q -r -t "$seconds" -n 100000000 -c "$concurrency" "$@" "$url" 2>&1)"; then
        echo "ab failed: $(tail -1 <<<"$out")" >&2
        echo "0 0 all"
        return
    fi
    awk '/^Requests per second/ { rps = $4 } /^Keep-Alive requests/ { ka = $3 } /^Failed requests/ { f = $3 }
         /^Non-2xx responses/ { f += $3 } END { print rps + 0, ka + 0, f + 0 }' <<<"$out"
}

declare -A rates first_times notes
round() { # vm CMD...
    local vm="$1" rate keepalive failed
    shift
    start "$vm" "$@"
    [ "$after" != FAIL ] || { echo "bench: $vm did not serve (log: $(tail -3 "$work/$vm.log"))" >&2; exit 1; }
    first_times[$vm]+="$after "
    [ -f "$work/$vm.headers" ] || check_bytes "$vm"
    # TCG translates guest code when it first runs: unmeasured runs first, or the first mode
    # measured pays for it (Linux's first ab run reached a fifth of the second's rate).
    ab_rate "$warmup" -k >/dev/null
    ab_rate "$warmup" >/dev/null
    read -r rate keepalive failed < <(ab_rate "$duration" -k)
    rates[$vm-keepalive]+="$rate "
    notes[$vm-keepalive]+="$keepalive/$failed "
    read -r rate keepalive failed < <(ab_rate "$duration")
    rates[$vm-connection]+="$rate "
    notes[$vm-connection]+="$failed "
    stop
}

echo "Keel networking bench — $(date '+%F %T %Z'), $(nproc) cores, load at start: $(uptime | sed 's/.*load average: //')"
echo "QEMU (both, from keel run): ${keel_qemu[*]}" | sed "s|$work|\$work|g"
echo "Linux VM: ${linux_qemu[*]: -6}" | sed "s|$work|\$work|g"
for ((r = 1; r <= runs; r++)); do # alternating, so drift of the shared machine's load hits both
    round keel "${keel_run[@]}"
    round linux "${linux_qemu[@]}"
done

# From QEMU's start: Keel's QEMU started by hand with keel's arguments (keel run adds its own start-up).
for ((r = 1; r <= runs; r++)); do
    t="$(firstresponse --timeout 60 "$port" /index.html -- "${keel_qemu[@]}")" || true
    first_times[keel-qemu]+="$t "
done
echo "load at end of throughput and start-up runs: $(uptime | sed 's/.*load average: //')"

# --- smallest -m ---
smallest() { # prints the first size of $@ at which $sized_command serves, @SIZE@ in it replaced by the size
    local size
    for size in "$@"; do
        if [ "$(firstresponse --timeout 60 "$port" /index.html -- "${sized_command[@]/@SIZE@/$size}")" != FAIL ]; then
            echo "$size"
            return
        fi
    done
    echo "none of $*"
}
sized_command=("$keel" run --headless --release --accel tcg --memory @SIZE@ --publish "$port:80")
keel_smallest="$(smallest 1M 2M 3M 4M 5M 6M 8M 12M 16M)"
derive "$work/linux/vmlinuz" "$work/linux/initramfs.cpio.gz" "console=ttyS0 quiet panic=-1" "$work/linux-m.serial"
sized_command=("${derived[@]}")
for ((i = 0; i < ${#sized_command[@]}; i++)); do [ "${sized_command[i]}" != -m ] || sized_command[i + 1]=@SIZE@; done
linux_smallest="$(smallest 64M 96M 128M)"

# --- the table ---
row() { # label keel-runs linux-runs
    printf "%-44s %10s %10s %7s   runs: keel %s| linux %s\n" "$1" "$(median "$2")" "$(median "$3")" \
        "$(ratio "$(median "$2")" "$(median "$3")")" "$2" "$3"
}
image=$(stat -c %s "$elf")
linux_size=$(($(stat -c %s "$work/linux/vmlinuz") + $(stat -c %s "$work/linux/initramfs.cpio.gz")))
echo
echo "medians of $runs runs, ab -c $concurrency for ${duration}s each after ${warmup}s of each mode, -m $memory for both, TCG"
printf "%-44s %10s %10s %7s\n" "measure" "keel" "linux" "ratio"
row "requests/s, keep-alive (ab -k)" "${rates[keel-keepalive]}" "${rates[linux-keepalive]}"
row "requests/s, a connection per request (ab)" "${rates[keel-connection]}" "${rates[linux-connection]}"
row "first response after QEMU starts (s)" "${first_times[keel-qemu]}" "${first_times[linux]}"
row "first response after keel run starts (s)" "${first_times[keel]}" ""
printf "%-44s %10s %10s\n" "image bytes (ELF | bzImage + initramfs)" "$image" "$linux_size"
printf "%-44s %10s %10s\n" "smallest -m that serves" "$keel_smallest" "$linux_smallest"
echo "keep-alive requests/failed ones per ab -k run: keel ${notes[keel-keepalive]}| linux ${notes[linux-keepalive]}"
echo "failed requests per ab run: keel ${notes[keel-connection]}| linux ${notes[linux-connection]}"
if ! grep -q 'Keep-Alive\|keep-alive' "$work/linux.headers"; then
    echo "busybox httpd closes every connection (Connection: close), so Linux's keep-alive row is one"
    echo "connection per request too; its headers are $(wc -c <"$work/linux.headers") bytes to Keel's $(wc -c <"$work/keel.headers")."
fi
echo

at_least() { awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN { print (a ~ /^[0-9.]+$/ && b > 0 && a >= f * b) ? 1 : 0 }'; }
for mode in keepalive connection; do
    k="$(median "${rates[keel-$mode]}")"
    l="$(median "${rates[linux-$mode]}")"
    verdict "$mode requests/s >= 1.5x the Linux VM's" "$(at_least "$k" "$l" 1.5)" "ratio $(ratio "$k" "$l")"
done
verdict "release image <= 192 KiB" $((image <= 192 * 1024 ? 1 : 0)) "$image bytes"
verdict "serves at -m 4M" "$(case "$keel_smallest" in 1M | 2M | 3M | 4M) echo 1 ;; *) echo 0 ;; esac)" "smallest $keel_smallest"
first_qemu="$(median "${first_times[keel-qemu]}")"
verdict "first response <= 1.5 s after QEMU starts" "$(at_least 1.5 "$first_qemu" 1)" "$first_qemu s"
exit $((failures > 0))
