// Parses one HTTP/1.1 request from the front of a buffer (RFC 9112: request line, header
// fields, Content-Length or chunked body). A pure function of bytes, tested on the host with
// malformed, oversized, pipelined and chunked input.
//
//     RequestParser parser({.maxHeaderBytes = 4096, .maxBodyBytes = 4096});
//     auto result = parser.parse(buffer);          // ktl::Span<u8> of what has arrived
//     if (result.outcome == ParseOutcome::Complete) handle(result.request), drop result.consumed;
//     if (result.outcome == ParseOutcome::Failed) answer result.status, then close.
//
// A chunked body is decoded in place (its data moved together), so the buffer must be writable.
#pragma once

#include "http/httprequest.h"

namespace keel::http {

enum class ParseOutcome { Incomplete, Complete, Failed };

struct ParseResult {
    ParseOutcome outcome = ParseOutcome::Incomplete;
    int status = 0;       // for Failed: 400, 413, 431, 501 or 505
    size_t consumed = 0;  // for Complete: bytes of this request (the next one starts there)
    Request request;
};

struct ParserLimits {
    size_t maxHeaderBytes = 4096; // request line and header fields
    size_t maxBodyBytes = 4096;
};

class RequestParser {
public:
    explicit RequestParser(ParserLimits limits) : m_limits(limits) { }

    ParseResult parse(ktl::Span<u8> buffer) const;

private:
    ParserLimits m_limits;
};

} // namespace keel::http
