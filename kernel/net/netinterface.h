// Internal to the net module: the one lwIP netif over the attached EthernetDevice.
#pragma once

#include <keel/net.h>

struct netif;

namespace keel::net {

// The lwIP interface, or nullptr before a driver attached.
struct netif* lwipInterface();
EthernetDevice* attachedDevice();
// Lazily runs lwip_init() (TCP/UDP objects may be created before a device exists).
void ensureStackStarted();

// Feeds one received frame to lwIP (an EthernetDevice::FrameSink).
void deliverFrame(ktl::Span<const u8> frame, void* context);

// Addressing (addressing.cpp): starts DHCP or sets the static address, and later falls back.
void startAddressing(struct netif& interface);
void checkAddressing(struct netif& interface);
AddressSource addressSource();

// Frame counters kept by the interface.
struct FrameCounters {
    u64 received = 0;
    u64 sent = 0;
    u64 dropped = 0;
};
FrameCounters frameCounters();

} // namespace keel::net
