#!/usr/bin/env bash
# Builds the networking bench's reference Linux VM (issue 5): Debian 12's stock kernel and an
# initramfs with busybox httpd serving the files of WWW_DIR.
#   bench/linuxvm/build.sh OUT_DIR WWW_DIR
# writes OUT_DIR/vmlinuz and OUT_DIR/initramfs.cpio.gz and prints the package versions used.
# The kernel and busybox-static packages come from the Debian archive with `apt-get download` into
# ${XDG_CACHE_HOME:-~/.cache}/keel/linuxvm (never into the repository) and are reused while apt's
# candidate versions stay the same. Needs only apt-get, dpkg-deb and gzip on the host: busybox
# from the package itself generates modules.dep and writes the cpio archive.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 OUT_DIR WWW_DIR" >&2; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"
www="$(cd "$2" && pwd)"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/keel/linuxvm"
mkdir -p "$cache"

# The virtio PCI and MMIO transports and the virtio-net driver, with what modules.dep says they need.
modules=(virtio_pci virtio_mmio virtio_net)

candidate() { apt-cache policy "$1" | sed -n 's/^ *Candidate: //p'; }

# Downloads PACKAGE (unless its candidate is cached) and unpacks it once into $cache/PACKAGE-VERSION;
# prints that directory.
unpacked() {
    local package="$1" version
    version="$(candidate "$package")"
    [ -n "$version" ] && [ "$version" != "(none)" ] \
        || { echo "linuxvm: apt knows no $package (run apt-get update)" >&2; exit 1; }
    local dir="$cache/$package-${version//:/_}"
    if [ ! -d "$dir" ]; then
        # apt-get download escapes the epoch's colon in the file name.
        local deb="$cache/${package}_${version//:/%3a}_amd64.deb"
        [ -f "$deb" ] || (cd "$cache" && apt-get download "$package=$version" >&2)
        dpkg-deb -x "$deb" "$dir.tmp"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

# linux-image-amd64 is a metapackage; the kernel is the linux-image-<abi>-amd64 it depends on.
kernel_package="$(apt-cache depends linux-image-amd64 | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -1)"
[ -n "$kernel_package" ] || { echo "linuxvm: cannot resolve linux-image-amd64 (run apt-get update)" >&2; exit 1; }
kernel_dir="$(unpacked "$kernel_package")"
busybox_dir="$(unpacked busybox-static)"
busybox="$busybox_dir/bin/busybox"
release="$(ls "$kernel_dir/lib/modules")"
echo "linuxvm: $kernel_package $(candidate "$kernel_package"), busybox-static $(candidate busybox-static)"

root="$out/root"
rm -rf "$root"
mkdir -p "$root"/{bin,dev,proc,sys,www} "$root/lib/modules/$release"
cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$here/init" "$root/init"
chmod 755 "$root/init"
cp -R "$www/." "$root/www/"

# A full modules.dep of the package (busybox depmod, once), then copy the wanted modules and their
# dependencies, and a modules.dep for just those, so the guest's modprobe loads them in order.
[ -f "$kernel_dir/lib/modules/$release/modules.dep" ] || "$busybox" depmod -b "$kernel_dir" "$release"
for module in "${modules[@]}"; do
    line="$(grep -E "/$module\.ko:" "$kernel_dir/lib/modules/$release/modules.dep")" \
        || { echo "linuxvm: $module is not a module of $release (built in?); update bench/linuxvm" >&2; exit 1; }
    for file in $(tr -d ':' <<<"$line"); do
        mkdir -p "$root/lib/modules/$release/$(dirname "$file")"
        cp "$kernel_dir/lib/modules/$release/$file" "$root/lib/modules/$release/$file"
    done
done
"$busybox" depmod -b "$root" "$release"

cp "$kernel_dir/boot/vmlinuz-$release" "$out/vmlinuz"
(cd "$root" && find . | "$busybox" cpio -o -H newc 2>/dev/null) | gzip -9 >"$out/initramfs.cpio.gz"
rm -rf "$root"
