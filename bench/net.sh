#!/bin/sh
# Networking benchmark of the http-server template (issue 5): requests/s through
# `keel run --publish` with ab (keep-alive and one-connection-per-request), release image size,
# the smallest -m that still serves, and the time from starting keel run to the first HTTP
# answer. Run by hand: bench/net.sh [path to keel]   (TCG unless KVM works)
# FIXME: the Linux-VM comparison (Debian kernel + busybox httpd initramfs) is not built yet.
set -eu
keel=${1:-$(dirname "$0")/../build/app/cli/keel}
work=$(mktemp -d)
trap 'stop; rm -rf "$work"' EXIT
port=18181

"$keel" new "$work/web" --template http-server > /dev/null
cd "$work/web"
"$keel" build --release > /dev/null
echo "image (release): $(stat -c %s build/release/web.elf) bytes"

stop() { [ -f "$work/pid" ] && kill "$(cat "$work/pid")" 2>/dev/null; rm -f "$work/pid"; sleep 1; }

serve() { # memory; prints seconds from keel run to the first answer, or FAIL; pid in $work/pid
    start=$(date +%s.%N)
    "$keel" run --headless --release --memory "$1" --publish "$port:80" > run.log 2>&1 &
    run=$!
    echo $run > "$work/pid"
    for _ in $(seq 300); do
        if curl -s -m 1 -o /dev/null "http://127.0.0.1:$port/index.html"; then
            echo "$(date +%s.%N) - $start" | bc
            return 0
        fi
        kill -0 $run 2>/dev/null || break
        sleep 0.05
    done
    echo FAIL
}

echo "first response after keel run (16M): $(serve 16M) s"
echo "keep-alive:      $(ab -q -k -n 20000 -c 16 http://127.0.0.1:$port/index.html | grep 'Requests per second')"
echo "per-connection:  $(ab -q -n 2000 -c 16 http://127.0.0.1:$port/index.html | grep 'Requests per second')"
stop

for memory in 2M 3M 4M 6M 8M; do
    result=$(serve $memory)
    stop
    echo "-m $memory: $result"
    [ "$result" != FAIL ] && break
done
