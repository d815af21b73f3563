#!/usr/bin/env bash
# Screenshots of Keel Studio for docs/screenshots/, taken under Xvfb (a real X server):
#   tests/gui/screenshots.sh PATH/TO/studio-screenshots [OUTDIR=docs/screenshots]
# (tst_run and tst_debugger, built next to studio-screenshots, take the Run and Debug pictures.)
# Each picture is checked for having more than a handful of colours (a window that painted).
set -euo pipefail
shots="$1"
out="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/docs/screenshots}"
mkdir -p "$out"
config="$(mktemp -d)"; trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" XDG_DATA_HOME="$config" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$shots" "$out"
# Run and Debug: the real QEMU and gdb tests save their window at the moments worth showing.
tests="$(dirname "$shots")"
for test in "tst_run helloShowsGreetingBootTimeAndHistory vgaShellScreenMatchesQemuAndTakesKeys" tst_debugger; do
    XDG_CONFIG_HOME="$config" XDG_DATA_HOME="$config" KEEL_SCREENSHOT_DIR="$out" QT_QPA_PLATFORM=xcb \
        xvfb-run -a -s "-screen 0 1280x800x24" $(sed "s|^|$tests/|" <<< "$test") >/dev/null \
        || { echo "screenshots: $test failed"; exit 1; }
done
for png in main-window main-window-dark features-panel wizard-template wizard-machine \
    run-hello run-vga-shell run-vga-shell-help debug-breakpoint; do
    colours=$(convert "$out/$png.png" -format '%k' info:)
    [ "$colours" -ge 16 ] || { echo "screenshots: $png.png has only $colours colours"; exit 1; }
    convert "$out/$png.png" +dither -colors 256 "PNG8:$out/$png.png" # a third of the bytes, same look
done
echo "screenshots: ok in $out"
