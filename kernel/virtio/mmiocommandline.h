// The virtio-mmio windows a boot loader announces on the kernel command line, in Linux's syntax
// (Documentation/admin-guide/kernel-parameters.txt, "virtio_mmio.device="):
//     virtio_mmio.device=<size>@<base>:<irq>[:<id>]      size may end in K, M or G
// QEMU's microvm appends one such word per virtio-mmio transport that has a device plugged in,
// e.g. "virtio_mmio.device=512@0xfeb00e00:12", when it boots a kernel with -kernel.
//
//     MmioDeviceSpec specs[8];
//     MmioScan scan = parseMmioDevices(keel::commandLine(), specs);
//     for (size_t i = 0; i < scan.found; ++i) use(specs[i]);
#pragma once

#include <ktl/span.h>
#include <ktl/stringview.h>

namespace keel::virtio {

struct MmioDeviceSpec {
    u64 base = 0;
    u64 size = 0;
    u32 irq = 0;
};

struct MmioScan {
    size_t found = 0; // entries stored in the output span
    size_t malformed = 0; // virtio_mmio.device= words that did not parse
    size_t dropped = 0; // well-formed entries beyond the span's size
};

// Parses one value (the text after "virtio_mmio.device="); empty when it is malformed.
ktl::Optional<MmioDeviceSpec> parseMmioDevice(ktl::StringView value);

// Scans every blank-separated word of `commandLine`.
MmioScan parseMmioDevices(ktl::StringView commandLine, ktl::Span<MmioDeviceSpec> out);

} // namespace keel::virtio
