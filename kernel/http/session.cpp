#include "http/session.h"

namespace keel::http {

Session::Session(const Router& router, ParserLimits limits, SessionTransport& transport, SessionBuffers buffers)
    : m_router(router)
    , m_parser(limits)
    , m_transport(transport)
    , m_buffers(buffers)
{
}

bool Session::hasPendingOutput() const
{
    return m_outputOffset < m_output.head.size() + m_output.body.size() + m_output.tail.size();
}

void Session::received(ktl::Span<const u8> bytes)
{
    if (m_closed)
        return;
    const size_t room = m_buffers.input.size() - m_inputLength;
    if (bytes.size() > room) {
        // More than one request's limit is waiting: answer once the output drains.
        m_transport.acknowledge(bytes.size());
        m_inputLength = 0;
        m_unacknowledged = 0;
        if (!hasPendingOutput())
            respondWithError(413);
        else
            m_closeAfterOutput = true;
        process();
        return;
    }
    __builtin_memcpy(m_buffers.input.data() + m_inputLength, bytes.data(), bytes.size());
    m_inputLength += bytes.size();
    m_unacknowledged += bytes.size();
    process();
}

void Session::sent()
{
    process();
}

void Session::peerClosed()
{
    m_peerClosed = true;
    process();
}

void Session::pump()
{
    const ktl::Span<const u8> parts[] = {m_output.head, m_output.body, m_output.tail};
    size_t start = 0;
    bool wrote = false;
    for (const auto& part : parts) {
        const size_t end = start + part.size();
        while (m_outputOffset >= start && m_outputOffset < end) {
            const size_t space = m_transport.sendSpace();
            if (space == 0)
                break;
            const size_t taken = m_transport.write(part.subspan(m_outputOffset - start, space));
            if (taken == 0)
                break;
            m_outputOffset += taken;
            wrote = true;
        }
        if (m_outputOffset < end)
            break;
        start = end;
    }
    if (wrote)
        m_transport.flush();
}

void Session::process()
{
    // Handlers and transports may call back in (a write completing at once); one loop runs.
    if (m_processing || m_closed)
        return;
    m_processing = true;
    for (;;) {
        pump();
        if (hasPendingOutput())
            break;
        if (m_closeAfterOutput) {
            closeNow();
            break;
        }
        ParseResult result = m_parser.parse({m_buffers.input.data(), m_inputLength});
        if (result.outcome == ParseOutcome::Incomplete) {
            // Room to take the rest of this request: let the peer send it.
            m_transport.acknowledge(m_unacknowledged);
            m_unacknowledged = 0;
            if (m_peerClosed)
                closeNow();
            break;
        }
        respond(result);
    }
    m_processing = false;
}

void Session::respond(ParseResult& result)
{
    if (result.outcome == ParseOutcome::Failed) {
        respondWithError(result.status);
        return;
    }
    const Request& request = result.request;
    Response response(m_buffers.head, m_buffers.body);
    const Router::Match match = m_router.find(request.method, request.path);
    if (match.route) {
        match.route->handler(request, response, match.route->context);
        if (response.overflowed())
            response.makeError(500);
    } else {
        response.makeError(match.status);
    }
    const bool keepAlive = request.keepAlive && !m_peerClosed;
    m_output = response.finish(keepAlive, request.method == "HEAD" ? Response::Method::Head : Response::Method::Get);
    m_outputOffset = 0;
    m_closeAfterOutput = !keepAlive;
    ++m_requests;
    // The response refers to the head/body buffers or static data, never to the request.
    consumeInput(result.consumed);
}

void Session::respondWithError(int status)
{
    Response response(m_buffers.head, m_buffers.body);
    response.makeError(status);
    m_output = response.finish(false, Response::Method::Get);
    m_outputOffset = 0;
    m_closeAfterOutput = true;
    consumeInput(m_inputLength);
}

void Session::consumeInput(size_t bytes)
{
    __builtin_memmove(m_buffers.input.data(), m_buffers.input.data() + bytes, m_inputLength - bytes);
    m_inputLength -= bytes;
    // The unacknowledged bytes are the newest ones; those that just left the buffer are done.
    const size_t stillHeld = ktl::min(m_unacknowledged, m_inputLength);
    m_transport.acknowledge(m_unacknowledged - stillHeld);
    m_unacknowledged = stillHeld;
}

void Session::closeNow()
{
    if (m_closed)
        return;
    m_closed = true;
    m_transport.close();
}

} // namespace keel::http
