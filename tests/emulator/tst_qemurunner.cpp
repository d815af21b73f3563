// QemuRunner on real QEMU with the stand-in guest (fixture/fixture.S). A failure here means
// `keel run` and the IDE would report wrong exit statuses, hang on stop, hide QEMU's errors or
// leave sockets behind.
#include "emulator/accelprobe.h"
#include "emulator/accelprobecache.h"
#include "emulator/qemurunner.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QJsonObject>
#include <QTimer>
#include <gtest/gtest.h>
#include <csignal>
#include <iostream>

using namespace Keel;
using Outcome = RunResult::Outcome;

namespace {

constexpr int kTimeoutMilliseconds = 20000;

class GuestRun
{
public:
    explicit GuestRun(const QString &cmdline, QemuMachine machine = QemuMachine::Pc)
    {
        RunProfile profile;
        profile.machine = machine;
        profile.accel = QemuAccel::Tcg;
        profile.kernelCmdline = cmdline;
        runner.setProfile(profile);
        QObject::connect(runner.serial(), &SerialChannel::dataReceived, [this](const QByteArray &bytes) {
            output += bytes;
        });
    }

    // Runs the event loop until the run finishes (or `until` says stop waiting).
    const RunResult &wait(const std::function<bool()> &until = {})
    {
        QEventLoop loop;
        QObject::connect(&runner, &QemuRunner::finished, &loop, &QEventLoop::quit);
        QTimer poll;
        if (until) {
            QObject::connect(&poll, &QTimer::timeout, [&] { if (until()) loop.quit(); });
            poll.start(5);
        }
        QTimer::singleShot(kTimeoutMilliseconds, &loop, &QEventLoop::quit);
        if (runner.state() != QemuRunner::State::Finished)
            loop.exec();
        return runner.result();
    }

    QemuRunner runner;
    QByteArray output;
};

} // namespace

TEST(QemuRunner, DecodesTheGuestExitStatusOnEveryMachine)
{
    for (QemuMachine machine : {QemuMachine::Pc, QemuMachine::Q35, QemuMachine::Microvm}) {
        GuestRun run(QStringLiteral("x42"), machine);
        run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
        const RunResult &result = run.wait();
        EXPECT_EQ(result.outcome, Outcome::GuestExited) << qPrintable(machineName(machine) + result.message);
        EXPECT_EQ(result.guestStatus, 42);
        EXPECT_EQ(run.output, "fixture: ready\n"); // nothing lost before the first byte
        EXPECT_GT(result.firstByteNanoseconds, 0);
        EXPECT_GE(result.exitNanoseconds, result.firstByteNanoseconds);
    }
}

TEST(QemuRunner, ReportsAGuestTripleFaultAsReset)
{
    GuestRun run(QStringLiteral("r"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::GuestReset) << qPrintable(result.message);
    EXPECT_TRUE(result.message.contains(u"triple fault"));
}

TEST(QemuRunner, ReportsAcpiPowerOffAsStatusZero)
{
    GuestRun run(QStringLiteral("p"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::GuestPoweredOff) << qPrintable(result.message);
    EXPECT_EQ(result.guestStatus, 0);
}

TEST(QemuRunner, SurfacesQemuErrorsFromStderr)
{
    GuestRun run(QStringLiteral("x1"));
    RunProfile profile = run.runner.profile();
    profile.extraArguments = {QStringLiteral("-no-such-option")};
    run.runner.setProfile(profile);
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::QemuFailed);
    EXPECT_TRUE(result.message.contains(u"-no-such-option")) << qPrintable(result.message);
    EXPECT_TRUE(result.qemuStderr.contains(u"invalid option")) << qPrintable(result.qemuStderr);
}

TEST(QemuRunner, StopsARunningGuestAndRemovesItsSockets)
{
    GuestRun run(QStringLiteral("s"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.output.contains("ready"); });
    ASSERT_EQ(run.runner.state(), QemuRunner::State::Running);
    const QString directory = run.runner.runtimeDirectoryPath();
    EXPECT_TRUE(QFileInfo(directory).isDir());
    // QMP and serial are socket pairs: without a gdbstub or a display nothing is there to connect to.
    EXPECT_TRUE(QDir(directory).isEmpty()) << QDir(directory).entryList().join(u' ').toStdString();
    run.runner.stop();
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::Stopped);
    EXPECT_FALSE(QFileInfo::exists(directory));
}

TEST(QemuRunner, KillEndsQemuAtOnce)
{
    GuestRun run(QStringLiteral("s"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.output.contains("ready"); });
    run.runner.kill();
    EXPECT_EQ(run.wait().outcome, Outcome::Stopped);
}

TEST(QemuRunner, StartsPausedAndResumes)
{
    GuestRun run(QStringLiteral("x5"));
    RunProfile profile = run.runner.profile();
    profile.startMode = StartMode::Paused;
    run.runner.setProfile(profile);
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.runner.state() == QemuRunner::State::Paused; });
    ASSERT_EQ(run.runner.state(), QemuRunner::State::Paused);
    EXPECT_TRUE(run.output.isEmpty());
    run.runner.resume();
    EXPECT_EQ(run.wait().guestStatus, 5);
}

TEST(QemuRunner, SendsSerialInputToTheGuest)
{
    GuestRun run(QStringLiteral("e"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.output.contains("ready"); });
    run.runner.serial()->send("ping\n");
    run.wait([&] { return run.output.endsWith("ping\n"); });
    EXPECT_EQ(run.output, "fixture: ready\nping\n");
    run.runner.stop();
    run.wait();
}

TEST(QemuRunner, SurvivesASerialFloodWithBoundedBuffering)
{
    GuestRun run(QStringLiteral("f"));
    // A consumer that takes output only every 200 ms and keeps at most 512 bytes of it.
    run.runner.serial()->setCapacity(512);
    run.runner.serial()->setCoalesceInterval(200);
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.runner.serial()->droppedBytes() > 0 && run.output.contains("bytes dropped]"); });
    EXPECT_GT(run.runner.serial()->droppedBytes(), 0);
    EXPECT_TRUE(run.output.contains("bytes dropped]\n"));
    run.runner.stop();
    EXPECT_EQ(run.wait().outcome, Outcome::Stopped);
}

TEST(QemuRunner, NamesThePackageWhenQemuIsMissing)
{
    GuestRun run(QStringLiteral("x1"));
    run.runner.setQemuProgram(QStringLiteral("qemu-system-x86_64-not-installed"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::QemuMissing);
    EXPECT_TRUE(result.message.contains(u"apt-get install qemu-system-x86")) << qPrintable(result.message);
}

TEST(QemuRunner, PausesResumesResetsAndQuitsThroughQmp)
{
    GuestRun run(QStringLiteral("e"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.output.contains("ready"); });
    ASSERT_EQ(run.runner.state(), QemuRunner::State::Running);
    QString status;
    const auto queryStatus = [&] {
        status.clear();
        run.runner.qmp()->execute(QStringLiteral("query-status"), {}, [&](const QmpMessage &reply) {
            status = reply.returnValue.toObject().value(QStringLiteral("status")).toString();
        });
        run.wait([&] { return !status.isEmpty(); });
        return status;
    };

    run.runner.pause();
    run.wait([&] { return run.runner.state() == QemuRunner::State::Paused; });
    EXPECT_EQ(run.runner.state(), QemuRunner::State::Paused);
    EXPECT_EQ(queryStatus(), u"paused");
    run.runner.serial()->send("a\n"); // queued in QEMU's UART while the CPU is stopped
    QElapsedTimer paused;
    paused.start();
    run.wait([&] { return paused.elapsed() > 500; }); // time a running guest would use to echo
    EXPECT_EQ(run.output, "fixture: ready\n");

    run.runner.resume();
    run.wait([&] { return run.output.endsWith("a\n"); });
    EXPECT_EQ(run.runner.state(), QemuRunner::State::Running);
    EXPECT_EQ(queryStatus(), u"running");

    // A reset reboots the guest (not the exit -no-reboot makes of a triple fault): it says ready again.
    run.runner.reset();
    run.wait([&] { return run.output.count("ready") == 2; });
    EXPECT_EQ(run.output.count("fixture: ready\n"), 2) << run.output.toStdString();
    EXPECT_EQ(run.runner.state(), QemuRunner::State::Running);

    const QString directory = run.runner.runtimeDirectoryPath();
    run.runner.stop(); // QMP quit
    EXPECT_EQ(run.wait().outcome, Outcome::Stopped);
    EXPECT_FALSE(QFileInfo::exists(directory));
}

TEST(QemuRunner, ReportsQemuKilledMidRunAndRemovesItsSockets)
{
    GuestRun run(QStringLiteral("s"));
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return run.output.contains("ready"); });
    const QString directory = run.runner.runtimeDirectoryPath();
    ASSERT_TRUE(QFileInfo(directory).isDir());
    ASSERT_GT(run.runner.processId(), 0);
    ::kill(pid_t(run.runner.processId()), SIGKILL); // as the OOM killer would
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::QemuFailed);
    EXPECT_TRUE(result.message.contains(u"QEMU crashed")) << qPrintable(result.message);
    EXPECT_FALSE(QFileInfo::exists(directory));
    EXPECT_EQ(run.runner.state(), QemuRunner::State::Finished);
}

TEST(QemuRunner, StaysResponsiveWhileTheGuestFloodsTheSerialPort)
{
    GuestRun run(QStringLiteral("f"));
    qint64 received = 0;
    QObject::connect(run.runner.serial(), &SerialChannel::dataReceived,
                     [&](const QByteArray &bytes) { received += bytes.size(); });
    run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    run.wait([&] { return received > 0; });
    // A 10 ms UI timer must keep firing while the flood goes on.
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 worstGap = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        worstGap = qMax(worstGap, clock.elapsed() - last);
        last = clock.elapsed();
    });
    tick.start(10);
    const qint64 before = received;
    run.wait([&] { return clock.elapsed() > 2000; });
    const double megabytesPerSecond = double(received - before) / 2.0 / 1e6;
    std::cout << "serial flood: " << megabytesPerSecond << " MB/s delivered, worst timer gap " << worstGap << " ms\n";
    // QEMU's emulated UART manages only ~0.1 MB/s under TCG; tst_serialchannel floods at 10 MB/s.
    EXPECT_GT(received - before, 10'000) << "the consumer keeps getting output";
    EXPECT_LT(worstGap, 250) << "the event loop stays responsive";
    run.runner.stop();
    EXPECT_EQ(run.wait().outcome, Outcome::Stopped);
}

namespace {

// A QEMU that behaves like nested KVM on some hosts: with -accel kvm it reports an internal error
// and sits there (real QEMU stops the guest for good); with TCG it is the real QEMU. The probe
// cache, in a private XDG_CACHE_HOME, is forged to say KVM works, as the probes do on such hosts.
class BrokenKvmQemu
{
public:
    BrokenKvmQemu()
    {
        qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toUtf8());
        QFile script(program());
        script.open(QIODevice::WriteOnly);
        script.write("#!/bin/sh\n"
                     "for a in \"$@\"; do\n"
                     "  if [ \"$a\" = kvm ]; then\n"
                     "    echo 'KVM internal error. Suberror: 1' >&2; echo 'emulation failure' >&2; exec sleep 60\n"
                     "  fi\n"
                     "done\n"
                     "exec qemu-system-x86_64 \"$@\"\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        AccelProbeCache::store(program(), QString());
    }
    ~BrokenKvmQemu() { qunsetenv("XDG_CACHE_HOME"); }

    QString program() const { return m_dir.filePath(QStringLiteral("qemu")); }

    // Points the run at this QEMU with the given accelerator and starts it.
    void start(GuestRun &run, QemuAccel accel) const
    {
        RunProfile profile = run.runner.profile();
        profile.accel = accel;
        run.runner.setProfile(profile);
        run.runner.setQemuProgram(program());
        run.runner.start(QStringLiteral(KEEL_TEST_FIXTURE));
    }

private:
    QTemporaryDir m_dir;
};

} // namespace

TEST(QemuRunner, AutoStartsAgainUnderTcgWhenKvmFailsMidRun)
{
    BrokenKvmQemu qemu;
    GuestRun run(QStringLiteral("x7"));
    QStringList notices;
    QObject::connect(&run.runner, &QemuRunner::notice, [&](const QString &text) { notices << text; });
    qemu.start(run, QemuAccel::Auto);
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::GuestExited) << qPrintable(result.message + result.qemuStderr);
    EXPECT_EQ(result.guestStatus, 7);
    EXPECT_EQ(run.runner.accel(), QemuAccel::Tcg);
    EXPECT_EQ(run.output, "fixture: ready\n");
    ASSERT_EQ(notices.size(), 1);
    EXPECT_TRUE(notices.first().contains(u"KVM internal error") && notices.first().contains(u"TCG"))
        << qPrintable(notices.first());
    // Later runs (here and, through the cache, in other processes) go straight to TCG.
    EXPECT_EQ(AccelProbeCache::load(qemu.program()), std::optional<QString>(QStringLiteral("KVM internal error. Suberror: 1")));
    EXPECT_EQ(AccelProbe::resolve(QemuAccel::Auto, qemu.program()).accel, QemuAccel::Tcg);
}

TEST(QemuRunner, ExplicitKvmThatFailsMidRunEndsWithAClearError)
{
    BrokenKvmQemu qemu;
    GuestRun run(QStringLiteral("x7"));
    qemu.start(run, QemuAccel::Kvm);
    const RunResult &result = run.wait();
    EXPECT_EQ(result.outcome, Outcome::QemuFailed);
    EXPECT_TRUE(result.message.contains(u"KVM internal error") && result.message.contains(u"--accel tcg"))
        << qPrintable(result.message);
    EXPECT_TRUE(run.runner.runtimeDirectoryPath().isEmpty()) << "the runtime directory is removed";
}
