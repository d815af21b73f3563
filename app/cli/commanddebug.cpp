// keel debug [--break LOCATION] [--mi] [--machine M] [--memory SIZE] [--cpus N] [--accel A] [--cmdline STR]
//
// Builds the debug image, starts QEMU paused with its gdbstub on the run's private socket, and
// either runs an interactive gdb already connected and stopped at the breakpoint, or (--mi)
// prints where to connect for another frontend and keeps QEMU until ENTER or a signal.
#include "buildreporter.h"
#include "commandparser.h"
#include "commands.h"
#include "runsession.h"
#include "terminationsignals.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSocketNotifier>

#include <cstdio>
#include <unistd.h>

namespace Keel::Cli {

namespace {

constexpr char kDefaultBreak[] = "main";
constexpr char kGdbArchitecture[] = "i386:x86-64";

struct DebugTarget {
    QString symbolFile;
    QString gdbSocket;
};

// True once QEMU sits paused at the reset vector with the gdbstub listening.
bool startPaused(QemuRunner &runner, const QString &image)
{
    QEventLoop loop;
    QObject::connect(&runner, &QemuRunner::stateChanged, &loop, [&] {
        if (runner.state() != QemuRunner::State::Starting)
            loop.quit();
    });
    runner.start(image);
    if (runner.state() == QemuRunner::State::Starting)
        loop.exec();
    if (runner.state() == QemuRunner::State::Paused)
        return true;
    printError(QStringLiteral("QEMU did not start: %1").arg(runner.result().message),
               QStringLiteral("QEMU's messages follow; check the [run] settings in keel.toml"));
    print(runner.result().qemuStderr, Stream::Err);
    return false;
}

void stopAndWait(QemuRunner &runner)
{
    QEventLoop loop;
    QObject::connect(&runner, &QemuRunner::finished, &loop, &QEventLoop::quit);
    runner.stop();
    if (runner.state() != QemuRunner::State::Finished)
        loop.exec();
}

QStringList gdbArguments(const DebugTarget &target, const QString &breakLocation)
{
    // The architecture is set before connecting: QEMU's CPU starts in real mode and gdb keeps
    // the first architecture it sees, which would garble the 64-bit kernel.
    return {QStringLiteral("-q"),
            QStringLiteral("-iex"), QStringLiteral("set architecture %1").arg(QLatin1String(kGdbArchitecture)),
            QStringLiteral("-ex"), QStringLiteral("set backtrace past-main on"),
            QStringLiteral("-ex"), QStringLiteral("file %1").arg(target.symbolFile),
            QStringLiteral("-ex"), QStringLiteral("target remote %1").arg(target.gdbSocket),
            QStringLiteral("-ex"), QStringLiteral("break %1").arg(breakLocation),
            QStringLiteral("-ex"), QStringLiteral("continue")};
}

int runInteractiveGdb(QemuRunner &runner, const DebugTarget &target, const QString &breakLocation)
{
    QProcess gdb;
    gdb.setProcessChannelMode(QProcess::ForwardedChannels);
    gdb.setInputChannelMode(QProcess::ForwardedInputChannel);
    // Ctrl+C is gdb's (it interrupts the guest); SIGTERM/SIGHUP end the session.
    TerminationSignals terminationSignals(TerminationSignals::Interrupt::Ignore);
    QObject::connect(&terminationSignals, &TerminationSignals::received, &gdb, &QProcess::terminate);
    QEventLoop loop;
    QObject::connect(&gdb, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&gdb, &QProcess::errorOccurred, &loop, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    gdb.start(QStringLiteral("gdb"), gdbArguments(target, breakLocation));
    loop.exec();
    stopAndWait(runner);
    if (gdb.error() == QProcess::FailedToStart) {
        printError(QStringLiteral("cannot start gdb: %1").arg(gdb.errorString()), QStringLiteral("install it with: apt-get install gdb"));
        return kExitMissingTool;
    }
    return gdb.exitStatus() == QProcess::NormalExit ? gdb.exitCode() : kExitError;
}

// --mi: say where to connect, then keep QEMU until ENTER (or stdin closing), a signal, or its end.
int serveFrontend(QemuRunner &runner, const DebugTarget &target)
{
    const QJsonObject description{{QStringLiteral("gdbSocket"), target.gdbSocket},
                                  {QStringLiteral("symbolFile"), target.symbolFile},
                                  {QStringLiteral("architecture"), QLatin1String(kGdbArchitecture)},
                                  {QStringLiteral("runtimeDirectory"), runner.runtimeDirectoryPath()}};
    printLine(QString::fromUtf8(QJsonDocument(description).toJson(QJsonDocument::Compact)));
    printNote(QStringLiteral("QEMU is paused at the reset vector; press ENTER (or close stdin, or send SIGTERM) to stop it"));
    QEventLoop loop;
    int exitCode = kExitOk;
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &loop, [&] {
        char byte = 0;
        if (::read(STDIN_FILENO, &byte, 1) <= 0 || byte == '\n')
            loop.quit();
    });
    TerminationSignals terminationSignals;
    QObject::connect(&terminationSignals, &TerminationSignals::received, &loop, [&](int signalNumber) {
        exitCode = TerminationSignals::exitCode(signalNumber);
        loop.quit();
    });
    QObject::connect(&runner, &QemuRunner::finished, &loop, &QEventLoop::quit);
    loop.exec();
    stopAndWait(runner);
    return exitCode;
}

} // namespace

int runDebugCommand(const QStringList &arguments)
{
    CommandParser parser(QStringLiteral("debug"),
                         QStringLiteral("Build the debug image, start it in QEMU paused, and open gdb connected to it,\n"
                                        "stopped at LOCATION (default: main). With --mi, print the gdbstub socket and\n"
                                        "the symbol file as JSON for another debugger frontend instead."));
    parser.addOption({QStringLiteral("break"), QStringLiteral("Where gdb stops first: a function or FILE:LINE (default: main)."),
                      QStringLiteral("LOCATION")});
    parser.addOption({QStringLiteral("mi"), QStringLiteral("Print {\"gdbSocket\", \"symbolFile\", …} as JSON and keep QEMU "
                                                           "paused until ENTER.")});
    addProfileOptions(parser);
    if (auto exit = parser.parse(arguments))
        return *exit;
    RunProfile profile;
    BuildResult build;
    if (auto exit = buildForRun(parser, BuildOptions{}, profile, build))
        return *exit;
    profile.startMode = StartMode::Paused;
    profile.gdbStub = GdbStub::Enabled;
    const QString image = build.unstrippedPath;
    QemuRunner runner;
    runner.setProfile(profile);
    QObject::connect(runner.serial(), &SerialChannel::dataReceived, [](const QByteArray &bytes) {
        std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
        std::fflush(stdout);
    });
    QObject::connect(&runner, &QemuRunner::notice, [](const QString &message) { printNote(message); });
    if (!startPaused(runner, image))
        return runner.result().outcome == RunResult::Outcome::QemuMissing ? kExitMissingTool : kExitError;
    const DebugTarget target{image, runner.gdbSocketPath()};
    if (parser.isSet(QStringLiteral("mi")))
        return serveFrontend(runner, target);
    const QString location = parser.isSet(QStringLiteral("break")) ? parser.value(QStringLiteral("break"))
                                                                   : QLatin1String(kDefaultBreak);
    return runInteractiveGdb(runner, target, location);
}

} // namespace Keel::Cli
