// An HTTP/1.1 server for apps built with the `http` feature (on `net`): routes by method and
// path, keep-alive and pipelining, Content-Length or chunked responses, static files from
// `assets` with their Content-Type, request size limits, and 400/404/405/413/431/500 answers.
//
//     void hello(const keel::http::Request&, keel::http::Response& response, void*)
//     {
//         response.setContentType("application/json");
//         response.print("{{\"hello\": \"world\"}}\n");
//     }
//     int main()
//     {
//         static keel::http::Server server;
//         server.route("GET", "/api/hello", hello);
//         server.serveAssets("/", "www/");             // GET /x → asset "www/x"; / → index.html
//         MUST(server.listen(80));
//         keel::net::run();
//     }
//
// Each connection takes a session from a fixed pool (http.connections) and its buffers from the
// heap while open; when either runs out the connection is answered 503 and closed.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_HTTP
#error "keel/http.h needs the http feature: add \"http\" to [kernel] features in keel.toml"
#endif

#include <http/router.h>
#include <keel/net.h>
#include <keel/tcp.h>

namespace keel::http {

struct ServerStats {
    u32 sessionsFree = 0;
    u32 sessionsTotal = 0;
    u64 connections = 0;     // accepted so far
    u64 requests = 0;        // answered so far
    u64 refused = 0;         // 503: no session or no memory
    u64 timedOut = 0;        // closed for sending too slowly (or idling) past http.timeout-ms
};

class Server {
public:
    Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // See Router::add. False when the table is full.
    bool route(ktl::StringView method, ktl::StringView pattern, RouteHandler handler, void* context = nullptr);
    // Serves GET/HEAD of urlPrefix* from the assets named assetPrefix + rest (a path ending in
    // '/' gets index.html). Needs the assets feature; false without it.
    bool serveAssets(ktl::StringView urlPrefix, ktl::StringView assetPrefix);
    ktl::ErrorOr<void> listen(u16 port);

    ServerStats stats() const;

    // For the session glue.
    const Router& router() const { return m_router; }

private:
    Router m_router;
    net::TcpListener m_listener;
    ktl::StringView m_assetPrefix;
    ktl::StringView m_urlPrefix;
};

// Numbers for the process-wide pools, for a /debug/pools endpoint or a serial line.
ServerStats serverStats();

} // namespace keel::http
