#!/usr/bin/env bash
# Starts the daemons the integration tests talk to when they are not running yet. No systemd is
# assumed (CI and containers have none); as root, virtlogd and libvirtd are started directly.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "start-services: not root; skipping libvirtd (deployment tests will use qemu:///session)"
    exit 0
fi
# libvirtd re-probes QEMU's capabilities on every domain define (~50 s each) while its QEMU user
# (libvirt-qemu, group kvm) cannot open /dev/kvm; udev normally sets this, containers lack it.
if [ -e /dev/kvm ] && getent group kvm >/dev/null; then
    chgrp kvm /dev/kvm && chmod 660 /dev/kvm || echo "start-services: could not give group kvm access to /dev/kvm"
fi
if command -v virtlogd >/dev/null && ! pgrep -x virtlogd >/dev/null; then
    virtlogd -d
fi
if command -v libvirtd >/dev/null && ! pgrep -x libvirtd >/dev/null; then
    libvirtd -d
fi
