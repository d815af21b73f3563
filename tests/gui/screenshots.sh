#!/usr/bin/env bash
# Screenshots of Keel Studio for docs/screenshots/, taken under Xvfb (a real X server):
#   tests/gui/screenshots.sh PATH/TO/studio-screenshots [OUTDIR=docs/screenshots]
# Each picture is checked for having more than a handful of colours (a window that painted).
set -euo pipefail
shots="$1"
out="${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/docs/screenshots}"
mkdir -p "$out"
config="$(mktemp -d)"; trap 'rm -rf "$config"' EXIT
XDG_CONFIG_HOME="$config" XDG_DATA_HOME="$config" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$shots" "$out"
for png in main-window main-window-dark features-panel wizard-template wizard-machine; do
    colours=$(convert "$out/$png.png" -format '%k' info:)
    [ "$colours" -ge 16 ] || { echo "screenshots: $png.png has only $colours colours"; exit 1; }
done
echo "screenshots: ok in $out"
