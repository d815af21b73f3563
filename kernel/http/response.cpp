#include "http/response.h"

namespace keel::http {

namespace {

// Writes into a fixed buffer, remembering whether anything was cut off.
class BufferSink : public ktl::OutputSink {
public:
    explicit BufferSink(ktl::Span<u8> buffer) : m_buffer(buffer) { }
    void write(ktl::StringView text) override
    {
        const size_t count = ktl::min(text.size(), m_buffer.size() - m_length);
        __builtin_memcpy(m_buffer.data() + m_length, text.data(), count);
        m_length += count;
        m_full = m_full || count < text.size();
    }
    size_t length() const { return m_length; }
    bool full() const { return m_full; }

private:
    ktl::Span<u8> m_buffer;
    size_t m_length = 0;
    bool m_full = false;
};

const char kChunkedTail[] = "\r\n0\r\n\r\n";

} // namespace

const char* reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

Response::Response(ktl::Span<u8> headBuffer, ktl::Span<u8> bodyBuffer)
    : m_head(headBuffer)
    , m_bodyBuffer(bodyBuffer)
{
}

bool Response::addHeader(ktl::StringView name, ktl::StringView value)
{
    if (m_fieldCount == 8)
        return false;
    m_fields[m_fieldCount++] = {name, value};
    return true;
}

void Response::setStaticBody(ktl::Span<const u8> bytes)
{
    m_staticBody = bytes;
    m_hasStaticBody = true;
    m_bodyLength = 0;
}

void Response::write(ktl::StringView text)
{
    const size_t count = ktl::min(text.size(), m_bodyBuffer.size() - m_bodyLength);
    __builtin_memcpy(m_bodyBuffer.data() + m_bodyLength, text.data(), count);
    m_bodyLength += count;
    m_overflowed = m_overflowed || count < text.size();
}

void Response::makeError(int status)
{
    m_status = status;
    m_hasStaticBody = false;
    m_bodyLength = 0;
    m_overflowed = false;
    m_fieldCount = 0;
    m_encoding = BodyEncoding::ContentLength;
    m_contentType = "text/plain; charset=utf-8";
    print("{} {}\n", status, reasonPhrase(status));
}

Response::Output Response::finish(bool keepAlive, Method method)
{
    const ktl::Span<const u8> body = m_hasStaticBody ? m_staticBody
                                                     : ktl::Span<const u8>(m_bodyBuffer.data(), m_bodyLength);
    BufferSink head(m_head);
    ktl::format(head, "HTTP/1.1 {} {}\r\nServer: keel\r\nContent-Type: {}\r\n", m_status,
                reasonPhrase(m_status), m_contentType);
    for (size_t i = 0; i < m_fieldCount; ++i)
        ktl::format(head, "{}: {}\r\n", m_fields[i].name, m_fields[i].value);
    const bool chunked = m_encoding == BodyEncoding::Chunked && !body.isEmpty();
    if (chunked)
        ktl::format(head, "Transfer-Encoding: chunked\r\n");
    else
        ktl::format(head, "Content-Length: {}\r\n", body.size());
    ktl::format(head, "Connection: {}\r\n\r\n", keepAlive ? "keep-alive" : "close");
    if (chunked && method == Method::Get)
        ktl::format(head, "{:x}\r\n", body.size());
    Output output;
    output.head = {m_head.data(), head.length()};
    if (method == Method::Get) {
        output.body = body;
        if (chunked)
            output.tail = {reinterpret_cast<const u8*>(kChunkedTail), sizeof(kChunkedTail) - 1};
    }
    return output;
}

} // namespace keel::http
