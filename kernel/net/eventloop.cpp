// The single-threaded event loop (lwIP NO_SYS=1: "call sys_check_timeouts() periodically and
// feed received frames from the main loop"), and what lwIP asks of the platform: sys_now(),
// a random number, an assertion that panics.
#include "net/netinterface.h"

#include <keel/interrupts.h>
#include <keel/system.h>
#include <keel/time.h>
#include <lwip/ip4_addr.h>
#include <lwip/netif.h>
#include <lwip/stats.h>
#include <lwip/timeouts.h>

extern "C" u32_t sys_now(void)
{
    return u32_t(keel::now().nanosecondsSinceBoot() / 1000000);
}

extern "C" unsigned int keel_lwip_random(void)
{
    // Only TCP initial sequence numbers and DHCP transaction ids: unpredictable enough.
    static u64 s_state = keel::now().nanosecondsSinceBoot() | 1;
    s_state ^= s_state << 13;
    s_state ^= s_state >> 7;
    s_state ^= s_state << 17;
    return unsigned(s_state);
}

extern "C" void keel_lwip_assert(const char* message, const char* file, int line)
{
    keel::panic("lwIP assertion \"{}\" failed at {}:{}", message, file, line);
}

namespace keel::net {

namespace {

// Wakes the halted loop so lwIP's timers (TCP every 250 ms, DHCP, ARP) run on time.
Timer s_wakeUp;

void copyAddress(Ipv4Address& out, const ip4_addr_t* in)
{
    const u32 value = ip4_addr_get_u32(in);
    for (int i = 0; i < 4; ++i)
        out.bytes[i] = u8(value >> (8 * i));
}

void idle(EthernetDevice* device)
{
    if (device && !device->interrupts()) {
        __builtin_ia32_pause(); // polling device: keep spinning, it cannot wake us
        return;
    }
    interrupts::disable();
    if (device && device->hasWork())
        interrupts::enable();
    else
        interrupts::waitForInterrupt();
}

} // namespace

void poll()
{
    ensureStackStarted();
    if (EthernetDevice* device = attachedDevice()) {
        device->receive(deliverFrame, nullptr);
        checkAddressing(*lwipInterface());
    }
    sys_check_timeouts();
}

void run()
{
    if (!s_wakeUp.isActive())
        s_wakeUp.startPeriodic(Duration::milliseconds(50), [](void*) { });
    for (;;) {
        poll();
        idle(attachedDevice());
    }
}

bool runUntil(bool (*done)(void* context), void* context, u64 timeoutMs)
{
    if (!s_wakeUp.isActive())
        s_wakeUp.startPeriodic(Duration::milliseconds(50), [](void*) { });
    const Instant deadline = now() + Duration::milliseconds(i64(timeoutMs));
    while (!done(context)) {
        if (now() >= deadline)
            return false;
        poll();
        if (!done(context))
            idle(attachedDevice());
    }
    return true;
}

InterfaceState interfaceState()
{
    InterfaceState state;
    struct netif* interface = lwipInterface();
    if (!interface)
        return state;
    state.attached = true;
    state.source = addressSource();
    copyAddress(state.address, netif_ip4_addr(interface));
    copyAddress(state.netmask, netif_ip4_netmask(interface));
    copyAddress(state.gateway, netif_ip4_gw(interface));
    for (int i = 0; i < 6; ++i)
        state.mac.bytes[i] = interface->hwaddr[i];
    return state;
}

bool waitForAddress(u64 timeoutMs)
{
    if (!attachedDevice())
        return false;
    return runUntil([](void*) { return addressSource() != AddressSource::None; }, nullptr, timeoutMs);
}

namespace {

void poolCounts(memp_t pool, u32& free, u32& total)
{
    const stats_mem* stats = lwip_stats.memp[pool];
    total = stats->avail;
    free = stats->avail - stats->used;
}

} // namespace

u32 connectionPoolFree();
u32 connectionPoolTotal();

PoolStats poolStats()
{
    ensureStackStarted();
    PoolStats stats;
    poolCounts(MEMP_TCP_PCB, stats.tcpPcbsFree, stats.tcpPcbsTotal);
    poolCounts(MEMP_TCP_SEG, stats.tcpSegmentsFree, stats.tcpSegmentsTotal);
    poolCounts(MEMP_PBUF_POOL, stats.packetBuffersFree, stats.packetBuffersTotal);
    stats.connectionsFree = connectionPoolFree();
    stats.connectionsTotal = connectionPoolTotal();
    stats.heapBytesUsed = lwip_stats.mem.used;
    const FrameCounters frames = frameCounters();
    stats.framesReceived = frames.received;
    stats.framesSent = frames.sent;
    stats.framesDropped = frames.dropped;
    return stats;
}

} // namespace keel::net
