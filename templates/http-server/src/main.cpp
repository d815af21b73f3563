// {{name}}: an HTTP server pico VM. `keel run` forwards host port 8080 to port 80 here
// ([run] publish in keel.toml); then:
//     curl http://localhost:8080/            the page in assets/www/index.html
//     curl http://localhost:8080/api/hello   JSON with a request counter
//     curl http://localhost:8080/debug/pools the server's and the TCP/IP stack's free pools
#include <keel/http.h>
#include <keel/print.h>

namespace {

u64 s_helloCount = 0;

void hello(const keel::http::Request&, keel::http::Response& response, void*)
{
    ++s_helloCount;
    response.setContentType("application/json");
    response.print("{{\"message\": \"Hello from Keel!\", \"requests\": {}}}\n", s_helloCount);
}

void echo(const keel::http::Request& request, keel::http::Response& response, void*)
{
    response.setContentType("application/octet-stream");
    response.setEncoding(keel::http::BodyEncoding::Chunked);
    response.append({reinterpret_cast<const char*>(request.body.data()), request.body.size()});
}

void pools(const keel::http::Request&, keel::http::Response& response, void*)
{
    const keel::net::PoolStats net = keel::net::poolStats();
    const keel::http::ServerStats http = keel::http::serverStats();
    response.setContentType("application/json");
    response.print("{{\"sessionsFree\": {}, \"sessionsTotal\": {}, \"tcpPcbsFree\": {}, \"tcpPcbsTotal\": {}, "
                   "\"tcpSegmentsFree\": {}, \"packetBuffersFree\": {}, \"packetBuffersTotal\": {}, "
                   "\"connectionsFree\": {}, \"lwipHeapUsed\": {}, \"requests\": {}, \"refused\": {}, "
                   "\"timedOut\": {}}}\n",
                   http.sessionsFree, http.sessionsTotal, net.tcpPcbsFree, net.tcpPcbsTotal,
                   net.tcpSegmentsFree, net.packetBuffersFree, net.packetBuffersTotal, net.connectionsFree,
                   net.heapBytesUsed, http.requests, http.refused, http.timedOut);
}

} // namespace

int main()
{
    static keel::http::Server server;
    server.route("GET", "/api/hello", hello);
    server.route("POST", "/api/echo", echo);
    server.route("GET", "/debug/pools", pools);
    server.serveAssets("/", "www/");
    MUST(server.listen(80));
    keel::println("http-server: listening on port 80");
    keel::net::run();
}
