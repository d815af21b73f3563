#!/usr/bin/env bash
# Smoke test under a real X server: launches keel-studio on a sample project given on the
# command line, waits for its window (titled "<project> — Keel Studio"), screenshots the
# screen and checks the picture is not blank. A user would see this fail as "the IDE does not
# start or opens no project from the command line".
# usage: smoke-xvfb.sh PATH/TO/keel-studio OUTPUT_DIR   (the PNG lands in OUTPUT_DIR)
set -euo pipefail

studio="$1"
out="$2"
rm -rf "$out"
mkdir -p "$out/hello/src" "$out/config" "$out/data"
cat > "$out/hello/keel.toml" <<'TOML'
[project]
name = "hello"
sources = ["src/*.cpp"]

[kernel]
features = ["serial"]

[run]
machine = "microvm"
memory = "16M"
TOML
cat > "$out/hello/src/main.cpp" <<'CPP'
#include <keel/print.h>

int main()
{
    keel::print("Hello from Keel!\n");
    return 0;
}
CPP

export STUDIO="$studio" OUT="$out"
export XDG_CONFIG_HOME="$out/config" XDG_DATA_HOME="$out/data"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$STUDIO" "$OUT/hello" > "$OUT/studio.log" 2>&1 &
    pid=$!
    found=no
    for _ in $(seq 1 100); do
        if xwininfo -root -tree | grep -q "hello — Keel Studio"; then found=yes; break; fi
        kill -0 $pid 2>/dev/null || break
        sleep 0.1
    done
    sleep 1   # let the project tree finish listing
    import -window root "$OUT/keel-studio.png"
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    [ "$found" = yes ] || { echo "smoke: no window titled \"hello — Keel Studio\""; cat "$OUT/studio.log"; exit 1; }
'

# Second start without a project: the welcome page, listing hello as a recent project.
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$STUDIO" > "$OUT/studio-welcome.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        xwininfo -root -tree | grep -q "\"Keel Studio\"" && break
        sleep 0.1
    done
    sleep 1
    import -window root "$OUT/keel-studio-welcome.png"
    kill $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
'

# A blank screen compresses to almost nothing and has one colour.
colours=$(convert "$out/keel-studio.png" -format '%k' info:)
if [ "$colours" -lt 16 ]; then
    echo "smoke: screenshot has only $colours colours; the window did not paint"
    exit 1
fi
# The history database was created and the project recorded as recent.
db="$out/data/Keel/Keel Studio/keel.db"
[ -f "$db" ] || { echo "smoke: $db was not created"; exit 1; }
[ -s "$out/keel-studio-welcome.png" ] || { echo "smoke: no welcome-page screenshot"; cat "$out/studio-welcome.log"; exit 1; }
echo "smoke: ok, screenshots $out/keel-studio.png ($colours colours) and $out/keel-studio-welcome.png"
