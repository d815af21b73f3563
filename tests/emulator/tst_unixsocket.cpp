// UnixSocket and InheritedSocket, the QtCore-only channels to QEMU. A failure here means lost or
// stuck QMP/serial/VNC bytes, a hang when QEMU dies, or a QEMU channel leaking into other children.
#include "emulator/inheritedsocket.h"
#include "emulator/unixsocket.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <atomic>
#include <cstring>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace Keel;

namespace {

bool waitFor(const std::function<bool()> &done, int milliseconds = 5000)
{
    QDeadlineTimer deadline(milliseconds);
    while (!done() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

struct Pair {
    int keel = -1;
    int peer = -1;
    Pair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0) {
            keel = fds[0];
            peer = fds[1];
        }
    }
    ~Pair()
    {
        if (peer >= 0)
            ::close(peer);
    }
};

} // namespace

TEST(UnixSocket, DeliversEveryByteAndTheLastOnesBeforeThePeerCloses)
{
    Pair pair;
    UnixSocket socket;
    QByteArray received;
    bool disconnected = false;
    QObject::connect(&socket, &UnixSocket::readyRead, [&] { received += socket.readAll(); });
    QObject::connect(&socket, &UnixSocket::disconnected, [&] { disconnected = true; });
    socket.setSocketDescriptor(pair.keel);
    ASSERT_TRUE(socket.isConnected());

    const QByteArray big(3 * 1024 * 1024, 'x'); // more than a socket buffer holds
    std::thread writer([&] {
        for (qsizetype sent = 0; sent < big.size();)
            sent += ::write(pair.peer, big.constData() + sent, size_t(big.size() - sent));
        ::write(pair.peer, "last words", 10);
        ::close(pair.peer);
        pair.peer = -1;
    });
    EXPECT_TRUE(waitFor([&] { return disconnected; }));
    writer.join();
    EXPECT_EQ(received.size(), big.size() + 10);
    EXPECT_TRUE(received.endsWith("last words"));
    EXPECT_FALSE(socket.isConnected());
}

TEST(UnixSocket, QueuesWritesForASlowPeerAndIgnoresWritesAfterItLeft)
{
    Pair pair;
    UnixSocket socket;
    socket.setSocketDescriptor(pair.keel);
    const QByteArray big(2 * 1024 * 1024, 'y');
    socket.write(big); // does not block: what the peer cannot take yet waits for the event loop
    QByteArray got;
    std::atomic<bool> done = false;
    std::thread reader([&] {
        char buffer[65536];
        while (got.size() < big.size()) {
            const ssize_t n = ::read(pair.peer, buffer, sizeof buffer);
            if (n <= 0)
                break;
            got.append(buffer, n);
        }
        done = true;
    });
    EXPECT_TRUE(waitFor([&] { return done.load(); }));
    reader.join();
    EXPECT_EQ(got, big);

    ::close(pair.peer);
    pair.peer = -1;
    socket.write("into the void"); // no SIGPIPE, no crash
    socket.flush();
    SUCCEED();
}

TEST(UnixSocket, WaitForReadyReadReadsWhatArrives)
{
    Pair pair;
    UnixSocket socket;
    socket.setSocketDescriptor(pair.keel);
    EXPECT_FALSE(socket.waitForReadyRead(10));
    ASSERT_EQ(::write(pair.peer, "abc", 3), 3);
    EXPECT_TRUE(socket.waitForReadyRead(1000));
    EXPECT_EQ(socket.readAll(), "abc");
}

TEST(UnixSocket, ConnectsToAListeningServerOrSaysWhyNot)
{
    QTemporaryDir directory;
    const QByteArray path = QFile::encodeName(directory.filePath(QStringLiteral("server.sock")));
    const int server = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    ASSERT_EQ(::bind(server, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    ASSERT_EQ(::listen(server, 1), 0);
    UnixSocket socket;
    bool connected = false;
    QObject::connect(&socket, &UnixSocket::connected, [&] { connected = true; });
    socket.connectToServer(QFile::decodeName(path));
    EXPECT_TRUE(connected);
    EXPECT_TRUE(socket.isConnected());
    const int accepted = ::accept(server, nullptr, nullptr);
    ASSERT_GE(accepted, 0);
    socket.write("hello");
    char buffer[8] = {};
    EXPECT_EQ(::read(accepted, buffer, sizeof buffer), 5);
    ::close(accepted);
    ::close(server);

    QString error;
    QObject::connect(&socket, &UnixSocket::errorOccurred, [&](const QString &message) { error = message; });
    socket.connectToServer(directory.filePath(QStringLiteral("missing.sock")));
    EXPECT_FALSE(socket.isConnected());
    EXPECT_TRUE(waitFor([&] { return !error.isEmpty(); }));
    EXPECT_TRUE(error.contains(u"No such file")) << qPrintable(error);

    socket.connectToServer(QString(200, u'x'));
    EXPECT_TRUE(waitFor([&] { return error.contains(u"too long"); })) << qPrintable(error);
}

TEST(InheritedSocket, OnlyTheChildThatInheritsItGetsTheDescriptor)
{
    InheritedSocket channel;
    QString error;
    ASSERT_TRUE(channel.open(&error)) << qPrintable(error);
    const int fd = channel.childDescriptor();
    ASSERT_GT(fd, 2);
    const QString probe = QStringLiteral("test -e /proc/self/fd/%1 && echo open || echo closed").arg(fd);

    QProcess other; // ninja, gdb: never hold QEMU's channel open
    other.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), probe});
    ASSERT_TRUE(other.waitForFinished());
    EXPECT_EQ(other.readAllStandardOutput().trimmed(), "closed");

    QProcess qemu;
    qemu.setChildProcessModifier([fd] { InheritedSocket::inherit(fd); });
    qemu.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), probe});
    ASSERT_TRUE(qemu.waitForFinished());
    EXPECT_EQ(qemu.readAllStandardOutput().trimmed(), "open");
    EXPECT_EQ(::fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC) << "inherit() changes the child's copy only";
}
