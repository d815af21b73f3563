// An HTTP response being built by a route handler. The head (status line and header fields) and
// a dynamic body are written into the connection's buffers; a static body (a literal, an asset)
// is sent from where it lies, without a copy.
//
//     void hello(const keel::http::Request&, keel::http::Response& response)
//     {
//         response.setContentType("application/json");
//         response.print("{{\"requests\": {}}}", s_count);
//     }
#pragma once

#include <ktl/format.h>
#include <ktl/span.h>
#include <ktl/stringview.h>

namespace keel::http {

enum class BodyEncoding { ContentLength, Chunked };

// The reason phrase of a status code ("Not Found"), or "Unknown".
const char* reasonPhrase(int status);

class Response : private ktl::OutputSink {
public:
    // What to send, in order; tail is the chunked terminator when chunked.
    struct Output {
        ktl::Span<const u8> head;
        ktl::Span<const u8> body;
        ktl::Span<const u8> tail;
    };

    Response(ktl::Span<u8> headBuffer, ktl::Span<u8> bodyBuffer);

    void setStatus(int status) { m_status = status; }
    int status() const { return m_status; }
    void setContentType(ktl::StringView type) { m_contentType = type; }
    // Extra header field; both views must stay valid until finish(). False when more than 8.
    bool addHeader(ktl::StringView name, ktl::StringView value);
    void setEncoding(BodyEncoding encoding) { m_encoding = encoding; }

    // The body is `bytes`, which must outlive the send (static data, assets).
    void setStaticBody(ktl::Span<const u8> bytes);
    void setStaticBody(ktl::StringView text) { setStaticBody({reinterpret_cast<const u8*>(text.data()), text.size()}); }
    // Appends to the dynamic body; overflowed() turns true when the buffer is full (the server
    // then answers 500 instead).
    void append(ktl::StringView text) { write(text); }
    template<typename... Args>
    void print(ktl::StringView fmt, const Args&... args) { ktl::format(*this, fmt, args...); }
    bool overflowed() const { return m_overflowed; }

    // Resets to an empty response with `status` and a short text body naming it.
    void makeError(int status);

    enum class Method { Get, Head };
    // Writes the head into the head buffer. `keepAlive` chooses the Connection field; for HEAD
    // the body is left out (its length still announced).
    Output finish(bool keepAlive, Method method);

private:
    void write(ktl::StringView text) override;

    struct Field {
        ktl::StringView name;
        ktl::StringView value;
    };

    ktl::Span<u8> m_head;
    ktl::Span<u8> m_bodyBuffer;
    size_t m_bodyLength = 0;
    ktl::Span<const u8> m_staticBody;
    bool m_hasStaticBody = false;
    bool m_overflowed = false;
    int m_status = 200;
    ktl::StringView m_contentType = "text/plain; charset=utf-8";
    Field m_fields[8];
    size_t m_fieldCount = 0;
    BodyEncoding m_encoding = BodyEncoding::ContentLength;
};

} // namespace keel::http
