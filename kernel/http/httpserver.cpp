// The kernel side of keel::http::Server: a TcpListener whose connections each get a Session from
// a fixed pool, with input/head/body buffers from the heap for as long as the connection lives.
#include "http/session.h"

#include <keel/http.h>
#include <keel/time.h>
#include <ktl/new.h>

#if KEEL_FEATURE_ASSETS
#include <keel/assets.h>
#endif

extern "C" void* malloc(size_t size);
extern "C" void free(void* pointer);

namespace keel::http {

namespace {

constexpr size_t kSessions = KEEL_OPTION_HTTP_CONNECTIONS;
constexpr ParserLimits kLimits{KEEL_OPTION_HTTP_MAX_HEADER, KEEL_OPTION_HTTP_MAX_BODY};
constexpr size_t kInputBytes = KEEL_OPTION_HTTP_MAX_HEADER + KEEL_OPTION_HTTP_MAX_BODY;
constexpr size_t kHeadBytes = 512;
constexpr size_t kBodyBytes = KEEL_OPTION_HTTP_RESPONSE_BUFFER;
constexpr i64 kTimeoutMs = KEEL_OPTION_HTTP_TIMEOUT_MS;

const char kUnavailable[] = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

ServerStats s_stats;

class Connection final : public net::TcpHandler, public SessionTransport {
public:
    bool open(Server& server, net::TcpConnection& tcp);

    void onReceived(net::TcpConnection&, ktl::Span<const u8> data) override
    {
        m_lastActivity = now();
        session().received(data);
    }
    void onPeerClosed(net::TcpConnection&) override { session().peerClosed(); }
    void onSent(net::TcpConnection&, size_t) override
    {
        m_lastActivity = now();
        session().sent();
    }
    void onPoll(net::TcpConnection& tcp) override
    {
        // Slow senders (slowloris) and idle keep-alive connections both end here.
        if ((now() - m_lastActivity).toMilliseconds() > kTimeoutMs) {
            ++s_stats.timedOut;
            tcp.abort();
        }
    }
    void onClosed(net::TcpConnection&, net::CloseReason) override { release(); }

    size_t sendSpace() const override { return m_tcp->sendSpace(); }
    size_t write(ktl::Span<const u8> bytes) override { return m_tcp->write(bytes); }
    void flush() override { m_tcp->flush(); }
    void acknowledge(size_t bytes) override { m_tcp->acknowledge(bytes); }
    void close() override { m_tcp->close(); }

    bool inUse() const { return m_memory != nullptr; }

private:
    Session& session() { return *reinterpret_cast<Session*>(m_sessionStorage); }
    void release();

    alignas(Session) u8 m_sessionStorage[sizeof(Session)];
    net::TcpConnection* m_tcp = nullptr;
    u8* m_memory = nullptr;
    Instant m_lastActivity;
};

Connection s_connections[kSessions];

bool Connection::open(Server& server, net::TcpConnection& tcp)
{
    m_memory = static_cast<u8*>(malloc(kInputBytes + kHeadBytes + kBodyBytes));
    if (!m_memory)
        return false;
    m_tcp = &tcp;
    m_lastActivity = now();
    const SessionBuffers buffers{{m_memory, kInputBytes}, {m_memory + kInputBytes, kHeadBytes},
                                 {m_memory + kInputBytes + kHeadBytes, kBodyBytes}};
    new (m_sessionStorage) Session(server.router(), kLimits, *this, buffers);
    return true;
}

void Connection::release()
{
    s_stats.requests += session().requestsServed();
    session().~Session();
    free(m_memory);
    m_memory = nullptr;
    m_tcp = nullptr;
}

net::TcpHandler* acceptConnection(net::TcpConnection& tcp, void* context)
{
    ++s_stats.connections;
    for (Connection& connection : s_connections) {
        if (!connection.inUse()) {
            if (connection.open(*static_cast<Server*>(context), tcp))
                return &connection;
            break;
        }
    }
    ++s_stats.refused;
    (void)tcp.write({reinterpret_cast<const u8*>(kUnavailable), sizeof(kUnavailable) - 1});
    tcp.close();
    return nullptr;
}

#if KEEL_FEATURE_ASSETS
void serveAsset(const Request& request, Response& response, void* context)
{
    // context: {url pattern ending in '*', asset name prefix}
    const auto* prefixes = static_cast<const ktl::StringView*>(context);
    const ktl::StringView prefix = prefixes[0];
    char name[256];
    ktl::StringView rest = request.path.substring(prefix.size() - 1); // the pattern ends in '*'
    if (rest.contains("..")) {
        response.makeError(404);
        return;
    }
    size_t length = 0;
    auto append = [&](ktl::StringView text) {
        for (char c : text)
            if (length < sizeof(name))
                name[length++] = c;
    };
    append(prefixes[1]);
    append(rest);
    if (rest.isEmpty() || rest.endsWith("/"))
        append("index.html");
    const auto asset = assets::open({name, length});
    if (asset.isError() || length == sizeof(name)) {
        response.makeError(404);
        return;
    }
    response.setContentType(contentTypeFor({name, length}));
    response.setStaticBody(asset.value().bytes());
}
#endif

} // namespace

Server::Server() = default;

bool Server::route(ktl::StringView method, ktl::StringView pattern, RouteHandler handler, void* context)
{
    return m_router.add(method, pattern, handler, context);
}

bool Server::serveAssets(ktl::StringView urlPrefix, ktl::StringView assetPrefix)
{
#if KEEL_FEATURE_ASSETS
    static ktl::StringView s_prefixes[2];
    static char s_pattern[128];
    if (urlPrefix.size() + 2 > sizeof(s_pattern))
        return false;
    __builtin_memcpy(s_pattern, urlPrefix.data(), urlPrefix.size());
    s_pattern[urlPrefix.size()] = '*';
    s_prefixes[0] = {s_pattern, urlPrefix.size() + 1};
    s_prefixes[1] = assetPrefix;
    return m_router.add("GET", s_prefixes[0], serveAsset, s_prefixes);
#else
    (void)urlPrefix;
    (void)assetPrefix;
    return false;
#endif
}

ktl::ErrorOr<void> Server::listen(u16 port)
{
    return m_listener.listen(port, acceptConnection, this);
}

ServerStats Server::stats() const
{
    return serverStats();
}

ServerStats serverStats()
{
    ServerStats stats = s_stats;
    stats.sessionsTotal = kSessions;
    stats.sessionsFree = 0;
    for (const Connection& connection : s_connections)
        stats.sessionsFree += connection.inUse() ? 0 : 1;
    return stats;
}

} // namespace keel::http
