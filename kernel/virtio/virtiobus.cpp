// The virtio device table and the driver registry: every transport hands its devices to
// addDevice(), which resets each one, connects its interrupt and offers it to the first driver of
// its type (section keel_virtio_drivers, see KEEL_VIRTIO_DRIVER).
#include "virtio/virtiobus.h"

#include <keel/print.h>
#include <ktl/new.h>

extern "C" const keel::virtio::Driver __start_keel_virtio_drivers[];
extern "C" const keel::virtio::Driver __stop_keel_virtio_drivers[];

// Keeps the section (and its start/stop symbols) defined in images with virtio but no driver.
KEEL_VIRTIO_DRIVER(s_noVirtioDriver, nullptr, keel::virtio::DeviceType(0), nullptr);

namespace keel::virtio {
namespace {

TransportStorage s_transports[kMaxDevices];
size_t s_transportCount;
alignas(Device) u8 s_deviceStorage[kMaxDevices][sizeof(Device)];
Device* s_devices[kMaxDevices];
const Driver* s_drivers[kMaxDevices];
size_t s_deviceCount;

const Driver* findDriver(DeviceType type)
{
    for (const Driver* driver = __start_keel_virtio_drivers; driver != __stop_keel_virtio_drivers; ++driver) {
        if (driver->probe && driver->type == type)
            return driver;
    }
    return nullptr;
}

} // namespace

TransportStorage* reserveTransport()
{
    if (s_transportCount == kMaxDevices)
        return nullptr;
    return &s_transports[s_transportCount++];
}

void reportSkipped(ktl::StringView where, const char* reason)
{
    keel::println("virtio: {}: {}", where, reason);
}

void addDevice(Transport& transport, ktl::StringView where)
{
    size_t index = s_deviceCount++;
    Device* device = new (s_deviceStorage[index]) Device(transport);
    s_devices[index] = device;
    const Driver* driver = findDriver(device->type());
    if (!driver) {
        transport.setStatus(0); // nobody drives it: leave it reset
        return;
    }
    device->beginInitialisation();
    if (auto probed = driver->probe(*device); probed.isError()) {
        device->fail();
        keel::println("virtio: {} failed on {}: {}", driver->name, where, probed.error());
        return;
    }
    s_drivers[index] = driver;
}

ktl::Span<Device* const> devices()
{
    return { s_devices, s_deviceCount };
}

const Driver* driverOf(const Device& device)
{
    for (size_t i = 0; i < s_deviceCount; ++i) {
        if (s_devices[i] == &device)
            return s_drivers[i];
    }
    return nullptr;
}

void poll()
{
    for (size_t i = 0; i < s_deviceCount; ++i) {
        if (s_drivers[i])
            s_devices[i]->poll();
    }
}

} // namespace keel::virtio
