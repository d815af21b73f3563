#!/usr/bin/env bash
# README command (1): set up, build, and run the main job. With a display: Keel Studio on the
# sample project. Without one (or before Studio is built): build the `hello` sample and boot it
# headless, showing its serial output.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root="$(pwd)"

bash scripts/setup.sh
cmake --preset default
cmake --build --preset default

sample="$root/build/sample/hello"
if [ ! -f "$sample/keel.toml" ]; then
    rm -rf "$sample"
    "$root/build/app/cli/keel" new "$sample" --template hello
fi

studio="$root/build/app/studio/keel-studio"
if [ -x "$studio" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    exec "$studio" "$sample"
fi

cd "$sample"
"$root/build/app/cli/keel" build
exec "$root/build/app/cli/keel" run --headless
