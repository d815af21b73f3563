// One HTTP/1.1 connection's protocol state, independent of TCP so the host tests drive it with a
// fake transport: request bytes in, routed responses out in order (pipelining), keep-alive,
// errors answered with their status and the connection closed, flow control through the
// transport's receive window (bytes are acknowledged only once there is room to process them).
#pragma once

#include "http/requestparser.h"
#include "http/router.h"

namespace keel::http {

class SessionTransport {
public:
    virtual size_t sendSpace() const = 0;
    virtual size_t write(ktl::Span<const u8> bytes) = 0; // returns what it took
    virtual void flush() = 0;
    virtual void acknowledge(size_t bytes) = 0;
    virtual void close() = 0;

protected:
    ~SessionTransport() = default;
};

struct SessionBuffers {
    ktl::Span<u8> input; // at least maxHeaderBytes + maxBodyBytes
    ktl::Span<u8> head;  // response status line and fields (512 bytes is plenty)
    ktl::Span<u8> body;  // dynamic response bodies
};

class Session {
public:
    Session(const Router& router, ParserLimits limits, SessionTransport& transport, SessionBuffers buffers);

    // New bytes from the peer.
    void received(ktl::Span<const u8> bytes);
    // The transport has room again.
    void sent();
    // The peer will send nothing more (FIN): answer what is complete, then close.
    void peerClosed();

    bool isClosed() const { return m_closed; }
    bool isIdle() const { return m_inputLength == 0 && !hasPendingOutput(); }
    u32 requestsServed() const { return m_requests; }

private:
    bool hasPendingOutput() const;
    void process();
    void pump();
    void respond(ParseResult& result);
    void respondWithError(int status);
    void consumeInput(size_t bytes);
    void closeNow();

    const Router& m_router;
    RequestParser m_parser;
    SessionTransport& m_transport;
    SessionBuffers m_buffers;
    size_t m_inputLength = 0;
    size_t m_unacknowledged = 0;
    Response::Output m_output;
    size_t m_outputOffset = 0; // across head, body, tail
    bool m_closeAfterOutput = false;
    bool m_peerClosed = false;
    bool m_closed = false;
    bool m_processing = false;
    u32 m_requests = 0;
};

} // namespace keel::http
