// How a driver waits for a virtqueue: halting until an interrupt when the device has one (and
// interrupts are on), otherwise spinning with the CPU's pause hint.
#pragma once

#include "virtio/virtqueue.h"

namespace keel::virtio {

enum class WaitKind { Interrupt, Spin };

// Returns after one wait step; the caller re-checks the ring. Never loses a wake-up: the ring
// is re-checked with interrupts off right before halting.
void waitForDevice(WaitKind kind, const Virtqueue& ring);

} // namespace keel::virtio
