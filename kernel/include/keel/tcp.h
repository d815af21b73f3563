// TCP for apps built with the `net` feature: a listener that accepts connections and a
// connection object with callbacks (lwIP's raw API underneath).
//
//     struct Echo : keel::net::TcpHandler {
//         void onReceived(keel::net::TcpConnection& c, ktl::Span<const u8> data) override
//         {
//             (void)c.write(data);                  // copies into the send buffer
//             c.acknowledge(data.size());           // opens the receive window again
//         }
//     } s_echo;
//     keel::net::TcpHandler* accept(keel::net::TcpConnection&, void*) { return &s_echo; }
//     MUST(listener.listen(7, accept));
//
// Connections come from a fixed pool (net.tcp-connections); when it is empty new connections
// are refused (reset). A connection object is valid from accept until its handler's onClosed()
// returns; after that it goes back to the pool.
#pragma once

#include <keel/net.h>

struct tcp_pcb;

namespace keel::net {

class TcpConnection;

enum class CloseReason { PeerClosed, Closed, Reset, Aborted, TimedOut };

class TcpHandler {
public:
    // `data` is valid during the call only. Call acknowledge() once it is dealt with (now or
    // later): until then the peer's window stays that much smaller (flow control).
    virtual void onReceived(TcpConnection& connection, ktl::Span<const u8> data) = 0;
    // The peer sent FIN (a half-close): it sends no more, but may still read. By default the
    // connection closes.
    virtual void onPeerClosed(TcpConnection& connection);
    // The peer acknowledged `bytes`; sendSpace() grew.
    virtual void onSent(TcpConnection&, size_t bytes) { (void)bytes; }
    // About every 500 ms while open: for timeouts.
    virtual void onPoll(TcpConnection&) { }
    // Last call: the connection returns to the pool afterwards.
    virtual void onClosed(TcpConnection&, CloseReason) { }

protected:
    ~TcpHandler() = default;
};

class TcpConnection {
public:
    // Copies up to sendSpace() bytes into lwIP's send buffer; returns how many it took.
    size_t write(ktl::Span<const u8> data);
    size_t sendSpace() const;
    // Sends what write() queued now instead of waiting for more.
    void flush();
    void acknowledge(size_t bytes);
    // Sends FIN after the queued data; receiving continues.
    void shutdownWrite();
    // Graceful close: FIN after the queued data; onClosed(Closed) follows at once. Input that
    // still arrives is read and dropped until the peer closes too (at most net.linger-ms), so
    // the peer reads everything sent instead of losing it to a reset.
    void close();
    // Reset (RST); onClosed(Aborted) follows at once.
    void abort();

    Endpoint remote() const;
    void setHandler(TcpHandler* handler) { m_handler = handler; }
    void* userData() const { return m_userData; }
    void setUserData(void* data) { m_userData = data; }

    // For the net module.
    void bind(tcp_pcb* pcb, TcpHandler* handler);
    void finish(CloseReason reason);
    tcp_pcb* pcb() const { return m_pcb; }
    TcpHandler* handler() const { return m_handler; }

private:
    tcp_pcb* m_pcb = nullptr;
    TcpHandler* m_handler = nullptr;
    void* m_userData = nullptr;
};

class TcpListener {
public:
    // Returns the connection's handler, or nullptr to refuse it.
    using AcceptCallback = TcpHandler* (*)(TcpConnection& connection, void* context);

    TcpListener() = default;
    ~TcpListener() { close(); }
    TcpListener(const TcpListener&) = delete;
    TcpListener& operator=(const TcpListener&) = delete;

    // Listens on every address of the interface. AlreadyExists when the port is taken.
    ktl::ErrorOr<void> listen(u16 port, AcceptCallback accept, void* context = nullptr);
    void close();
    u16 port() const { return m_port; }

    // For the net module.
    TcpHandler* accept(TcpConnection& connection) { return m_accept(connection, m_context); }

private:
    tcp_pcb* m_pcb = nullptr;
    AcceptCallback m_accept = nullptr;
    void* m_context = nullptr;
    u16 m_port = 0;
};

} // namespace keel::net
