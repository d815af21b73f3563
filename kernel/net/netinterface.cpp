// The lwIP netif over the attached EthernetDevice (lwIP 2.1.3, "NO_SYS=1" and the netif
// documentation): frames from the driver go through ethernet_input, lwIP's frames go out through
// linkoutput gathered from the pbuf chain.
#include "net/netinterface.h"

#include <keel/print.h>
#include <lwip/etharp.h>
#include <lwip/init.h>
#include <lwip/netif.h>
#include <lwip/pbuf.h>
#include <netif/ethernet.h>

namespace keel::net {

namespace {

constexpr size_t kMaxFrameParts = 16;

struct netif s_interface;
EthernetDevice* s_device = nullptr;
bool s_stackStarted = false;
FrameCounters s_counters;

err_t linkOutput(struct netif*, struct pbuf* chain)
{
    ktl::Span<const u8> parts[kMaxFrameParts];
    size_t count = 0;
    for (struct pbuf* piece = chain; piece; piece = piece->next) {
        if (count == kMaxFrameParts) {
            ++s_counters.dropped;
            return ERR_MEM;
        }
        parts[count++] = {static_cast<const u8*>(piece->payload), piece->len};
    }
    if (s_device->transmit({parts, count}).isError()) {
        ++s_counters.dropped;
        return ERR_MEM;
    }
    ++s_counters.sent;
    return ERR_OK;
}

err_t initialiseInterface(struct netif* interface)
{
    const MacAddress mac = s_device->macAddress();
    interface->name[0] = 'e';
    interface->name[1] = 'n';
    interface->hwaddr_len = ETH_HWADDR_LEN;
    for (int i = 0; i < ETH_HWADDR_LEN; ++i)
        interface->hwaddr[i] = mac.bytes[i];
    interface->mtu = 1500;
    interface->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    interface->output = etharp_output;
    interface->linkoutput = linkOutput;
    return ERR_OK;
}

} // namespace

void ensureStackStarted()
{
    if (s_stackStarted)
        return;
    s_stackStarted = true;
    lwip_init();
}

ktl::ErrorOr<void> attach(EthernetDevice& device)
{
    if (s_device)
        return ktl::Error(ktl::ErrorCode::AlreadyExists, "keel::net uses one network device");
    ensureStackStarted();
    s_device = &device;
    if (!netif_add(&s_interface, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4, nullptr,
                   initialiseInterface, ethernet_input)) {
        s_device = nullptr;
        return ktl::Error(ktl::ErrorCode::Io, "lwIP refused the network interface");
    }
    netif_set_default(&s_interface);
    netif_set_up(&s_interface);
    netif_set_link_up(&s_interface);
    startAddressing(s_interface);
    return {};
}

struct netif* lwipInterface()
{
    return s_device ? &s_interface : nullptr;
}

EthernetDevice* attachedDevice()
{
    return s_device;
}

FrameCounters frameCounters()
{
    return s_counters;
}

// Called from poll(): copies each received frame into a pool pbuf and feeds it to lwIP.
void deliverFrame(ktl::Span<const u8> frame, void*)
{
    ++s_counters.received;
    struct pbuf* packet = pbuf_alloc(PBUF_RAW, u16(frame.size()), PBUF_POOL);
    if (!packet) {
        ++s_counters.dropped;
        return;
    }
    pbuf_take(packet, frame.data(), u16(frame.size()));
    if (s_interface.input(packet, &s_interface) != ERR_OK) {
        pbuf_free(packet);
        ++s_counters.dropped;
    }
}

} // namespace keel::net
