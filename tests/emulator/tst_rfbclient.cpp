// RfbClient against QEMU's real VNC server showing a real vga-shell image, and against servers that
// misbehave. A failure here means the IDE's Display tab would stay black, ignore typing, or hang.
#include "emulator/qemurunner.h"
#include "emulator/rfbclient.h"
#include "emulator/rfbimage.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QCoreApplication>
#include <functional>
#include <gtest/gtest.h>

using namespace Keel;

namespace {

bool waitFor(const std::function<bool()> &condition, int milliseconds)
{
    QElapsedTimer clock;
    clock.start();
    while (!condition()) {
        if (clock.elapsed() > milliseconds)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

bool runKeel(const QStringList &arguments, const QString &directory)
{
    QProcess keel;
    keel.setWorkingDirectory(directory);
    keel.setProcessChannelMode(QProcess::MergedChannels);
    keel.start(QStringLiteral(KEEL_CLI), arguments);
    const bool ok = keel.waitForFinished(240000) && keel.exitStatus() == QProcess::NormalExit && keel.exitCode() == 0;
    EXPECT_TRUE(ok) << qPrintable(arguments.join(u' ')) << ": " << keel.readAll().toStdString();
    return ok;
}

int differingPixelsBelowPrompt(const RfbFramebuffer &a, const QImage &b)
{
    int count = 0;
    // From the fourth text row (16 pixels each) down: below the prompt, where help's output goes.
    for (int y = 48; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x)
            count += a.pixel(x, y) != b.pixel(x, y);
    return count;
}

} // namespace

TEST(RfbClient, ShowsTheVgaShellAndTypesIntoIt)
{
    QTemporaryDir temp;
    temp.setAutoRemove(qEnvironmentVariableIsEmpty("KEEL_KEEP_TEST_FILES"));
    ASSERT_TRUE(runKeel({QStringLiteral("new"), QStringLiteral("--template"), QStringLiteral("vga-shell"),
                         QStringLiteral("vga")}, temp.path()));
    ASSERT_TRUE(runKeel({QStringLiteral("build")}, temp.filePath(QStringLiteral("vga"))));

    const QString vncPath = temp.filePath(QStringLiteral("vnc.sock"));
    QemuRunner runner;
    RunProfile profile;
    profile.machine = QemuMachine::Pc;
    profile.accel = QemuAccel::Tcg;
    profile.memoryBytes = 4 * 1024 * 1024;
    profile.display = Display::Window; // -vga std
    // FIXME: the runner's own -vnc socket (RunProfile display + QemuSockets::vncPath) is not wired
    // yet; until then the test names the socket itself.
    profile.extraArguments = {QStringLiteral("-vnc"), QStringLiteral("unix:") + vncPath};
    runner.setProfile(profile);
    runner.start(temp.filePath(QStringLiteral("vga/build/debug/vga.elf")));
    ASSERT_TRUE(waitFor([&] { return runner.state() == QemuRunner::State::Running
                                     || runner.state() == QemuRunner::State::Finished; }, 20000));
    ASSERT_EQ(runner.state(), QemuRunner::State::Running) << runner.result().message.toStdString();

    RfbClient client;
    QList<QRect> dirtySeen;
    QObject::connect(&client, &RfbClient::framebufferUpdated, [&](const QList<QRect> &dirty) { dirtySeen += dirty; });
    client.connectToServer(vncPath);
    // The prompt: text on a 720x400 text-mode screen.
    ASSERT_TRUE(waitFor([&] { return client.framebuffer().size() == QSize(720, 400)
                                     && client.framebuffer().distinctColours() > 1; }, 20000))
        << client.errorString().toStdString() << " size " << client.framebuffer().width();
    EXPECT_TRUE(client.hasScancodeKeys());
    EXPECT_FALSE(dirtySeen.isEmpty());
    QThread::msleep(500);
    QCoreApplication::processEvents();
    const QImage before = rfbImage(client.framebuffer());
    ASSERT_TRUE(before.save(temp.filePath(QStringLiteral("before.png"))));

    client.typeText(QStringLiteral("help\n"));
    // help prints several lines below the prompt.
    EXPECT_TRUE(waitFor([&] { return differingPixelsBelowPrompt(client.framebuffer(), before) > 500; }, 15000));
    QThread::msleep(300);
    QCoreApplication::processEvents();
    const QImage after = rfbImage(client.framebuffer());
    ASSERT_TRUE(after.save(temp.filePath(QStringLiteral("after.png"))));
    std::cout << "screens saved in " << qPrintable(temp.path()) << "\n";
    EXPECT_EQ(client.state(), RfbClient::State::Ready) << client.errorString().toStdString();
    runner.kill();
}

namespace {

// A server that answers a connection with `reply` (and closes when `close`).
struct FakeServer {
    QTemporaryDir dir;
    QLocalServer server;
    QString path() const { return dir.filePath(QStringLiteral("vnc.sock")); }

    FakeServer(const QByteArray &reply, bool close)
    {
        server.listen(path());
        QObject::connect(&server, &QLocalServer::newConnection, [this, reply, close] {
            QLocalSocket *socket = server.nextPendingConnection();
            socket->write(reply);
            socket->flush();
            if (close)
                socket->disconnectFromServer();
        });
    }
};

QString errorFrom(const QString &path, int milliseconds = 8000)
{
    RfbClient client;
    QString error;
    QObject::connect(&client, &RfbClient::errorOccurred, [&](const QString &message) { error = message; });
    client.connectToServer(path);
    waitFor([&] { return !error.isEmpty(); }, milliseconds);
    EXPECT_EQ(client.state(), RfbClient::State::Failed);
    return error;
}

} // namespace

TEST(RfbClient, ReportsGarbageFromTheServer)
{
    FakeServer server(QByteArray("HTTP/1.1 400 Bad Request\r\n\r\n"), false);
    EXPECT_TRUE(errorFrom(server.path()).contains(u"not an RFB"));
}

TEST(RfbClient, ReportsAServerThatClosesMidHandshake)
{
    FakeServer server(QByteArray("RFB 003.008\n\x01"), true);
    EXPECT_TRUE(errorFrom(server.path()).contains(u"closed the connection"));
}

TEST(RfbClient, ReportsASilentServerInsteadOfHanging)
{
    FakeServer server(QByteArray(), false);
    EXPECT_TRUE(errorFrom(server.path()).contains(u"did not finish the RFB handshake"));
}

TEST(RfbClient, ReportsAMissingSocket)
{
    EXPECT_TRUE(errorFrom(QStringLiteral("/nonexistent/vnc.sock")).contains(u"cannot connect"));
}
