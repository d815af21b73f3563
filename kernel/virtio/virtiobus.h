// Internal to the virtio module: the device table the transports fill and the binding of each
// device to the driver (KEEL_VIRTIO_DRIVER) of its type.
#pragma once

#include <keel/virtio.h>
#include <ktl/stringview.h>

namespace keel::virtio {

inline constexpr size_t kMaxDevices = KEEL_OPTION_VIRTIO_MAX_DEVICES;

// Storage for one transport object of any kind, so transports need no heap.
struct alignas(16) TransportStorage {
    u8 bytes[256];
};

// A free slot for the transport of a new device, or nullptr when virtio.max-devices are in use.
TransportStorage* reserveTransport();

// Adds a device on `transport` (built in the slot reserveTransport returned), runs the handshake
// and offers it to the drivers of its type. `where` names it in messages ("pci 00:03.0").
void addDevice(Transport& transport, ktl::StringView where);

// Prints why a device is not driven, in one place so every transport says it the same way.
void reportSkipped(ktl::StringView where, const char* reason);

} // namespace keel::virtio
