// UdpSocket over an lwIP raw-API UDP PCB (lwIP 2.1.3 udp.c).
#include "net/netinterface.h"

#include <keel/udp.h>
#include <lwip/pbuf.h>
#include <lwip/udp.h>

namespace keel::net {

namespace {

constexpr size_t kMaxDatagram = 1472; // 1500 - IPv4 (20) - UDP (8): never fragmented

void onReceive(void* argument, struct udp_pcb*, struct pbuf* chain, const ip_addr_t* address, u16_t port)
{
    auto* socket = static_cast<UdpSocket*>(argument);
    Endpoint from;
    const u32 value = ip4_addr_get_u32(ip_2_ip4(address));
    for (int i = 0; i < 4; ++i)
        from.address.bytes[i] = u8(value >> (8 * i));
    from.port = port;
    // A datagram in one piece is handed over in place; a chained one is copied first.
    if (!chain->next) {
        socket->deliver(from, {static_cast<const u8*>(chain->payload), chain->len});
    } else if (chain->tot_len <= kMaxDatagram) {
        u8 copy[kMaxDatagram];
        const u16_t length = pbuf_copy_partial(chain, copy, chain->tot_len, 0);
        socket->deliver(from, {copy, length});
    }
    pbuf_free(chain);
}

} // namespace

ktl::ErrorOr<void> UdpSocket::bind(u16 port, ReceiveCallback receive, void* context)
{
    ensureStackStarted();
    close();
    struct udp_pcb* pcb = udp_new();
    if (!pcb)
        return ktl::Error(ktl::ErrorCode::OutOfMemory, "no free UDP PCB");
    if (udp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
        udp_remove(pcb);
        return ktl::Error(ktl::ErrorCode::AlreadyExists, "the UDP port is already in use");
    }
    m_pcb = pcb;
    m_receive = receive;
    m_context = context;
    udp_recv(pcb, onReceive, this);
    return {};
}

ktl::ErrorOr<void> UdpSocket::sendTo(const Endpoint& to, ktl::Span<const u8> data)
{
    if (!m_pcb)
        return ktl::Error(ktl::ErrorCode::InvalidArgument, "the UDP socket is not bound");
    if (data.size() > kMaxDatagram)
        return ktl::Error(ktl::ErrorCode::TooLong, "a UDP datagram holds at most 1472 bytes");
    struct pbuf* packet = pbuf_alloc(PBUF_TRANSPORT, u16_t(data.size()), PBUF_RAM);
    if (!packet)
        return ktl::Error(ktl::ErrorCode::OutOfMemory, "no buffer for the datagram (net.memory)");
    pbuf_take(packet, data.data(), u16_t(data.size()));
    ip_addr_t address;
    IP_ADDR4(&address, to.address.bytes[0], to.address.bytes[1], to.address.bytes[2], to.address.bytes[3]);
    const err_t result = udp_sendto(m_pcb, packet, &address, to.port);
    pbuf_free(packet);
    if (result != ERR_OK)
        return ktl::Error(ktl::ErrorCode::Io, "lwIP could not send the datagram");
    return {};
}

void UdpSocket::close()
{
    if (!m_pcb)
        return;
    udp_remove(m_pcb);
    m_pcb = nullptr;
}

u16 UdpSocket::port() const
{
    return m_pcb ? m_pcb->local_port : 0;
}

} // namespace keel::net
