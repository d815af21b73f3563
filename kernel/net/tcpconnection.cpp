// TcpConnection over an lwIP raw-API PCB (lwIP 2.1.3 "raw/native API", tcp.c): the pool of
// connection objects and the callbacks lwIP calls (recv, sent, err, poll).
#include "net/netinterface.h"

#include <keel/tcp.h>
#include <lwip/tcp.h>

namespace keel::net {

namespace {

constexpr size_t kPoolSize = KEEL_OPTION_NET_TCP_CONNECTIONS;

TcpConnection s_pool[kPoolSize];
bool s_inUse[kPoolSize];
// Bumped each time a slot is released, so a callback sees whether its connection ended inside
// the handler (and must not touch it again).
u32 s_generation[kPoolSize];
// The PCB that abort() reset during the current callback. Only then may the callback answer
// ERR_ABRT: lwIP takes that as "the PCB is freed" and skips all further work on it, so a PCB
// that was merely closed would keep its queued answer and FIN until the next TCP timer.
struct tcp_pcb* s_aborted = nullptr;
// A closed connection drains input this long (in 500 ms TCP slow-timer ticks) before it is reset.
constexpr u8 kLingerTicks = KEEL_OPTION_NET_LINGER_MS / 500 ? KEEL_OPTION_NET_LINGER_MS / 500 : 1;

size_t slotOf(const TcpConnection* connection)
{
    return size_t(connection - s_pool);
}

// What a callback answers lwIP once the handler returned.
err_t outcomeFor(struct tcp_pcb* pcb)
{
    return s_aborted == pcb ? ERR_ABRT : ERR_OK;
}

err_t onReceive(void* argument, struct tcp_pcb* pcb, struct pbuf* chain, err_t)
{
    auto* connection = static_cast<TcpConnection*>(argument);
    const size_t slot = slotOf(connection);
    const u32 generation = s_generation[slot];
    s_aborted = nullptr;
    if (!chain) {
        connection->handler()->onPeerClosed(*connection);
        return outcomeFor(pcb);
    }
    for (struct pbuf* piece = chain; piece && s_generation[slot] == generation; piece = piece->next)
        connection->handler()->onReceived(*connection, {static_cast<const u8*>(piece->payload), piece->len});
    pbuf_free(chain);
    return outcomeFor(pcb);
}

err_t onSent(void* argument, struct tcp_pcb* pcb, u16_t bytes)
{
    s_aborted = nullptr;
    auto* connection = static_cast<TcpConnection*>(argument);
    connection->handler()->onSent(*connection, bytes);
    return outcomeFor(pcb);
}

err_t onPoll(void* argument, struct tcp_pcb* pcb)
{
    s_aborted = nullptr;
    auto* connection = static_cast<TcpConnection*>(argument);
    connection->handler()->onPoll(*connection);
    return outcomeFor(pcb);
}

// A closed connection's PCB that is still draining input ran out of time.
err_t onLingerExpired(void*, struct tcp_pcb* pcb)
{
    tcp_abort(pcb);
    return ERR_ABRT;
}

void onError(void* argument, err_t error)
{
    auto* connection = static_cast<TcpConnection*>(argument);
    if (!connection)
        return;
    // lwIP has already freed the PCB.
    connection->bind(nullptr, connection->handler());
    connection->finish(error == ERR_RST ? CloseReason::Reset : CloseReason::Aborted);
}

void detach(struct tcp_pcb* pcb)
{
    tcp_arg(pcb, nullptr);
    tcp_recv(pcb, nullptr);
    tcp_sent(pcb, nullptr);
    tcp_err(pcb, nullptr);
    tcp_poll(pcb, nullptr, 0);
}

} // namespace

// The listener asks for a slot before accepting; nullptr when the pool is empty.
TcpConnection* allocateConnection()
{
    for (size_t i = 0; i < kPoolSize; ++i) {
        if (!s_inUse[i]) {
            s_inUse[i] = true;
            return &s_pool[i];
        }
    }
    return nullptr;
}

void releaseConnection(TcpConnection* connection)
{
    const size_t slot = slotOf(connection);
    s_inUse[slot] = false;
    ++s_generation[slot];
}

u32 connectionPoolFree()
{
    u32 free = 0;
    for (bool used : s_inUse)
        free += used ? 0 : 1;
    return free;
}

u32 connectionPoolTotal()
{
    return kPoolSize;
}

void TcpHandler::onPeerClosed(TcpConnection& connection)
{
    connection.close();
}

void TcpConnection::bind(tcp_pcb* pcb, TcpHandler* handler)
{
    m_pcb = pcb;
    m_handler = handler;
    if (!pcb)
        return;
    tcp_arg(pcb, this);
    tcp_recv(pcb, onReceive);
    tcp_sent(pcb, onSent);
    tcp_err(pcb, onError);
    tcp_poll(pcb, onPoll, 1);
    tcp_nagle_disable(pcb);
}

void TcpConnection::finish(CloseReason reason)
{
    TcpHandler* handler = m_handler;
    m_pcb = nullptr;
    m_handler = nullptr;
    if (handler)
        handler->onClosed(*this, reason);
    m_userData = nullptr;
    releaseConnection(this);
}

size_t TcpConnection::write(ktl::Span<const u8> data)
{
    if (!m_pcb)
        return 0;
    const size_t count = ktl::min(data.size(), size_t(tcp_sndbuf(m_pcb)));
    if (count == 0 || tcp_write(m_pcb, data.data(), u16_t(count), TCP_WRITE_FLAG_COPY) != ERR_OK)
        return 0;
    return count;
}

size_t TcpConnection::sendSpace() const
{
    // tcp_write also needs queue slots (TCP_SND_QUEUELEN), not just bytes.
    if (!m_pcb || tcp_sndqueuelen(m_pcb) >= TCP_SND_QUEUELEN - 1)
        return 0;
    return tcp_sndbuf(m_pcb);
}

void TcpConnection::flush()
{
    if (m_pcb)
        tcp_output(m_pcb);
}

void TcpConnection::acknowledge(size_t bytes)
{
    while (m_pcb && bytes > 0) {
        const u16_t chunk = u16_t(ktl::min(bytes, size_t(0xffff)));
        tcp_recved(m_pcb, chunk);
        bytes -= chunk;
    }
}

void TcpConnection::shutdownWrite()
{
    if (m_pcb)
        tcp_shutdown(m_pcb, 0, 1);
}

void TcpConnection::close()
{
    if (!m_pcb)
        return;
    struct tcp_pcb* pcb = m_pcb;
    // tcp_close() would mark the receive side closed, and lwIP answers any data that arrives
    // after that with a reset, which makes the peer drop our unread answer (an error reply to a
    // request still being sent). So only the send side is shut: without a recv callback lwIP's
    // tcp_recv_null() acknowledges and drops what still arrives and closes at the peer's FIN;
    // a peer that never stops is reset after the linger time.
    const err_t shut = tcp_shutdown(pcb, 0, 1);
    if (shut != ERR_OK && shut != ERR_CONN) { // ERR_CONN: the send side was shut already
        abort();
        return;
    }
    detach(pcb);
    tcp_poll(pcb, onLingerExpired, kLingerTicks);
    pcb->polltmr = 0;
    finish(CloseReason::Closed);
}

void TcpConnection::abort()
{
    if (!m_pcb)
        return;
    struct tcp_pcb* pcb = m_pcb;
    detach(pcb);
    tcp_abort(pcb);
    s_aborted = pcb;
    finish(CloseReason::Aborted);
}

Endpoint TcpConnection::remote() const
{
    Endpoint endpoint;
    if (!m_pcb)
        return endpoint;
    const u32 address = ip4_addr_get_u32(ip_2_ip4(&m_pcb->remote_ip));
    for (int i = 0; i < 4; ++i)
        endpoint.address.bytes[i] = u8(address >> (8 * i));
    endpoint.port = m_pcb->remote_port;
    return endpoint;
}

} // namespace keel::net
