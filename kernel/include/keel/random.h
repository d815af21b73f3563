// Random bytes from the host's entropy source, for apps built with the `virtio-rng` feature
// (QEMU: -device virtio-rng-pci on pc/q35, virtio-rng-device on microvm).
//
//     u8 key[32];
//     TRY(keel::random::fill(key));
//     u64 seed = MUST(keel::random::next64());
//
// Blocks until the device delivered every byte. Not for interrupt handlers.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_VIRTIO_RNG
#error "keel/random.h needs the virtio-rng feature: add \"virtio-rng\" to [kernel] features in keel.toml"
#endif

#include <ktl/error.h>
#include <ktl/span.h>

namespace keel::random {

// True when the machine has an entropy device.
bool isAvailable();

// Fills `buffer` completely. NotFound when the machine has no entropy device.
ktl::ErrorOr<void> fill(ktl::Span<u8> buffer);

// Eight random bytes as one number.
ktl::ErrorOr<u64> next64();

} // namespace keel::random
