// keel debug (interactive gdb and --mi) and the end of `keel run` by a signal, with the real keel,
// QEMU and gdb. A failure here means `keel debug` would not stop where asked, would leave QEMU or
// its sockets behind, or that Ctrl+C during `keel run` would leave the runtime directory behind.
#include "keelprocess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>
#include <gtest/gtest.h>

#include <csignal>

namespace {

const char kApp[] = R"(#include <keel/print.h>

__attribute__((noinline)) int square(int x)
{
    int result = x * x;
    return result;
}

int main()
{
    int total = 0;
    for (int i = 0; i < 3; ++i)
        total += square(i + 2);
    keel::println("total {}", total);
    return 0;
}
)";

// gdb shows an optimised build's argument as x=x@entry=2 when it also knows the entry value.
const QRegularExpression kStoppedInSquare(QStringLiteral("Breakpoint 1, square \\(x=(x@entry=)?2\\)"));

// keel with XDG_RUNTIME_DIR pointing into the test's own folder, so its runtime directories can be counted.
class DebugTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_project = newProject(m_base, QStringLiteral("dbg"));
        writeFile(m_project + QStringLiteral("/src/main.cpp"), kApp);
        QDir().mkpath(runtimeBase());
        QFile::setPermissions(runtimeBase(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeBase());
    }

    QString runtimeBase() const { return m_base.filePath(QStringLiteral("xdg")); }
    QStringList runtimeDirectories() const
    {
        return QDir(runtimeBase()).entryList({QStringLiteral("keel-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    }

    void start(QProcess &keel, const QStringList &arguments)
    {
        keel.setWorkingDirectory(m_project);
        keel.setProcessEnvironment(m_environment);
        keel.start(QStringLiteral(KEEL_BINARY), arguments);
        ASSERT_TRUE(keel.waitForStarted());
    }

    QTemporaryDir m_base;
    QString m_project;
    QProcessEnvironment m_environment = QProcessEnvironment::systemEnvironment();
};

bool waitForOutput(QProcess &process, const QString &text, QString &seen, int milliseconds)
{
    QElapsedTimer clock;
    clock.start();
    while (!seen.contains(text) && clock.elapsed() < milliseconds) {
        process.waitForReadyRead(100);
        seen += QString::fromUtf8(process.readAllStandardOutput());
        if (process.state() == QProcess::NotRunning)
            break;
    }
    return seen.contains(text);
}

} // namespace

TEST_F(DebugTest, OpensGdbStoppedAtTheBreakpointAndCleansUpWhenItQuits)
{
    QProcess keel;
    start(keel, {QStringLiteral("debug"), QStringLiteral("--break"), QStringLiteral("square"), QStringLiteral("--accel"),
                 QStringLiteral("tcg")});
    // gdb reads these from stdin once its -ex commands (connect, break, continue) are done.
    keel.write("bt\ninfo locals\nprint x\nfinish\nquit\n");
    keel.closeWriteChannel();
    ASSERT_TRUE(keel.waitForFinished(240000));
    const QString out = QString::fromUtf8(keel.readAllStandardOutput());
    const QString err = QString::fromUtf8(keel.readAllStandardError());
    EXPECT_EQ(keel.exitCode(), 0) << qPrintable(err);
    EXPECT_TRUE(out.contains(kStoppedInSquare)) << qPrintable(out) << qPrintable(err);
    EXPECT_TRUE(out.contains(QRegularExpression(QStringLiteral("#1 .* in main \\(\\) at .*src/main.cpp:13"))))
        << "bt shows main as the caller: " << qPrintable(out);
    EXPECT_TRUE(out.contains(u"in keelKernelMain")) << "and the kernel below it: " << qPrintable(out);
    EXPECT_TRUE(out.contains(u"$1 = 2")) << qPrintable(out);
    EXPECT_TRUE(out.contains(u"Value returned is $2 = 4")) << qPrintable(out);
    EXPECT_TRUE(runtimeDirectories().isEmpty()) << qPrintable(runtimeDirectories().join(u' '));
}

TEST_F(DebugTest, MiPrintsTheSocketAndSymbolsAndKeepsQemuUntilEnter)
{
    QProcess keel;
    start(keel, {QStringLiteral("debug"), QStringLiteral("--mi"), QStringLiteral("--accel"), QStringLiteral("tcg")});
    QString out;
    ASSERT_TRUE(waitForOutput(keel, QStringLiteral("}\n"), out, 240000)) << qPrintable(keel.readAllStandardError());
    const QJsonObject description = QJsonDocument::fromJson(out.section(u'\n', 0, 0).toUtf8()).object();
    const QString socket = description.value(QStringLiteral("gdbSocket")).toString();
    const QString symbols = description.value(QStringLiteral("symbolFile")).toString();
    EXPECT_TRUE(socket.startsWith(runtimeBase())) << qPrintable(out);
    EXPECT_TRUE(symbols.endsWith(u"build/debug/dbg.elf")) << qPrintable(out);
    EXPECT_EQ(description.value(QStringLiteral("architecture")).toString(), u"i386:x86-64");

    EXPECT_EQ(runtimeDirectories().size(), 1);
    EXPECT_EQ(keel.state(), QProcess::Running) << "keel keeps QEMU paused for the frontend";

    // Another frontend (here a batch gdb) connects with just that, finds symbols and the guest.
    QProcess gdb;
    gdb.start(QStringLiteral("gdb"), {QStringLiteral("-batch"), QStringLiteral("-nx"), QStringLiteral("-iex"),
                                      QStringLiteral("set architecture i386:x86-64"), QStringLiteral("-ex"),
                                      QStringLiteral("file ") + symbols, QStringLiteral("-ex"),
                                      QStringLiteral("target remote ") + socket, QStringLiteral("-ex"),
                                      QStringLiteral("break square"), QStringLiteral("-ex"), QStringLiteral("continue"),
                                      QStringLiteral("-ex"), QStringLiteral("detach")});
    ASSERT_TRUE(gdb.waitForFinished(120000));
    const QString gdbOut = QString::fromUtf8(gdb.readAllStandardOutput());
    EXPECT_TRUE(gdbOut.contains(kStoppedInSquare)) << qPrintable(gdbOut) << qPrintable(gdb.readAllStandardError());
    // Detached, the guest runs to its end; keel then ends too, and cleans up.
    ASSERT_TRUE(keel.waitForFinished(60000));
    EXPECT_EQ(keel.exitCode(), 0) << qPrintable(keel.readAllStandardError());
    EXPECT_TRUE(runtimeDirectories().isEmpty()) << qPrintable(runtimeDirectories().join(u' '));

    // ENTER ends a session nobody attached to.
    QProcess again;
    start(again, {QStringLiteral("debug"), QStringLiteral("--mi"), QStringLiteral("--accel"), QStringLiteral("tcg")});
    QString json;
    ASSERT_TRUE(waitForOutput(again, QStringLiteral("}\n"), json, 240000)) << qPrintable(again.readAllStandardError());
    EXPECT_EQ(runtimeDirectories().size(), 1);
    again.write("\n");
    ASSERT_TRUE(again.waitForFinished(20000));
    EXPECT_EQ(again.exitCode(), 0) << qPrintable(again.readAllStandardError());
    EXPECT_TRUE(runtimeDirectories().isEmpty()) << qPrintable(runtimeDirectories().join(u' '));
}

TEST_F(DebugTest, SignalsDuringRunStopQemuAndRemoveTheRuntimeDirectory)
{
    writeFile(m_project + QStringLiteral("/src/main.cpp"),
              "#include <keel/print.h>\n\nint main()\n{\n    for (unsigned long i = 0;; ++i) {\n"
              "        if (i % 1000000 == 0)\n            keel::println(\"tick {}\", i);\n    }\n}\n");
    for (const int signalNumber : {SIGINT, SIGTERM}) {
        QProcess keel;
        start(keel, {QStringLiteral("run"), QStringLiteral("--accel"), QStringLiteral("tcg")});
        QString out;
        ASSERT_TRUE(waitForOutput(keel, QStringLiteral("tick 1000000"), out, 240000))
            << qPrintable(out) << qPrintable(keel.readAllStandardError());
        EXPECT_EQ(runtimeDirectories().size(), 1);
        ::kill(pid_t(keel.processId()), signalNumber);
        ASSERT_TRUE(keel.waitForFinished(20000));
        const QString err = QString::fromUtf8(keel.readAllStandardError());
        EXPECT_EQ(keel.exitStatus(), QProcess::NormalExit) << "keel handles the signal instead of dying";
        EXPECT_EQ(keel.exitCode(), 128 + signalNumber) << qPrintable(err);
        EXPECT_TRUE(err.contains(u"its runtime directory was removed")) << qPrintable(err);
        EXPECT_TRUE(runtimeDirectories().isEmpty()) << qPrintable(runtimeDirectories().join(u' '));
    }
}
