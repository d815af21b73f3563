// The HTTP session over a fake transport: keep-alive, pipelining, errors closing the connection,
// a send window smaller than the response, flow control, routing (404/405), Content-Type by
// extension. When this breaks, clients see hung keep-alive connections, responses out of order
// or servers that never close bad connections.
#include <http/router.h>
#include <http/session.h>

#include <gtest/gtest.h>

#include <string>

using namespace keel::http;

namespace {

class FakeTransport : public SessionTransport {
public:
    size_t sendSpace() const override { return space; }
    size_t write(ktl::Span<const u8> bytes) override
    {
        const size_t n = std::min(bytes.size(), space);
        output.append(reinterpret_cast<const char*>(bytes.data()), n);
        space -= n;
        return n;
    }
    void flush() override { ++flushes; }
    void acknowledge(size_t bytes) override { acknowledged += bytes; }
    void close() override { closed = true; }

    size_t space = 1 << 20;
    std::string output;
    size_t acknowledged = 0;
    int flushes = 0;
    bool closed = false;
};

void hello(const Request&, Response& response, void*)
{
    response.setContentType("application/json");
    response.print("{{\"n\": {}}}", 1);
}

void big(const Request&, Response& response, void*)
{
    static const std::string body(3000, 'x');
    response.setStaticBody(ktl::StringView(body.data(), body.size()));
}

void chunked(const Request& request, Response& response, void*)
{
    response.setEncoding(BodyEncoding::Chunked);
    response.append({reinterpret_cast<const char*>(request.body.data()), request.body.size()});
}

void overflow(const Request&, Response& response, void*)
{
    for (int i = 0; i < 100; ++i)
        response.append("0123456789");
}

struct Fixture {
    Fixture()
    {
        router.add("GET", "/hello", hello);
        router.add("GET", "/big", big);
        router.add("POST", "/echo", chunked);
        router.add("GET", "/overflow", overflow);
    }
    void send(const std::string& text) { session.received({reinterpret_cast<const u8*>(text.data()), text.size()}); }
    int count(const std::string& needle) const
    {
        int n = 0;
        for (size_t at = transport.output.find(needle); at != std::string::npos; at = transport.output.find(needle, at + 1))
            ++n;
        return n;
    }

    Router router;
    FakeTransport transport;
    u8 input[8192];
    u8 head[512];
    u8 body[512];
    Session session{router, {4096, 4096}, transport, {{input, sizeof(input)}, {head, sizeof(head)}, {body, sizeof(body)}}};
};

} // namespace

TEST(HttpSession, KeepAliveServesManyRequests)
{
    Fixture f;
    for (int i = 0; i < 1000; ++i)
        f.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(f.count("HTTP/1.1 200 OK"), 1000);
    EXPECT_EQ(f.count("Content-Length: 8\r\n"), 1000);
    EXPECT_FALSE(f.transport.closed);
    EXPECT_TRUE(f.session.isIdle());
    EXPECT_EQ(f.transport.acknowledged, 1000u * 32u);
}

TEST(HttpSession, PipelinedRequestsAnsweredInOrder)
{
    Fixture f;
    f.send("GET /hello HTTP/1.1\r\n\r\nGET /missing HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\nConnection: close\r\n\r\n");
    const std::string& out = f.transport.output;
    const size_t first = out.find("200 OK"), second = out.find("404 Not Found"), third = out.rfind("200 OK");
    ASSERT_NE(second, std::string::npos);
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
    EXPECT_NE(out.find("Connection: close"), std::string::npos);
    EXPECT_TRUE(f.transport.closed);
}

TEST(HttpSession, BadRequestAnsweredThenClosed)
{
    Fixture f;
    f.send(std::string("\x16\x03\x01garbage", 10));
    EXPECT_EQ(f.transport.output.rfind("HTTP/1.1 400 Bad Request", 0), 0u);
    EXPECT_TRUE(f.transport.closed);
    f.send("GET /hello HTTP/1.1\r\n\r\n"); // nothing more after close
    EXPECT_EQ(f.count("HTTP/1.1"), 1);
}

TEST(HttpSession, StatusCodes)
{
    Fixture f;
    f.send("DELETE /hello HTTP/1.1\r\n\r\n");
    EXPECT_NE(f.transport.output.find("405 Method Not Allowed"), std::string::npos);
    Fixture g;
    g.send("GET /overflow HTTP/1.1\r\n\r\n");
    EXPECT_NE(g.transport.output.find("500 Internal Server Error"), std::string::npos);
    Fixture h;
    h.send("POST /echo HTTP/1.1\r\nContent-Length: 99999\r\n\r\n");
    EXPECT_NE(h.transport.output.find("413 Content Too Large"), std::string::npos);
    EXPECT_TRUE(h.transport.closed);
}

TEST(HttpSession, SmallSendWindowResumesOnSent)
{
    Fixture f;
    f.transport.space = 100;
    f.send("GET /big HTTP/1.1\r\n\r\nGET /hello HTTP/1.1\r\n\r\n");
    EXPECT_EQ(f.transport.output.size(), 100u);
    const size_t acknowledgedWhileBlocked = f.transport.acknowledged;
    while (f.transport.output.find("{\"n\": 1}") == std::string::npos) {
        f.transport.space = 700;
        f.session.sent();
    }
    EXPECT_EQ(f.count(std::string(3000, 'x')), 1);
    EXPECT_LT(acknowledgedWhileBlocked, f.transport.acknowledged); // the second request waited
    EXPECT_TRUE(f.session.isIdle());
}

TEST(HttpSession, ChunkedResponseAndHead)
{
    Fixture f;
    f.send("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
    EXPECT_NE(f.transport.output.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
    EXPECT_NE(f.transport.output.find("\r\n\r\n3\r\nabc\r\n0\r\n\r\n"), std::string::npos);
    EXPECT_EQ(f.transport.output.find("Content-Length"), std::string::npos);
    Fixture g;
    g.send("HEAD /big HTTP/1.1\r\n\r\n");
    EXPECT_NE(g.transport.output.find("Content-Length: 3000"), std::string::npos);
    EXPECT_EQ(g.transport.output.find("xxx"), std::string::npos);
}

TEST(HttpSession, HalfClosedPeerGetsAnswerThenClose)
{
    Fixture f;
    f.send("GET /hello HTTP/1.1\r\n\r\nGET /hel");
    f.session.peerClosed();
    EXPECT_EQ(f.count("200 OK"), 1);
    EXPECT_TRUE(f.transport.closed);
}

TEST(HttpSession, SlowRequestByteByByte)
{
    Fixture f;
    const std::string request = "GET /hello HTTP/1.1\r\nHost: slow\r\n\r\n";
    for (char c : request)
        f.send(std::string(1, c));
    EXPECT_EQ(f.count("200 OK"), 1);
}

TEST(ContentType, ByExtension)
{
    EXPECT_TRUE(contentTypeFor("www/index.html") == "text/html; charset=utf-8");
    EXPECT_TRUE(contentTypeFor("a/b.CSS") == "text/css; charset=utf-8");
    EXPECT_TRUE(contentTypeFor("x.json") == "application/json");
    EXPECT_TRUE(contentTypeFor("logo.png") == "image/png");
    EXPECT_TRUE(contentTypeFor("noext") == "application/octet-stream");
}

TEST(Router, PrefixRoutesAndHead)
{
    Router router;
    router.add("GET", "/static/*", hello);
    EXPECT_EQ(router.find("GET", "/static/a.css").status, 200);
    EXPECT_EQ(router.find("HEAD", "/static/a.css").status, 200);
    EXPECT_EQ(router.find("POST", "/static/a.css").status, 405);
    EXPECT_EQ(router.find("GET", "/other").status, 404);
}
