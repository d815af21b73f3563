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

// Builds the vga-shell template once for every test here and boots it on pc with the display on.
class RfbClientOnQemu : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_temp = new QTemporaryDir;
        s_temp->setAutoRemove(qEnvironmentVariableIsEmpty("KEEL_KEEP_TEST_FILES"));
        s_built = runKeel({QStringLiteral("new"), QStringLiteral("--template"), QStringLiteral("vga-shell"),
                           QStringLiteral("vga")}, s_temp->path())
            && runKeel({QStringLiteral("build")}, s_temp->filePath(QStringLiteral("vga")));
    }
    static void TearDownTestSuite() { delete s_temp; }

    void SetUp() override
    {
        ASSERT_TRUE(s_built);
        RunProfile profile;
        profile.machine = QemuMachine::Pc;
        profile.accel = QemuAccel::Tcg;
        profile.memoryBytes = 4 * 1024 * 1024;
        profile.display = Display::Vnc;
        m_runner.setProfile(profile);
        m_runner.start(s_temp->filePath(QStringLiteral("vga/build/debug/vga.elf")));
        ASSERT_TRUE(waitFor([&] { return m_runner.state() == QemuRunner::State::Running
                                         || m_runner.state() == QemuRunner::State::Finished; }, 20000));
        ASSERT_EQ(m_runner.state(), QemuRunner::State::Running) << m_runner.result().message.toStdString();
        ASSERT_TRUE(m_runner.vncSocketPath().startsWith(m_runner.runtimeDirectoryPath()));
        m_client.connectToServer(m_runner.vncSocketPath());
        // The prompt: text on a 720x400 text-mode screen.
        ASSERT_TRUE(waitFor([&] { return m_client.framebuffer().size() == QSize(720, 400)
                                         && m_client.framebuffer().distinctColours() > 1; }, 20000))
            << m_client.errorString().toStdString() << " size " << m_client.framebuffer().width();
    }

    void TearDown() override { m_runner.kill(); }

    static QString filePath(const QString &name) { return s_temp->filePath(name); }

    static inline QTemporaryDir *s_temp = nullptr;
    static inline bool s_built = false;
    QemuRunner m_runner;
    RfbClient m_client;
};

TEST_F(RfbClientOnQemu, ShowsTheVgaShellAndTypesIntoIt)
{
    QList<QRect> dirtySeen;
    QObject::connect(&m_client, &RfbClient::framebufferUpdated, [&](const QList<QRect> &dirty) { dirtySeen += dirty; });
    EXPECT_TRUE(waitFor([&] { return !dirtySeen.isEmpty(); }, 5000));
    EXPECT_TRUE(m_client.hasScancodeKeys());
    QThread::msleep(500);
    QCoreApplication::processEvents();
    const QImage before = rfbImage(m_client.framebuffer());
    ASSERT_TRUE(before.save(filePath(QStringLiteral("before.png"))));

    m_client.typeText(QStringLiteral("help\n"));
    // help prints several lines below the prompt.
    EXPECT_TRUE(waitFor([&] { return differingPixelsBelowPrompt(m_client.framebuffer(), before) > 500; }, 15000));
    QThread::msleep(300);
    QCoreApplication::processEvents();
    const QImage after = rfbImage(m_client.framebuffer());
    ASSERT_TRUE(after.save(filePath(QStringLiteral("after.png"))));
    std::cout << "screens saved in " << qPrintable(s_temp->path()) << "\n";
    EXPECT_EQ(m_client.state(), RfbClient::State::Ready) << m_client.errorString().toStdString();
}

TEST_F(RfbClientOnQemu, FramebufferEqualsQmpScreendumpPixelForPixel)
{
    // The text cursor blinks on QEMU's own timer, so the two views can disagree for a moment in
    // the cursor's cell: take matching pairs until one agrees (a real mismatch never does).
    int bestDifference = -1;
    for (int attempt = 0; attempt < 20 && bestDifference != 0; ++attempt) {
        const QString dump = filePath(QStringLiteral("screendump-%1.ppm").arg(attempt));
        bool dumped = false;
        QString error;
        m_runner.qmp()->execute(QStringLiteral("screendump"), {{QStringLiteral("filename"), dump}},
                                [&](const QmpMessage &reply) { dumped = true; error = reply.errorDescription; });
        ASSERT_TRUE(waitFor([&] { return dumped; }, 5000));
        ASSERT_TRUE(error.isEmpty()) << error.toStdString();
        // Let the VNC server send what changed up to the dump.
        waitFor([] { return false; }, 100);
        const QImage screen(dump);
        ASSERT_FALSE(screen.isNull()) << "cannot read " << dump.toStdString();
        const QImage rfb = rfbImage(m_client.framebuffer());
        ASSERT_EQ(screen.size(), rfb.size());
        const QImage expected = screen.convertToFormat(QImage::Format_RGB32);
        int difference = 0;
        for (int y = 0; y < rfb.height(); ++y)
            for (int x = 0; x < rfb.width(); ++x)
                difference += rfb.pixel(x, y) != expected.pixel(x, y);
        if (bestDifference < 0 || difference < bestDifference)
            bestDifference = difference;
    }
    EXPECT_EQ(bestDifference, 0) << "pixels differ between RFB and screendump";
    EXPECT_GT(m_client.framebuffer().distinctColours(), 1);
}

TEST(RfbClient, MicrovmHasNoDisplayAndSaysSo)
{
    QemuRunner runner;
    RunProfile profile;
    profile.machine = QemuMachine::Microvm;
    profile.display = Display::Vnc;
    runner.setProfile(profile);
    runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    ASSERT_TRUE(waitFor([&] { return runner.state() == QemuRunner::State::Finished; }, 5000));
    EXPECT_EQ(runner.result().outcome, RunResult::Outcome::QemuFailed);
    EXPECT_TRUE(runner.result().message.contains(u"microvm machine has no VGA")) << runner.result().message.toStdString();
    EXPECT_TRUE(runner.result().message.contains(u"--machine pc"));
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
