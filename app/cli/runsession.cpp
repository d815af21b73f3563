#include "runsession.h"

#include "cliconsole.h"
#include "emulator/panicsymbolizer.h"
#include "terminationsignals.h"

#include <QEventLoop>

#include <cstdio>

namespace Keel::Cli {

namespace {
constexpr int kPanicStatus = 101;

QString milliseconds(qint64 nanoseconds)
{
    return QString::number(double(nanoseconds) / 1e6, 'f', 1) + QStringLiteral(" ms");
}
} // namespace

RunSession::RunSession(const RunRequest &request, QObject *parent)
    : QObject(parent)
    , m_request(request)
{
    m_runner.setProfile(request.profile);
    // The terminal is a fast consumer: hand bytes over as they arrive.
    m_runner.serial()->setCoalesceInterval(0);
    connect(m_runner.serial(), &SerialChannel::dataReceived, this, &RunSession::onData);
    connect(&m_runner, &QemuRunner::notice, this, [](const QString &message) { printNote(message); });
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, &RunSession::onTimeout);
}

int RunSession::exec()
{
    QEventLoop loop;
    int exitCode = kExitError;
    RunStarter starter(m_runner, m_request.imagePath, m_request.prepareBuild, Stream::Err);
    m_starter = &starter;
    connect(&starter, &RunStarter::started, this, &RunSession::onStarted);
    connect(&starter, &RunStarter::runFinished, &loop, [&](const RunResult &result) {
        exitCode = exitCodeFor(result);
        loop.quit();
    });
    connect(&starter, &RunStarter::failed, &loop, [&](int buildExitCode) {
        exitCode = m_signal != 0 ? signalExitCode() : buildExitCode;
        loop.quit();
    });
    TerminationSignals terminationSignals;
    connect(&terminationSignals, &TerminationSignals::received, this, &RunSession::onTerminationSignal);
    QTimer::singleShot(0, &starter, &RunStarter::start);
    loop.exec();
    m_starter = nullptr;
    return exitCode;
}

void RunSession::onStarted()
{
    // --timeout counts from the boot of the up-to-date image, not from the build.
    if (m_request.timeoutSeconds > 0)
        m_timeout.start(int(m_request.timeoutSeconds * 1000));
}

void RunSession::onData(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
    m_watched += QString::fromUtf8(bytes);
    if (m_watched.size() > kMaxWatchedText)
        m_watched.remove(0, m_watched.size() - kMaxWatchedText / 2);
    if (m_matched || m_timedOut || !m_request.expect || !m_request.expect->match(m_watched).hasMatch())
        return;
    m_matched = true;
    m_runner.stop();
}

void RunSession::onTimeout()
{
    if (m_matched || m_runner.state() == QemuRunner::State::Finished)
        return;
    m_timedOut = true;
    m_runner.stop();
}

void RunSession::onTerminationSignal(int signalNumber)
{
    if (m_signal == 0)
        m_signal = signalNumber;
    m_starter->stop(); // a second signal kills QEMU without waiting
}

int RunSession::signalExitCode()
{
    printNote(QStringLiteral("stopped by %1; QEMU quit and its runtime directory was removed")
                  .arg(TerminationSignals::name(m_signal)));
    return TerminationSignals::exitCode(m_signal);
}

int RunSession::exitCodeFor(const RunResult &result)
{
    if (m_signal != 0)
        return signalExitCode();
    if (m_matched)
        return kExitOk;
    if (m_timedOut) {
        const QString what = m_request.expect
            ? QStringLiteral("'%1' did not appear in the guest's output within %2 s").arg(m_request.expect->pattern())
            : QStringLiteral("the guest was still running after %2 s");
        printError(what.arg(m_request.timeoutSeconds), QStringLiteral("raise --timeout, or check the output above"));
        return kExitTimeout;
    }
    switch (result.outcome) {
    case RunResult::Outcome::QemuMissing:
        printError(result.message, QStringLiteral("or put qemu-system-x86_64 on PATH"));
        return kExitMissingTool;
    case RunResult::Outcome::QemuFailed:
        printError(result.message, QStringLiteral("QEMU's messages follow; check the [run] settings in keel.toml "
                                                  "and the options given to 'keel run'"));
        if (!result.qemuStderr.trimmed().isEmpty())
            print(result.qemuStderr, Stream::Err);
        return kExitError;
    case RunResult::Outcome::GuestReset:
    case RunResult::Outcome::Stopped:
        printError(result.message);
        return kExitError;
    case RunResult::Outcome::GuestExited:
    case RunResult::Outcome::GuestPoweredOff:
        return guestExitCode(result);
    }
    return kExitError;
}

int RunSession::guestExitCode(const RunResult &result)
{
    const int status = result.guestStatus;
    reportTimings(result, status);
    if (status == kPanicStatus) {
        const QStringList frames = PanicSymbolizer::annotate(m_watched, m_request.unstrippedPath);
        if (!frames.isEmpty())
            printLine(QStringLiteral("keel: the panic's stack trace, resolved:\n") + frames.join(u'\n'), Stream::Err);
    }
    if (m_request.expect) {
        printError(QStringLiteral("the guest exited (status %1) before '%2' appeared in its output")
                       .arg(status).arg(m_request.expect->pattern()),
                   QStringLiteral("check the output above"));
        return status != 0 ? status : kExitError;
    }
    return status;
}

void RunSession::reportTimings(const RunResult &result, int status)
{
    QString text = QStringLiteral("guest exited with status %1").arg(status);
    if (result.firstByteNanoseconds >= 0)
        text += QStringLiteral("; first output %1 and exit %2 after QEMU started")
                    .arg(milliseconds(result.firstByteNanoseconds), milliseconds(result.exitNanoseconds));
    printNote(text);
}

} // namespace Keel::Cli
