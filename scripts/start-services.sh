#!/usr/bin/env bash
# Starts the daemons the integration tests talk to when they are not running yet. No systemd is
# assumed (CI and containers have none); as root, virtlogd and libvirtd are started directly.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "start-services: not root; skipping libvirtd (deployment tests will use qemu:///session)"
    exit 0
fi
if command -v virtlogd >/dev/null && ! pgrep -x virtlogd >/dev/null; then
    virtlogd -d
fi
if command -v libvirtd >/dev/null && ! pgrep -x libvirtd >/dev/null; then
    libvirtd -d
fi
