// TCP/IP networking for apps built with the `net` feature (lwIP underneath), plus the interface
// a network driver (virtio-net) implements.
//
//     int main()
//     {
//         keel::net::TcpListener listener;
//         MUST(listener.listen(80, acceptConnection, &server));
//         keel::net::run();                     // the event loop; never returns
//     }
//
// The stack is single-threaded: everything (driver receive, lwIP, your callbacks) runs inside
// keel::net::poll(), which run() calls in a loop, halting the CPU while nothing happens.
// Interrupts only mark a device as having work. Addresses: DHCP first, the static fallback of
// keel.toml's [options.net] (or net.ip=ADDR/PREFIX net.gw=ADDR on the kernel command line).
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_NET
#error "keel/net.h needs the net feature: add \"net\" (and a driver such as \"virtio-net\") to [kernel] features in keel.toml"
#endif

#include <ktl/error.h>
#include <ktl/span.h>
#include <ktl/types.h>

namespace keel::net {

struct MacAddress {
    u8 bytes[6] = {};
};

// An IPv4 address; bytes in network order (10.0.2.15 is {10, 0, 2, 15}).
struct Ipv4Address {
    u8 bytes[4] = {};
    bool isZero() const { return !(bytes[0] | bytes[1] | bytes[2] | bytes[3]); }
};

struct Endpoint {
    Ipv4Address address;
    u16 port = 0;
};

// What a network driver gives the stack. All calls happen from poll(), never from an interrupt.
class EthernetDevice {
public:
    using FrameSink = void (*)(ktl::Span<const u8> frame, void* context);

    virtual MacAddress macAddress() const = 0;
    // Sends one Ethernet frame (header included, no FCS) gathered from `parts`. Busy when the
    // transmit queue is full (lwIP retransmits TCP later).
    virtual ktl::ErrorOr<void> transmit(ktl::Span<const ktl::Span<const u8>> parts) = 0;
    // Hands every frame received since the last call to sink; returns how many.
    virtual size_t receive(FrameSink sink, void* context) = 0;
    // True when the device raises an interrupt on receive (so the idle loop may halt).
    virtual bool interrupts() const = 0;
    // True when work is waiting (set from the device's interrupt).
    virtual bool hasWork() const = 0;

protected:
    // Not virtual: devices are never deleted through this interface (images without a heap
    // would otherwise need operator delete).
    ~EthernetDevice() = default;
};

// A driver calls this once per device at probe time; the first device becomes the interface.
ktl::ErrorOr<void> attach(EthernetDevice& device);

// Processes received frames, lwIP's timers and callbacks. Cheap when nothing happened.
void poll();
// poll() forever, halting while idle.
[[noreturn]] void run();
// poll()s until `done(context)` or until `timeoutMs` passed; false on timeout.
bool runUntil(bool (*done)(void* context), void* context, u64 timeoutMs);

enum class AddressSource { None, Dhcp, Static, Fallback };

struct InterfaceState {
    bool attached = false;
    AddressSource source = AddressSource::None;
    Ipv4Address address;
    Ipv4Address netmask;
    Ipv4Address gateway;
    MacAddress mac;
};

InterfaceState interfaceState();
// Blocks in poll() until the interface has an address (DHCP or fallback); false without a device.
bool waitForAddress(u64 timeoutMs);

// Free/total counts of the stack's fixed pools; after every connection has closed, the free
// counts return to their values before (the leak check of the bad-input tests).
struct PoolStats {
    u32 tcpPcbsFree = 0, tcpPcbsTotal = 0;
    u32 tcpSegmentsFree = 0, tcpSegmentsTotal = 0;
    u32 packetBuffersFree = 0, packetBuffersTotal = 0;
    u32 connectionsFree = 0, connectionsTotal = 0; // keel::net::TcpConnection objects
    u64 heapBytesUsed = 0;                          // lwIP's MEM_SIZE heap
    u64 framesReceived = 0, framesSent = 0, framesDropped = 0;
};

PoolStats poolStats();

} // namespace keel::net
