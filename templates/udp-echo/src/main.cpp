// {{name}}: a UDP echo pico VM. Every datagram to port 7 goes back to its sender; with
// `keel run` try: echo hello | nc -u -w1 localhost 7777
#include <keel/print.h>
#include <keel/udp.h>

namespace {

u64 s_datagrams = 0;

void echo(keel::net::UdpSocket& socket, const keel::net::Endpoint& from, ktl::Span<const u8> data, void*)
{
    ++s_datagrams;
    if (auto sent = socket.sendTo(from, data); sent.isError())
        keel::println("udp-echo: {}", sent.error().message());
}

} // namespace

int main()
{
    static keel::net::UdpSocket socket;
    MUST(socket.bind(7, echo));
    keel::println("udp-echo: listening on port 7");
    keel::net::run();
}
