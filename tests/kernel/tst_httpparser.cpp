// The HTTP/1.1 request parser: what a client sees fail when this is wrong is a hung connection
// (Incomplete forever), a request answered with the wrong status, or two pipelined requests
// merged into one.
#include <http/requestparser.h>

#include <gtest/gtest.h>

#include <string>

using namespace keel::http;

namespace {

ParseResult parse(std::string& text, ParserLimits limits = {})
{
    return RequestParser(limits).parse({reinterpret_cast<u8*>(text.data()), text.size()});
}

std::string str(ktl::StringView view)
{
    return std::string(view.data(), view.size());
}

std::string str(ktl::Span<const u8> bytes)
{
    return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

} // namespace

TEST(RequestParser, SimpleGet)
{
    std::string text = "GET /api/hello?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n";
    const ParseResult result = parse(text);
    ASSERT_EQ(result.outcome, ParseOutcome::Complete);
    EXPECT_EQ(result.consumed, text.size());
    EXPECT_EQ(str(result.request.method), "GET");
    EXPECT_EQ(str(result.request.path), "/api/hello");
    EXPECT_EQ(str(result.request.query), "x=1");
    EXPECT_EQ(str(result.request.header("host")), "a");
    EXPECT_EQ(result.request.headerCount, 2u);
    EXPECT_TRUE(result.request.keepAlive);
}

TEST(RequestParser, IncompleteUntilBlankLine)
{
    std::string text = "GET / HTTP/1.1\r\nHost: a\r\n";
    EXPECT_EQ(parse(text).outcome, ParseOutcome::Incomplete);
    std::string empty;
    EXPECT_EQ(parse(empty).outcome, ParseOutcome::Incomplete);
}

TEST(RequestParser, PipelinedRequestsSplitAtTheirEnd)
{
    const std::string first = "GET /a HTTP/1.1\r\n\r\n";
    std::string text = first + "GET /b HTTP/1.1\r\n\r\nGET /c";
    const ParseResult result = parse(text);
    ASSERT_EQ(result.outcome, ParseOutcome::Complete);
    EXPECT_EQ(result.consumed, first.size());
    EXPECT_EQ(str(result.request.path), "/a");
}

TEST(RequestParser, ContentLengthBody)
{
    std::string text = "POST /e HTTP/1.1\r\nContent-Length: 5\r\n\r\nhel";
    EXPECT_EQ(parse(text).outcome, ParseOutcome::Incomplete);
    text += "loGET";
    const ParseResult result = parse(text);
    ASSERT_EQ(result.outcome, ParseOutcome::Complete);
    EXPECT_EQ(str(result.request.body), "hello");
    EXPECT_EQ(result.consumed, text.size() - 3);
}

TEST(RequestParser, ChunkedBodyDecodedInPlace)
{
    std::string text = "POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\nNEXT";
    const ParseResult result = parse(text);
    ASSERT_EQ(result.outcome, ParseOutcome::Complete);
    EXPECT_EQ(str(result.request.body), "hello, world");
    EXPECT_EQ(result.consumed, text.size() - 4);
}

TEST(RequestParser, ChunkedIncompleteAndTrailers)
{
    std::string partial = "POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel";
    EXPECT_EQ(parse(partial).outcome, ParseOutcome::Incomplete);
    std::string trailers = "POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nX-T: 1\r\n\r\n";
    const ParseResult result = parse(trailers);
    ASSERT_EQ(result.outcome, ParseOutcome::Complete);
    EXPECT_EQ(result.consumed, trailers.size());
    std::string badSize = "POST /e HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
    EXPECT_EQ(parse(badSize).status, 400);
}

TEST(RequestParser, MalformedIs400)
{
    for (std::string text : {std::string("GET\r\n\r\n"), std::string("GET  / HTTP/1.1\r\n\r\n"),
                             std::string("GET / FTP/1.0\r\n\r\n"), std::string("GET nopath HTTP/1.1\r\n\r\n"),
                             std::string("GET / HTTP/1.1\r\nNo colon\r\n\r\n"),
                             std::string("GET / HTTP/1.1\r\nName : v\r\n\r\n"),
                             std::string("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n"),
                             std::string("GET / HTTP/1.1\nHost: a\n\n"),
                             std::string("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n"),
                             std::string("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
                             std::string("POST / HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")}) {
        const ParseResult result = parse(text);
        EXPECT_EQ(result.outcome, ParseOutcome::Failed) << text;
        EXPECT_EQ(result.status, 400) << text;
    }
}

TEST(RequestParser, RandomBytesFailAtOnce)
{
    std::string text("\x16\x03\x01\x02\x00\x01", 6); // a TLS ClientHello start
    EXPECT_EQ(parse(text).status, 400);
    std::string binary("GET / HTTP/1.1\r\nA: \x01\r\n", 22);
    EXPECT_EQ(parse(binary).status, 400);
}

TEST(RequestParser, LimitsGive413And431)
{
    std::string big = "POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n";
    EXPECT_EQ(parse(big, {4096, 4096}).status, 413);
    std::string chunked = "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n";
    chunked += std::string(0x2000, 'a') + "\r\n0\r\n\r\n";
    EXPECT_EQ(parse(chunked, {4096, 4096}).status, 413);
    std::string header = "GET / HTTP/1.1\r\nX: " + std::string(5000, 'a');
    EXPECT_EQ(parse(header, {4096, 4096}).status, 431);
    std::string many = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 40; ++i)
        many += "H" + std::to_string(i) + ": v\r\n";
    many += "\r\n";
    EXPECT_EQ(parse(many).status, 431);
}

TEST(RequestParser, VersionsAndUnsupportedEncodings)
{
    std::string http2 = "GET / HTTP/2.0\r\n\r\n";
    EXPECT_EQ(parse(http2).status, 505);
    std::string gzip = "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n";
    EXPECT_EQ(parse(gzip).status, 501);
}

TEST(RequestParser, KeepAliveRules)
{
    std::string close = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    EXPECT_FALSE(parse(close).request.keepAlive);
    std::string old = "GET / HTTP/1.0\r\n\r\n";
    EXPECT_FALSE(parse(old).request.keepAlive);
    std::string oldKeep = "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n";
    EXPECT_TRUE(parse(oldKeep).request.keepAlive);
}
