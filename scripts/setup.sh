#!/usr/bin/env bash
# Installs every Debian 12 package Keel needs and fetches lwIP's sources from
# Debian's source package. Idempotent: when everything is present it only
# checks and returns within a second or two.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
    # Toolchain and build
    build-essential g++ cmake ninja-build pkg-config binutils file
    # Project file parsing
    libtomlplusplus-dev
    # Running and debugging images
    qemu-system-x86 qemu-utils gdb
    # Networking tests and bench (ab, curl, nc)
    apache2-utils curl netcat-openbsd
    # GRUB-bootable ISOs
    grub-pc-bin grub-common xorriso mtools
    # Keel Studio
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-charts-dev libqscintilla2-qt6-dev libgl-dev
    libqt6opengl6-dev libqt6svg6 imagemagick
    # Deployment
    libvirt-dev libvirt-daemon-system libvirt-clients
    # History
    libsqlite3-dev sqlite3
    # Tests
    googletest libgtest-dev libgmock-dev xvfb xauth
    # lwIP sources (apt-get source)
    dpkg-dev
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    sudo_cmd=()
    [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

"$here/scripts/fetch-lwip.sh"
