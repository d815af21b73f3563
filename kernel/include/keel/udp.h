// UDP for apps built with the `net` feature.
//
//     void onDatagram(keel::net::UdpSocket& socket, const keel::net::Endpoint& from,
//                     ktl::Span<const u8> data, void*)
//     {
//         (void)socket.sendTo(from, data);            // echo
//     }
//     keel::net::UdpSocket socket;
//     MUST(socket.bind(7, onDatagram));
//     keel::net::run();
#pragma once

#include <keel/net.h>

struct udp_pcb;

namespace keel::net {

class UdpSocket {
public:
    using ReceiveCallback = void (*)(UdpSocket& socket, const Endpoint& from,
                                     ktl::Span<const u8> data, void* context);

    UdpSocket() = default;
    ~UdpSocket() { close(); }
    UdpSocket(const UdpSocket&) = delete;
    UdpSocket& operator=(const UdpSocket&) = delete;

    // AlreadyExists when the port is taken; 0 picks a free port.
    ktl::ErrorOr<void> bind(u16 port, ReceiveCallback receive, void* context = nullptr);
    // OutOfMemory when no buffer is free; TooLong above one unfragmented datagram (1472 bytes).
    ktl::ErrorOr<void> sendTo(const Endpoint& to, ktl::Span<const u8> data);
    void close();
    u16 port() const;

    // For the net module.
    void deliver(const Endpoint& from, ktl::Span<const u8> data) { m_receive(*this, from, data, m_context); }

private:
    udp_pcb* m_pcb = nullptr;
    ReceiveCallback m_receive = nullptr;
    void* m_context = nullptr;
};

} // namespace keel::net
