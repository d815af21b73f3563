// Networking end to end: the http-server and udp-echo templates booted in QEMU with
// --publish, reached from the host with curl, ab and nc. A failure here is what a user of
// `keel run --publish` would see: no answer, wrong bytes, a server that dies on bad input, or
// pools that do not return to where they started (a leak).
#include "guestsession.h"
#include "testproject.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <regex>
#include <thread>
#include <vector>

namespace {

// `keel run --headless` in the background, stopped (by its pid) when the test ends.
class BackgroundRun {
public:
    BackgroundRun(const TestProject& project, const std::string& arguments)
        : m_log(project.directory() + "/run.log")
    {
        const auto started = runCommand("( " + std::string(KEEL_BINARY) + " run --headless " + arguments + " > "
                                            + shellQuote(m_log) + " 2>&1 & echo $! )",
                                        project.directory(), 10);
        m_pid = std::stoi(started.output);
    }
    ~BackgroundRun() { runCommand("kill " + std::to_string(m_pid), "/", 10); }

    bool waitFor(const std::string& text, int seconds) const
    {
        for (int i = 0; i < seconds * 10; ++i) {
            if (readFile(m_log).find(text) != std::string::npos)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }
    std::string log() const { return readFile(m_log); }

private:
    std::string m_log;
    int m_pid = 0;
};

CommandResult shell(const std::string& command, int seconds = 120)
{
    return runCommand(command, "/", seconds);
}

int jsonNumber(const std::string& json, const std::string& key)
{
    std::smatch match;
    const std::regex pattern("\"" + key + "\": ([0-9]+)");
    return std::regex_search(json, match, pattern) ? std::stoi(match[1]) : -1;
}

} // namespace

TEST(Net, HttpServerServesThroughPublish)
{
    TestProject project("http-server");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    BackgroundRun run(project, "--publish 18080:80");
    ASSERT_TRUE(run.waitFor("net: 10.0.2.15", 60)) << run.log();
    // QEMU gives the first card 52:54:00:12:34:56; the boot line shows what the driver read.
    EXPECT_NE(run.log().find("virtio-net: 52:54:00:12:34:56 on pci"), std::string::npos) << run.log();
    const std::string url = "http://127.0.0.1:18080";

    const auto hello = shell("curl -s -i -m 10 " + url + "/api/hello");
    EXPECT_NE(hello.output.find("HTTP/1.1 200 OK"), std::string::npos) << hello.output;
    EXPECT_NE(hello.output.find("\"message\": \"Hello from Keel!\""), std::string::npos) << hello.output;

    const auto page = shell("curl -s -m 10 " + url + "/ | cmp - " + shellQuote(project.directory() + "/assets/www/index.html"));
    EXPECT_EQ(page.exitCode, 0) << "static page bytes differ: " << page.output;
    EXPECT_NE(shell("curl -s -i -m 10 " + url + "/missing").output.find("404 Not Found"), std::string::npos);
    EXPECT_NE(shell("curl -s -i -m 10 -X DELETE " + url + "/api/hello").output.find("405"), std::string::npos);

    std::this_thread::sleep_for(std::chrono::seconds(3)); // the curls above leave TIME_WAIT (2 * TCP_MSL)
    const std::string before = shell("curl -s -m 10 " + url + "/debug/pools").output;

    // 1,000 sequential requests on one keep-alive connection.
    std::string urls;
    for (int i = 0; i < 1000; ++i)
        urls += " " + url + "/api/hello";
    const auto sequential = shell("curl -s -m 120" + urls + " | grep -c 'Hello from Keel'");
    EXPECT_EQ(sequential.output, "1000\n");

    // 200 concurrent connections.
    const auto concurrent = shell("seq 200 | xargs -P 200 -I{} curl -s -m 60 -o /dev/null -w '%{http_code}\\n' "
                                  + url + "/index.html | sort | uniq -c");
    EXPECT_NE(concurrent.output.find("200 200"), std::string::npos) << concurrent.output;

    // Bad input: random bytes, malformed, oversized, pipelined, half-closed, a burst, slowloris.
    const std::string nc = "nc -q 2 -w 5 127.0.0.1 18080";
    EXPECT_NE(shell("head -c 3000 /dev/urandom | " + nc).output.find("400 Bad Request"), std::string::npos);
    EXPECT_NE(shell("printf 'GET / HTTP/9.9\\r\\n\\r\\n' | " + nc).output.find("505"), std::string::npos);
    EXPECT_NE(shell("printf 'POST /api/echo HTTP/1.1\\r\\nContent-Length: 999999\\r\\n\\r\\n' | " + nc).output.find("413"),
              std::string::npos);
    // The 431 is decided while most of the header is still arriving; the server must keep
    // draining it after answering, or the client gets a reset instead of the answer.
    EXPECT_NE(shell("(printf 'GET / HTTP/1.1\\r\\nX-Big: '; head -c 9000 /dev/zero | tr '\\0' a; printf '\\r\\n\\r\\n') | "
                    + nc).output.find("431 Request Header Fields Too Large"),
              std::string::npos);
    const auto pipelined = shell("printf 'GET /api/hello HTTP/1.1\\r\\n\\r\\nGET /missing HTTP/1.1\\r\\n\\r\\n"
                                 "GET /api/hello HTTP/1.1\\r\\nConnection: close\\r\\n\\r\\n' | " + nc);
    EXPECT_LT(pipelined.output.find("200 OK"), pipelined.output.find("404 Not Found")) << pipelined.output;
    EXPECT_NE(pipelined.output.rfind("200 OK"), pipelined.output.find("200 OK"));
    // Half-closed: nc shuts its write side after the request; the answer must still come.
    EXPECT_NE(shell("printf 'GET /api/hello HTTP/1.1\\r\\n\\r\\n' | nc -N -w 5 127.0.0.1 18080").output.find("200 OK"),
              std::string::npos);
    shell("for i in $(seq 400); do (printf 'GET / HTTP/1.1\\r\\n' | nc -w 1 127.0.0.1 18080 > /dev/null &) ; done; sleep 3");
    shell("(printf 'GET / HTTP/1.1\\r\\n'; sleep 13; printf 'Host: x\\r\\n\\r\\n') | nc -w 20 127.0.0.1 18080 > /dev/null", 30);

    std::this_thread::sleep_for(std::chrono::seconds(4)); // TIME_WAIT (2 * TCP_MSL) ends
    const std::string after = shell("curl -s -m 10 " + url + "/debug/pools").output;
    for (const char* key : {"sessionsFree", "tcpPcbsFree", "tcpSegmentsFree", "packetBuffersFree", "connectionsFree"})
        EXPECT_EQ(jsonNumber(after, key), jsonNumber(before, key)) << key << "\nbefore " << before << "after " << after;
    EXPECT_GT(jsonNumber(after, "timedOut"), 0) << "the slowloris connection was not timed out: " << after;
    EXPECT_EQ(run.log().find("KERNEL PANIC"), std::string::npos) << run.log();
}

// q35 is the template's own machine (above); on pc the card is virtio-net-pci with MSI-X too, and
// on microvm virtio-net-device on virtio-mmio, whose interrupt comes through the second IOAPIC
// (GSI 24 + slot). A card that is polled spins the host CPU while the server idles.
TEST(Net, HttpServerServesWithInterruptsOnPcAndMicrovm)
{
    TestProject project("http-server");
    // Only this test's ports: the template's 8080 may be taken by a run that is still ending.
    runCommand("sed -i 's/^publish = .*/publish = []/' keel.toml", project.directory(), 10);
    ASSERT_EQ(project.keel("build").exitCode, 0);
    int port = 18082;
    for (const std::string machine : {"pc", "microvm"}) {
        const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/api/hello";
        BackgroundRun run(project, "--machine " + machine + " --publish " + std::to_string(port++) + ":80");
        ASSERT_TRUE(run.waitFor("net: 10.0.2.15", 60)) << machine << "\n" << run.log();
        const std::string card = std::string("virtio-net: 52:54:00:12:34:56 on ") + (machine == "microvm" ? "mmio" : "pci");
        EXPECT_NE(run.log().find(card), std::string::npos) << machine << "\n" << run.log();
        EXPECT_EQ(run.log().find(card + " (polled)"), std::string::npos) << machine << "\n" << run.log();
        const auto hello = shell("curl -s -i -m 10 " + url);
        EXPECT_NE(hello.output.find("HTTP/1.1 200 OK"), std::string::npos) << machine << "\n" << hello.output;
    }
}

TEST(Net, UdpEchoEchoes)
{
    TestProject project("udp-echo");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    // The template's [run] publish already forwards udp:7777:7; QEMU's user networking answers
    // through only one UDP forward per guest port, so --publish must replace it, not add to it.
    BackgroundRun run(project, "--publish udp:17777:7");
    ASSERT_TRUE(run.waitFor("net: 10.0.2.15", 60)) << run.log();
    // The first datagram after boot: the guest has its address, and the echo waits in lwIP's
    // ARP queue while it resolves the gateway, so nothing needs a retry.
    const auto echoed = shell("echo 'hello keel' | nc -u -w 2 127.0.0.1 17777");
    EXPECT_EQ(echoed.output, "hello keel\n") << run.log();
    const auto again = shell("echo 'and again' | nc -u -w 2 127.0.0.1 17777");
    EXPECT_EQ(again.output, "and again\n") << run.log();
}

namespace {

using Frame = std::vector<uint8_t>;
using Mac = std::array<uint8_t, 6>;

constexpr Mac kHostMac = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
constexpr std::array<uint8_t, 4> kHostIp = {10, 9, 0, 1};
constexpr std::array<uint8_t, 4> kGuestIp = {10, 9, 0, 2};

uint16_t internetChecksum(const uint8_t* bytes, size_t size)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < size; i += 2)
        sum += uint32_t(bytes[i] << 8 | bytes[i + 1]);
    if (size % 2)
        sum += uint32_t(bytes[size - 1] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return uint16_t(~sum);
}

void put16(Frame& frame, size_t at, uint16_t value)
{
    frame[at] = uint8_t(value >> 8);
    frame[at + 1] = uint8_t(value);
}

uint16_t get16(const Frame& frame, size_t at) { return uint16_t(frame[at] << 8 | frame[at + 1]); }

Frame ethernet(const Mac& destination, uint16_t type, size_t payloadSize)
{
    Frame frame(14 + payloadSize);
    std::copy(destination.begin(), destination.end(), frame.begin());
    std::copy(kHostMac.begin(), kHostMac.end(), frame.begin() + 6);
    put16(frame, 12, type);
    return frame;
}

Frame echoRequest(uint16_t sequence, const std::string& payload)
{
    const Mac broadcast = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    const size_t icmpSize = 8 + payload.size();
    Frame frame = ethernet(broadcast, 0x0800, 20 + icmpSize);
    uint8_t* ip = frame.data() + 14;
    ip[0] = 0x45;
    put16(frame, 14 + 2, uint16_t(20 + icmpSize));
    ip[8] = 64;  // TTL
    ip[9] = 1;   // ICMP
    std::copy(kHostIp.begin(), kHostIp.end(), ip + 12);
    std::copy(kGuestIp.begin(), kGuestIp.end(), ip + 16);
    put16(frame, 14 + 10, internetChecksum(ip, 20));
    uint8_t* icmp = ip + 20;
    icmp[0] = 8; // echo request
    put16(frame, 34 + 4, 0x4b45); // identifier "KE"
    put16(frame, 34 + 6, sequence);
    std::copy(payload.begin(), payload.end(), icmp + 8);
    put16(frame, 34 + 2, internetChecksum(icmp, icmpSize));
    return frame;
}

// The answer to the guest's "who has 10.9.0.1?", so it can send its echo reply.
Frame arpReply(const Frame& request)
{
    Frame frame = ethernet(Mac {request[6], request[7], request[8], request[9], request[10], request[11]}, 0x0806, 28);
    put16(frame, 14, 1);      // Ethernet
    put16(frame, 16, 0x0800); // IPv4
    frame[18] = 6;
    frame[19] = 4;
    put16(frame, 20, 2);      // reply
    std::copy(kHostMac.begin(), kHostMac.end(), frame.begin() + 22);
    std::copy(kHostIp.begin(), kHostIp.end(), frame.begin() + 28);
    std::copy(request.begin() + 22, request.begin() + 32, frame.begin() + 32); // sender MAC + IP
    return frame;
}

// The guest's virtio-net card on a QEMU UDP socket: every Ethernet frame it sends arrives here
// as one datagram, and datagrams sent back are frames it receives.
class WireToGuest {
public:
    WireToGuest()
    {
        m_socket = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_socket, reinterpret_cast<sockaddr*>(&address), sizeof address);
        socklen_t size = sizeof address;
        ::getsockname(m_socket, reinterpret_cast<sockaddr*>(&address), &size);
        m_port = ntohs(address.sin_port);
    }
    ~WireToGuest() { ::close(m_socket); }

    int port() const { return m_port; }
    void send(const Frame& frame, int guestPort) const
    {
        sockaddr_in to {};
        to.sin_family = AF_INET;
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        to.sin_port = htons(uint16_t(guestPort));
        ::sendto(m_socket, frame.data(), frame.size(), 0, reinterpret_cast<sockaddr*>(&to), sizeof to);
    }
    // The next frame within the timeout; empty when none came.
    Frame receive(int timeoutMs) const
    {
        pollfd ready {m_socket, POLLIN, 0};
        if (::poll(&ready, 1, timeoutMs) <= 0)
            return {};
        Frame frame(2048);
        const ssize_t n = ::recv(m_socket, frame.data(), frame.size(), 0);
        frame.resize(n > 0 ? size_t(n) : 0);
        return frame;
    }

private:
    int m_socket = -1;
    int m_port = 0;
};

int freeUdpPort()
{
    WireToGuest probe;
    return probe.port();
}

} // namespace

// lwIP answers ICMP echo (ping). QEMU's user networking cannot carry a ping to the guest, so the
// test is the other end of the guest's wire: raw Ethernet frames over a QEMU UDP socket netdev.
TEST(Net, AnswersPingWithTheSamePayload)
{
    TestProject project("udp-echo");
    ASSERT_EQ(project.keel("build").exitCode, 0);
    WireToGuest wire;
    const int guestPort = freeUdpPort();
    GuestSession guest(project.imagePath(),
        {"-M", "q35", "-nodefaults", "-m", "32M", "-append", "net.ip=10.9.0.2/24",
            "-netdev", "socket,id=n0,udp=127.0.0.1:" + std::to_string(wire.port()) + ",localaddr=127.0.0.1:" + std::to_string(guestPort),
            "-device", "virtio-net-pci,netdev=n0"});
    ASSERT_TRUE(guest.waitForSerial("net: 10.9.0.2", 60)) << guest.serial();

    const std::string payload = "keel ping payload 0123456789";
    for (uint16_t sequence = 1; sequence <= 3; ++sequence) {
        wire.send(echoRequest(sequence, payload), guestPort);
        bool answered = false;
        for (int frames = 0; frames < 20 && !answered; ++frames) {
            const Frame frame = wire.receive(5000);
            ASSERT_FALSE(frame.empty()) << "no frame from the guest for ping " << sequence << "\n" << guest.serial();
            if (frame.size() >= 42 && get16(frame, 12) == 0x0806 && get16(frame, 20) == 1) {
                wire.send(arpReply(frame), guestPort); // the guest asks who 10.9.0.1 is
                continue;
            }
            if (frame.size() < 42 || get16(frame, 12) != 0x0800 || frame[14 + 9] != 1)
                continue;
            const size_t icmp = 14 + size_t(frame[14] & 0x0f) * 4;
            EXPECT_EQ(frame[icmp], 0) << "an echo reply";
            EXPECT_EQ(get16(frame, icmp + 4), 0x4b45);
            EXPECT_EQ(get16(frame, icmp + 6), sequence);
            EXPECT_EQ(std::string(frame.begin() + long(icmp) + 8, frame.end()).substr(0, payload.size()), payload);
            EXPECT_EQ(internetChecksum(frame.data() + icmp, get16(frame, 16) - (icmp - 14)), 0) << "a valid checksum";
            answered = true;
        }
        EXPECT_TRUE(answered) << "ping " << sequence;
    }
}
