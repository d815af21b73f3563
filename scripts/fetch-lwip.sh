#!/usr/bin/env bash
# Fetches lwIP's sources from Debian's source package into a cache outside the
# tracked tree (never into the repository). Uses a private apt configuration
# with a deb-src entry, so the system's sources.list is left alone.
set -euo pipefail

cache="${KEEL_LWIP_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/keel/lwip}"
if [ -f "$cache/src/core/tcp.c" ]; then
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/etc/sources.list.d" "$work/etc/preferences.d"
cat > "$work/etc/sources.list" <<SRC
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main
SRC
opts=(-o Dir::Etc="$work/etc" -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache"
      -o Dir::Etc::SourceList="$work/etc/sources.list" -o Dir::Etc::SourceParts="$work/etc/sources.list.d"
      -o APT::Sandbox::User=root)
echo "fetch-lwip: downloading Debian's lwip source package"
apt-get "${opts[@]}" update -qq
(cd "$work" && apt-get "${opts[@]}" source --download-only -qq lwip)
(cd "$work" && dpkg-source -x --no-check ./lwip_*.dsc unpacked >/dev/null)
mkdir -p "$(dirname "$cache")"
rm -rf "$cache"
mv "$work/unpacked" "$cache"
echo "fetch-lwip: lwIP sources in $cache"
