// An HTTP/1.1 request as the parser found it (RFC 9112): views into the connection's buffer,
// valid until the response has been produced.
#pragma once

#include <ktl/span.h>
#include <ktl/stringview.h>

namespace keel::http {

inline constexpr size_t kMaxHeaders = 32;

struct Header {
    ktl::StringView name;
    ktl::StringView value;
};

// ASCII case-insensitive comparison, for header names and tokens.
bool equalsIgnoringCase(ktl::StringView left, ktl::StringView right);

struct Request {
    ktl::StringView method;
    ktl::StringView target; // as sent: path plus optional ?query
    ktl::StringView path;   // target up to '?'
    ktl::StringView query;  // after '?', or empty
    int minorVersion = 1;   // HTTP/1.<minorVersion>
    Header headers[kMaxHeaders];
    size_t headerCount = 0;
    ktl::Span<const u8> body;
    bool keepAlive = true; // HTTP/1.1 default unless "Connection: close"; 1.0 needs keep-alive

    // The first header of that name (case-insensitive), or empty.
    ktl::StringView header(ktl::StringView name) const;
};

} // namespace keel::http
