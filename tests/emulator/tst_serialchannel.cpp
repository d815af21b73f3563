// SerialChannel under a 10 MB/s flood from a fake QEMU serial socket (QEMU's emulated UART cannot
// go that fast here: about 0.1 MB/s under TCG, see tst_qemurunner). A failure here means a guest
// printing in a tight loop would freeze the IDE's or the CLI's event loop.
#include "emulator/serialchannel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <iostream>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace Keel;

namespace {

constexpr qint64 kBytesPerSecond = 10'000'000;
constexpr int kSeconds = 2;

// Listens on `path` and writes a line-structured flood at kBytesPerSecond for kSeconds.
class FloodServer
{
public:
    explicit FloodServer(const QString &path)
    {
        m_listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray name = path.toLocal8Bit();
        std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof(address));
        ::listen(m_listener, 1);
        m_thread = std::thread([this] { run(); });
    }
    ~FloodServer()
    {
        m_thread.join();
        ::close(m_listener);
    }
    qint64 written() const { return m_written; }

private:
    void run()
    {
        const int client = ::accept(m_listener, nullptr, nullptr);
        const QByteArray line = QByteArray("flood flood flood flood flood flood flood flood flood flood flood flood!\n");
        QByteArray chunk;
        while (chunk.size() < 100'000)
            chunk += line;
        const auto start = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() - start < std::chrono::seconds(kSeconds)) {
            const auto due = start + std::chrono::microseconds(m_written * 1'000'000 / kBytesPerSecond);
            std::this_thread::sleep_until(due);
            const ssize_t n = ::send(client, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
            if (n <= 0)
                break;
            m_written += n;
        }
        ::close(client);
    }

    int m_listener = -1;
    std::atomic<qint64> m_written = 0;
    std::thread m_thread;
};

} // namespace

TEST(SerialChannel, KeepsTheConsumerResponsiveAtTenMegabytesPerSecond)
{
    QTemporaryDir directory;
    const QString path = directory.filePath(QStringLiteral("serial.sock"));
    QElapsedTimer spawn;
    spawn.start();
    FloodServer server(path);
    SerialChannel serial(spawn); // the defaults the IDE uses: 1 MiB buffer, 20 ms coalescing
    qint64 delivered = 0;
    qint64 lines = 0;
    QObject::connect(&serial, &SerialChannel::dataReceived, [&](const QByteArray &bytes) { delivered += bytes.size(); });
    QObject::connect(&serial, &SerialChannel::lineReceived, [&](const SerialLine &) { ++lines; });
    serial.connectToServer(path);

    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worstGap = 0;
    QTimer tick; // stands for the UI: a 10 ms timer must keep firing
    QObject::connect(&tick, &QTimer::timeout, [&] {
        worstGap = qMax(worstGap, clock.elapsed() - last);
        last = clock.elapsed();
    });
    tick.start(10);
    while (clock.elapsed() < (kSeconds + 1) * 1000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::usleep(200);
    }
    serial.close();
    std::cout << "serial: " << server.written() / 1e6 / kSeconds << " MB/s written, " << delivered / 1e6
              << " MB delivered, " << serial.droppedBytes() / 1e6 << " MB dropped, " << lines
              << " lines, worst timer gap " << worstGap << " ms\n";
    EXPECT_GE(server.written(), kBytesPerSecond * kSeconds * 9 / 10) << "the flood was not throttled by a slow reader";
    EXPECT_GT(delivered, 0);
    // Generous: this box is shared by many builds; a frozen loop would show seconds, not 100s of ms.
    EXPECT_LT(worstGap, 250) << "the event loop stayed responsive";
}
