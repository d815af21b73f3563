#include "http/requestparser.h"

namespace keel::http {

namespace {

// tchar of RFC 9110, 5.6.2: what methods and header names are made of.
bool isTokenChar(u8 c)
{
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return true;
    return ktl::StringView("!#$%&'*+-.^_`|~").contains(ktl::StringView(reinterpret_cast<const char*>(&c), 1));
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + 32) : c;
}

ktl::StringView view(ktl::Span<const u8> bytes, size_t from, size_t to)
{
    return {reinterpret_cast<const char*>(bytes.data()) + from, to - from};
}

ktl::StringView trim(ktl::StringView text)
{
    size_t start = 0, end = text.size();
    while (start < end && (text[start] == ' ' || text[start] == '\t'))
        ++start;
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        --end;
    return text.substring(start, end - start);
}

ParseResult failure(int status)
{
    ParseResult result;
    result.outcome = ParseOutcome::Failed;
    result.status = status;
    return result;
}

// Offset just past "\r\n\r\n", or 0. Also rejects bytes no header section may hold, so random
// input fails at once instead of waiting for the size limit.
struct HeaderScan {
    size_t end = 0;
    bool invalid = false;
};

HeaderScan scanHeaders(ktl::Span<const u8> bytes, size_t limit)
{
    HeaderScan scan;
    const size_t count = ktl::min(bytes.size(), limit);
    bool inMethod = true;
    for (size_t i = 0; i < count; ++i) {
        const u8 c = bytes[i];
        if (inMethod && c == ' ') {
            inMethod = false;
        } else if (inMethod && !isTokenChar(c)) {
            scan.invalid = true;
            return scan;
        }
        if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f) {
            scan.invalid = true;
            return scan;
        }
        if (c == '\n' && (i == 0 || bytes[i - 1] != '\r')) {
            scan.invalid = true; // bare LF
            return scan;
        }
        if (c == '\n' && i >= 3 && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
            scan.end = i + 1;
            return scan;
        }
    }
    return scan;
}

int parseRequestLine(ktl::StringView line, Request& request)
{
    const auto firstSpace = line.find(' ');
    if (!firstSpace || *firstSpace == 0 || *firstSpace > 16)
        return 400;
    const auto secondSpace = line.find(' ', *firstSpace + 1);
    if (!secondSpace)
        return 400;
    request.method = line.substring(0, *firstSpace);
    request.target = line.substring(*firstSpace + 1, *secondSpace - *firstSpace - 1);
    const ktl::StringView version = line.substring(*secondSpace + 1);
    if (request.target.isEmpty() || request.target[0] != '/')
        return 400;
    for (char c : request.target) {
        if (c == ' ' || c == '\t')
            return 400;
    }
    if (!version.startsWith("HTTP/"))
        return 400;
    if (version == "HTTP/1.1")
        request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        request.minorVersion = 0;
    else
        return 505;
    const auto question = request.target.find('?');
    request.path = question ? request.target.substring(0, *question) : request.target;
    request.query = question ? request.target.substring(*question + 1) : ktl::StringView();
    return 0;
}

int parseHeaderLine(ktl::StringView line, Request& request)
{
    if (line[0] == ' ' || line[0] == '\t')
        return 400; // obsolete line folding (RFC 9112, 5.2)
    const auto colon = line.find(':');
    if (!colon || *colon == 0)
        return 400;
    const ktl::StringView name = line.substring(0, *colon);
    for (char c : name) {
        if (!isTokenChar(u8(c)))
            return 400; // includes whitespace before the colon (RFC 9112, 5.1)
    }
    if (request.headerCount == kMaxHeaders)
        return 431;
    request.headers[request.headerCount++] = {name, trim(line.substring(*colon + 1))};
    return 0;
}

ktl::Optional<u64> parseHex(ktl::StringView digits)
{
    if (digits.isEmpty() || digits.size() > 8)
        return {};
    u64 value = 0;
    for (char c : digits) {
        const char l = lower(c);
        const int digit = (l >= '0' && l <= '9') ? l - '0' : (l >= 'a' && l <= 'f') ? l - 'a' + 10 : -1;
        if (digit < 0)
            return {};
        value = value * 16 + u64(digit);
    }
    return value;
}

// Decodes a chunked body starting at `start`. Returns the end of the message (0: incomplete)
// and moves the chunk data together at `start`; -status on error.
long decodeChunked(ktl::Span<u8> buffer, size_t start, size_t maxBody, size_t& bodyLength)
{
    size_t at = start;
    size_t total = 0;
    struct Piece { size_t from, length; };
    for (;;) {
        size_t lineEnd = at;
        while (lineEnd + 1 < buffer.size() && !(buffer[lineEnd] == '\r' && buffer[lineEnd + 1] == '\n'))
            ++lineEnd;
        if (lineEnd + 1 >= buffer.size())
            return lineEnd - at > 64 ? -400 : 0;
        ktl::StringView sizeText = view(buffer, at, lineEnd);
        if (const auto semicolon = sizeText.find(';'))
            sizeText = sizeText.substring(0, *semicolon);
        const auto size = parseHex(trim(sizeText));
        if (!size)
            return -400;
        at = lineEnd + 2;
        if (*size == 0)
            break;
        if (total + *size > maxBody)
            return -413;
        if (at + *size + 2 > buffer.size())
            return 0;
        if (buffer[at + *size] != '\r' || buffer[at + *size + 1] != '\n')
            return -400;
        __builtin_memmove(buffer.data() + start + total, buffer.data() + at, *size);
        total += *size;
        at += *size + 2;
    }
    // Trailer fields, then the empty line.
    for (;;) {
        if (at + 1 >= buffer.size())
            return 0;
        if (buffer[at] == '\r' && buffer[at + 1] == '\n')
            break;
        while (at + 1 < buffer.size() && !(buffer[at] == '\r' && buffer[at + 1] == '\n'))
            ++at;
        at += 2;
    }
    bodyLength = total;
    return long(at + 2);
}

void decideKeepAlive(Request& request)
{
    const ktl::StringView connection = request.header("Connection");
    if (request.minorVersion == 0)
        request.keepAlive = equalsIgnoringCase(connection, "keep-alive");
    else
        request.keepAlive = !equalsIgnoringCase(connection, "close");
}

} // namespace

bool equalsIgnoringCase(ktl::StringView left, ktl::StringView right)
{
    if (left.size() != right.size())
        return false;
    for (size_t i = 0; i < left.size(); ++i) {
        if (lower(left[i]) != lower(right[i]))
            return false;
    }
    return true;
}

ktl::StringView Request::header(ktl::StringView name) const
{
    for (size_t i = 0; i < headerCount; ++i) {
        if (equalsIgnoringCase(headers[i].name, name))
            return headers[i].value;
    }
    return {};
}

ParseResult RequestParser::parse(ktl::Span<u8> buffer) const
{
    const HeaderScan scan = scanHeaders(buffer, m_limits.maxHeaderBytes);
    if (scan.invalid)
        return failure(400);
    if (scan.end == 0)
        return buffer.size() >= m_limits.maxHeaderBytes ? failure(431) : ParseResult();
    ParseResult result;
    Request& request = result.request;
    size_t lineStart = 0;
    bool first = true;
    while (lineStart + 2 < scan.end) {
        size_t lineEnd = lineStart;
        while (buffer[lineEnd] != '\r')
            ++lineEnd;
        const ktl::StringView line = view(buffer, lineStart, lineEnd);
        const int status = first ? parseRequestLine(line, request) : parseHeaderLine(line, request);
        if (status)
            return failure(status);
        first = false;
        lineStart = lineEnd + 2;
    }
    if (first)
        return failure(400);
    decideKeepAlive(request);

    const ktl::StringView encoding = request.header("Transfer-Encoding");
    const ktl::StringView lengthText = request.header("Content-Length");
    size_t end = scan.end;
    if (!encoding.isEmpty()) {
        if (!lengthText.isEmpty())
            return failure(400); // both: a request-smuggling shape (RFC 9112, 6.3)
        if (!equalsIgnoringCase(encoding, "chunked"))
            return failure(501);
        size_t bodyLength = 0;
        const long chunkedEnd = decodeChunked(buffer, scan.end, m_limits.maxBodyBytes, bodyLength);
        if (chunkedEnd < 0)
            return failure(int(-chunkedEnd));
        if (chunkedEnd == 0)
            return ParseResult();
        request.body = {buffer.data() + scan.end, bodyLength};
        end = size_t(chunkedEnd);
    } else if (!lengthText.isEmpty()) {
        for (size_t i = 0; i < request.headerCount; ++i) {
            if (equalsIgnoringCase(request.headers[i].name, "Content-Length") && !(request.headers[i].value == lengthText))
                return failure(400);
        }
        const auto length = lengthText.size() <= 10 ? lengthText.toUnsigned()
                                                                                    : ktl::Optional<u64>();
        if (!length || lengthText.startsWith("0x") || lengthText.startsWith("0X"))
            return failure(400);
        if (*length > m_limits.maxBodyBytes)
            return failure(413);
        if (buffer.size() < scan.end + *length)
            return ParseResult();
        request.body = {buffer.data() + scan.end, size_t(*length)};
        end = scan.end + size_t(*length);
    }
    result.outcome = ParseOutcome::Complete;
    result.consumed = end;
    return result;
}

} // namespace keel::http
