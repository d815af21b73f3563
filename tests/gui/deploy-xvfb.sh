#!/usr/bin/env bash
# Runs the Deploy panel test under a real X server (Xvfb, xcb platform) and saves a picture of
# the panel with three deployed replicas, one of them stopped, to OUTPUT.png.
# usage: tests/gui/deploy-xvfb.sh PATH/TO/tst_deploypanel OUTPUT.png
set -euo pipefail
test="$1"
out="$2"
export KEEL_DEPLOY_SCREENSHOT="$out" QT_QPA_PLATFORM=xcb
xvfb-run -a -s "-screen 0 1280x800x24" "$test" deploysTheProjectAndDrivesItsReplicas
colours=$(convert "$out" -format '%k' info:)
[ "$colours" -ge 16 ] || { echo "deploy-xvfb: $out has only $colours colours"; exit 1; }
echo "deploy-xvfb: ok, $out ($colours colours)"
