// What a virtio transport does for a device (Virtio 1.2, 4.1 "Virtio Over PCI Bus" and 4.2
// "Virtio Over MMIO"): status, 64-bit feature words, queue registers, the doorbell and the
// device-specific configuration. PciTransport and MmioTransport implement it; keel::virtio::Device
// runs the handshake on top, so drivers never know which transport they sit on.
#pragma once

#include <ktl/error.h>

namespace keel::virtio {

// Device status bits (2.1).
namespace Status {
inline constexpr u8 kAcknowledge = 1;
inline constexpr u8 kDriver = 2;
inline constexpr u8 kDriverOk = 4;
inline constexpr u8 kFeaturesOk = 8;
inline constexpr u8 kNeedsReset = 64;
inline constexpr u8 kFailed = 128;
} // namespace Status

struct QueueAddresses {
    u64 descriptors;
    u64 avail;
    u64 used;
};

class Transport {
public:
    virtual u32 deviceType() const = 0;
    virtual const char* name() const = 0; // "pci" or "mmio"

    virtual u8 status() = 0;
    virtual void setStatus(u8 status) = 0; // 0 resets the device
    virtual u64 deviceFeatures() = 0;
    virtual void setDriverFeatures(u64 features) = 0;

    // 0 when the queue does not exist.
    virtual u16 maxQueueSize(u16 queue) = 0;
    virtual ktl::ErrorOr<void> enableQueue(u16 queue, u16 size, const QueueAddresses& addresses) = 0;
    virtual void notify(u16 queue) = 0;

    // Reads and clears the interrupt status (bit 0: used ring, bit 1: configuration change).
    virtual u32 takeInterruptStatus() = 0;

    // Device-specific configuration; offsets are the spec's.
    virtual u32 readConfig(u32 offset, u8 width) = 0;
    virtual void writeConfig(u32 offset, u8 width, u32 value) = 0;
    virtual u32 configGeneration() = 0;

    // Arranges for `handler(context)` to run when the device interrupts, if this transport can on
    // this machine; false means the device must be polled.
    virtual bool connectInterrupt(void (*handler)(void*), void* context) = 0;

protected:
    ~Transport() = default;
};

} // namespace keel::virtio
