// Virtio 1.x devices for drivers built on the `virtio` feature (transport over PCI or virtio-mmio,
// chosen by the machine; drivers never see which).
//
// A driver declares which device type it serves; the virtio module finds every device (PCI
// functions of vendor 0x1af4, virtio-mmio windows from the command line), resets it, sets
// ACKNOWLEDGE|DRIVER and calls the driver's probe, which negotiates, sets up queues and starts it:
//
//     static ktl::ErrorOr<void> probeRng(keel::virtio::Device& device)
//     {
//         TRY(device.negotiate(0));                        // VERSION_1 is always added
//         keel::virtio::Queue& queue = TRY(device.setUpQueue(0));
//         TRY(device.start());                              // DRIVER_OK
//         s_queue = &queue;
//         return {};
//     }
//     KEEL_VIRTIO_DRIVER(s_rngDriver, "virtio-rng", keel::virtio::DeviceType::Entropy, probeRng);
//
// Moving data: buffers are physical addresses (the kernel is identity mapped, so
// keel::virtio::physicalAddress(pointer)); memory the device touches should come from
// allocateDma() (page-aligned, never moved, never freed by anyone else).
//
//     keel::virtio::Buffer chain[] = { { physicalAddress(header), 16, BufferAccess::DeviceReads },
//                                      { physicalAddress(data), 512, BufferAccess::DeviceWrites } };
//     TRY(queue.submit(chain, &request));
//     queue.notify();
//     queue.waitForUsed();                                  // or a handler, see below
//     while (auto done = queue.takeUsed()) finish(done->cookie, done->written);
//
// Completions: a queue handler set with setHandler() runs after the device used buffers - from
// the device's interrupt (interrupts off, keep it short) when the transport has one on this
// machine (PCI with MSI-X and the `interrupts` feature), else from keel::virtio::poll(), which
// anything may call (an idle loop, a timer). Handlers then call takeUsed() until it is empty.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_VIRTIO
#error "keel/virtio.h needs the virtio feature: add \"virtio\" to [kernel] features in keel.toml"
#endif

#include <virtio/transport.h>
#include <virtio/virtqueue.h>

namespace keel::virtio {

// Device IDs (Virtio 1.2, 5 "Device Types").
enum class DeviceType : u32 {
    Net = 1,
    Block = 2,
    Console = 3,
    Entropy = 4,
    Balloon = 5,
    Scsi = 8,
    Gpu = 16,
    Input = 18,
    Vsock = 19,
};

// Reserved feature bits (6 "Reserved Feature Bits"); device-specific ones are in the drivers.
namespace Feature {
inline constexpr u64 kIndirectDescriptors = 1ull << 28;
inline constexpr u64 kEventIndex = 1ull << 29;
inline constexpr u64 kVersion1 = 1ull << 32; // modern device; Keel requires it
inline constexpr u64 kAccessPlatform = 1ull << 33;
} // namespace Feature

class Device;
class Queue;

using QueueHandler = void (*)(Queue& queue, void* context);

class Queue {
public:
    // See Virtqueue::submit. Does not notify: post several chains, then notify() once.
    ktl::ErrorOr<u16> submit(ktl::Span<const Buffer> chain, void* cookie);
    // Rings the device's doorbell for this queue (skipped when the device asked for none).
    void notify();

    ktl::Optional<Completion> takeUsed();
    bool hasUsed() const;
    // Returns once the device has used at least one chain (halting until an interrupt when the
    // device has one, otherwise spinning on the used ring). Does not consume the completion, so
    // do not use it on a queue whose handler drains takeUsed(): it could wait forever.
    void waitForUsed();

    // `handler` runs on used-ring progress (from the interrupt, or from keel::virtio::poll()).
    void setHandler(QueueHandler handler, void* context);

    u16 index() const { return m_index; }
    u16 size() const { return m_ring.size(); }
    u16 freeCount() const { return m_ring.freeCount(); }
    Device& device() const { return *m_device; }

private:
    friend class Device;

    Virtqueue m_ring;
    Device* m_device = nullptr;
    QueueHandler m_handler = nullptr;
    void* m_handlerContext = nullptr;
    u16 m_index = 0;
};

class Device {
public:
    static constexpr u16 kMaxQueues = 4;

    explicit Device(Transport& transport) : m_transport(transport) { }

    DeviceType type() const { return DeviceType(m_transport.deviceType()); }
    const char* transportName() const { return m_transport.name(); }
    u64 deviceFeatures() const { return m_deviceFeatures; }
    u64 features() const { return m_features; } // what negotiate() agreed on

    // Accepts `wanted & deviceFeatures()` plus VERSION_1 and sets FEATURES_OK. Unsupported when
    // the device is legacy-only (no VERSION_1) or refuses FEATURES_OK.
    ktl::ErrorOr<u64> negotiate(u64 wanted);

    // Allocates and registers queue `index` (size: the device's maximum, capped at `maxSize`
    // when non-zero). After negotiate(), before start(). NotFound when the device has no such
    // queue.
    ktl::ErrorOr<Queue*> setUpQueue(u16 index, u16 maxSize = 0);

    // DRIVER_OK: the device may now use the queues.
    ktl::ErrorOr<void> start();

    // True when this device interrupts (otherwise poll()).
    bool hasInterrupt() const { return m_hasInterrupt; }

    // Device-specific configuration (5.x "Device configuration layout"), read consistently
    // across the generation counter for 64-bit fields.
    u8 readConfig8(u32 offset) { return u8(m_transport.readConfig(offset, 1)); }
    u16 readConfig16(u32 offset) { return u16(m_transport.readConfig(offset, 2)); }
    u32 readConfig32(u32 offset) { return m_transport.readConfig(offset, 4); }
    u64 readConfig64(u32 offset);
    void writeConfig8(u32 offset, u8 value) { m_transport.writeConfig(offset, 1, value); }
    void writeConfig32(u32 offset, u32 value) { m_transport.writeConfig(offset, 4, value); }

    // Runs the handlers of queues with used-ring progress.
    void poll();

    // For the virtio module: reset + ACKNOWLEDGE + DRIVER, then the probe's outcome.
    void beginInitialisation();
    void fail();
    Transport& transport() { return m_transport; }
    Queue* queue(u16 index) { return index < kMaxQueues && m_queues[index].m_device ? &m_queues[index] : nullptr; }

private:
    static void onInterrupt(void* context);

    Transport& m_transport;
    Queue m_queues[kMaxQueues];
    u64 m_deviceFeatures = 0;
    u64 m_features = 0;
    bool m_hasInterrupt = false;
};

struct Driver {
    const char* name;
    DeviceType type;
    ktl::ErrorOr<void> (*probe)(Device& device);
};

// Every virtio device found at boot (bound or not), in discovery order.
ktl::Span<Device* const> devices();

// The driver that took `device`, or nullptr.
const Driver* driverOf(const Device& device);

// Polls every device (see Device::poll); cheap when nothing happened.
void poll();

// Zeroed, page-aligned, physically contiguous memory for rings and buffers the device reads or
// writes. Never freed (drivers allocate once at probe time). OutOfMemory when RAM is short.
ktl::ErrorOr<void*> allocateDma(size_t bytes);

inline u64 physicalAddress(const void* pointer)
{
    return u64(reinterpret_cast<uptr>(pointer));
}

} // namespace keel::virtio

// Places `variable` in section keel_virtio_drivers (bounded by the linker's __start_/__stop_
// symbols); the virtio module offers each device to the drivers of its type in section order.
#define KEEL_VIRTIO_DRIVER(variable, name, type, probe)                                            \
    [[gnu::used, gnu::retain, gnu::aligned(8),                                                     \
        gnu::section("keel_virtio_drivers")]] constinit const ::keel::virtio::Driver variable      \
        = {name, type, probe}
