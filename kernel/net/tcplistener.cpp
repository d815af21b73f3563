// TcpListener: a listening lwIP PCB whose accept callback takes a connection object from the
// pool (or resets the new connection when the pool or the app says no).
#include "net/netinterface.h"

#include <keel/tcp.h>
#include <lwip/tcp.h>

namespace keel::net {

TcpConnection* allocateConnection();
void releaseConnection(TcpConnection* connection);

namespace {

err_t onAccept(void* argument, struct tcp_pcb* pcb, err_t error)
{
    auto* listener = static_cast<TcpListener*>(argument);
    if (error != ERR_OK || !pcb)
        return ERR_VAL;
    TcpConnection* connection = allocateConnection();
    if (!connection) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    connection->bind(pcb, nullptr);
    TcpHandler* handler = listener->accept(*connection);
    if (!handler) {
        // The app may have closed it already (after writing a refusal); otherwise reset it.
        if (!connection->pcb())
            return ERR_OK;
        connection->abort();
        return ERR_ABRT;
    }
    connection->setHandler(handler);
    return ERR_OK;
}

} // namespace

ktl::ErrorOr<void> TcpListener::listen(u16 port, AcceptCallback accept, void* context)
{
    ensureStackStarted();
    close();
    struct tcp_pcb* pcb = tcp_new();
    if (!pcb)
        return ktl::Error(ktl::ErrorCode::OutOfMemory, "no free TCP PCB (net.tcp-connections)");
    if (tcp_bind(pcb, IP_ANY_TYPE, port) != ERR_OK) {
        tcp_close(pcb);
        return ktl::Error(ktl::ErrorCode::AlreadyExists, "the TCP port is already in use");
    }
    struct tcp_pcb* listening = tcp_listen(pcb);
    if (!listening) {
        tcp_close(pcb);
        return ktl::Error(ktl::ErrorCode::OutOfMemory, "no free listening PCB");
    }
    m_pcb = listening;
    m_accept = accept;
    m_context = context;
    m_port = port;
    tcp_arg(listening, this);
    tcp_accept(listening, onAccept);
    return {};
}

void TcpListener::close()
{
    if (!m_pcb)
        return;
    tcp_arg(m_pcb, nullptr);
    tcp_accept(m_pcb, nullptr);
    tcp_close(m_pcb);
    m_pcb = nullptr;
}

} // namespace keel::net
