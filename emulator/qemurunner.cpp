#include "qemurunner.h"

#include "accelprobe.h"
#include "inheritedsocket.h"
#include "qemucommandline.h"
#include "runtimedirectory.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace Keel {

namespace {
constexpr qsizetype kMaxStderr = 64 * 1024;
} // namespace

QemuRunner::QemuRunner(QObject *parent)
    : QObject(parent)
    , m_program(QemuCommandLine::program())
    , m_serial(new SerialChannel(m_clock, this))
    , m_qmp(new QmpClient(this))
{
    m_startTimeout.setSingleShot(true);
    m_startTimeout.setInterval(kStartTimeoutMilliseconds);
    connect(&m_startTimeout, &QTimer::timeout, this, &QemuRunner::onStartTimeout);
    m_escalation.setSingleShot(true);
    connect(&m_escalation, &QTimer::timeout, this, [this] { escalate(m_escalationStage + 1); });
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    connect(&m_process, &QProcess::finished, this, &QemuRunner::onProcessFinished);
    connect(&m_process, &QProcess::errorOccurred, this, &QemuRunner::onProcessError);
    connect(&m_process, &QProcess::readyReadStandardError, this, &QemuRunner::readStderr);
    connect(m_qmp, &QmpClient::ready, this, &QemuRunner::onQmpReady);
    connect(m_serial, &SerialChannel::dataReceived, this, &QemuRunner::onSerialData);
    connect(m_qmp, &QmpClient::stopped, this, [this] { if (m_state == State::Running) setState(State::Paused); });
    connect(m_qmp, &QmpClient::resumed, this, [this] { if (m_state == State::Paused) setState(State::Running); });
    connect(m_qmp, &QmpClient::shutdown, this, [this](const QString &reason) { m_shutdownReason = reason; });
}

QemuRunner::~QemuRunner()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(kQuitTimeoutMilliseconds);
    }
}

QString QemuRunner::runtimeDirectoryPath() const
{
    return m_runtimeDirectory ? m_runtimeDirectory->path() : QString();
}

QString QemuRunner::gdbSocketPath() const
{
    return m_runtimeDirectory && m_profile.gdbStub == GdbStub::Enabled ? m_runtimeDirectory->socketPath(u"gdb") : QString();
}

QString QemuRunner::vncSocketPath() const
{
    return m_runtimeDirectory && m_profile.display == Display::Vnc ? m_runtimeDirectory->socketPath(u"vnc") : QString();
}

void QemuRunner::start(const QString &imagePath)
{
    if (m_state != State::Idle && m_state != State::Finished)
        return;
    m_resumeWhenReady = false;
    launch(imagePath);
}

void QemuRunner::launch(const QString &imagePath)
{
    m_result = RunResult();
    m_shutdownReason.clear();
    m_stderr.clear();
    m_stopRequested = false;
    m_rebootActionPending = false;
    m_qmpNegotiated = false;
    m_resumeRequested = false;
    m_startFailure.clear();
    m_kvmFailure.clear();
    m_escalationStage = 0;
    m_imagePath = imagePath;
    m_serial->clear();
    setState(State::Starting);
    const QString program = QFileInfo(m_program).isAbsolute() ? m_program : QStandardPaths::findExecutable(m_program);
    m_resolvedProgram = program;
    if (program.isEmpty() || !QFileInfo(program).isExecutable())
        return fail(RunResult::Outcome::QemuMissing,
                    QStringLiteral("%1 not found — install it with: apt-get install qemu-system-x86").arg(m_program));
    if (!QFileInfo(imagePath).isFile())
        return fail(RunResult::Outcome::QemuFailed,
                    QStringLiteral("image %1 does not exist — build it first (keel build)").arg(imagePath));
    if (const QString error = QemuCommandLine::profileError(m_profile); !error.isEmpty())
        return fail(RunResult::Outcome::QemuFailed, error);
    const AccelChoice accel = AccelProbe::resolve(m_profile.accel, program);
    m_accel = accel.accel;
    if (!accel.note.isEmpty())
        emit notice(accel.note);
    m_runtimeDirectory = std::make_unique<RuntimeDirectory>();
    if (!m_runtimeDirectory->isValid())
        return fail(RunResult::Outcome::QemuFailed, m_runtimeDirectory->errorString());
    InheritedSocket qmp;
    InheritedSocket serial;
    QString error;
    if (!qmp.open(&error) || !serial.open(&error))
        return fail(RunResult::Outcome::QemuFailed, error);
    // Always start paused, with negotiation and (for a running start) `cont` already queued on
    // the QMP socket: QEMU handles them as its main loop starts, and no event is missed.
    RunProfile launchProfile = m_profile;
    launchProfile.startMode = StartMode::Paused;
    const QemuSockets sockets{qmp.childDescriptor(), serial.childDescriptor(),
                              m_runtimeDirectory->socketPath(u"gdb"), m_runtimeDirectory->socketPath(u"vnc")};
    m_arguments = QemuCommandLine(launchProfile, sockets, m_accel).arguments(QFileInfo(imagePath).absoluteFilePath());
    setChildSetup(qmp.childDescriptor(), serial.childDescriptor());
    m_serial->attach(serial.takeOwnDescriptor());
    m_qmp->attach(qmp.takeOwnDescriptor());
    if (m_profile.startMode == StartMode::Running || m_resumeWhenReady)
        resume();
    // Armed before the spawn, so a failure to start (which may be reported at once) disarms it.
    m_startTimeout.start();
    m_clock.start();
    m_process.start(program, m_arguments);
    // The child has its own copies from the fork on; ours would keep the channels open after
    // QEMU is gone, and its exit unnoticed on them.
    qmp.closeChildEnd();
    serial.closeChildEnd();
}

void QemuRunner::setChildSetup(int qmpDescriptor, int serialDescriptor)
{
    m_process.setChildProcessModifier([qmpDescriptor, serialDescriptor] {
        // Its own process group: Ctrl+C in a terminal reaches keel (which stops QEMU and removes
        // the runtime directory) and gdb (which interrupts the guest), never QEMU itself.
        ::setpgid(0, 0);
        // And it never outlives its runner, even one killed with SIGKILL.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        // Only QEMU inherits its channels; other children (ninja, gdb) must not hold them open.
        InheritedSocket::inherit(qmpDescriptor);
        InheritedSocket::inherit(serialDescriptor);
    });
}

void QemuRunner::onStartTimeout()
{
    if (m_state != State::Starting || m_process.state() == QProcess::NotRunning)
        return;
    m_startFailure = QStringLiteral("QEMU did not answer on its QMP socket within %1 s").arg(kStartTimeoutMilliseconds / 1000);
    m_process.kill();
}

void QemuRunner::onQmpReady()
{
    m_startTimeout.stop();
    m_qmpNegotiated = true;
    if (m_state != State::Starting)
        return;
    setState(m_resumeRequested ? State::Running : State::Paused);
}

void QemuRunner::pause()
{
    m_qmp->execute(QStringLiteral("stop"));
}

void QemuRunner::resume()
{
    m_resumeRequested = true;
    m_qmp->execute(QStringLiteral("cont"));
}

void QemuRunner::reset()
{
    // -no-reboot makes every reset an exit, so a triple fault is reported instead of looping.
    // For a reset the user asked for, reboot for real until the guest speaks again: firmware
    // (SeaBIOS) resets once more on its own right after a host reset.
    m_qmp->execute(QStringLiteral("set-action"), {{QStringLiteral("reboot"), QStringLiteral("reset")}});
    m_qmp->execute(QStringLiteral("system_reset"));
    m_rebootActionPending = true;
}

void QemuRunner::onSerialData()
{
    if (!m_rebootActionPending)
        return;
    m_rebootActionPending = false;
    m_qmp->execute(QStringLiteral("set-action"), {{QStringLiteral("reboot"), QStringLiteral("shutdown")}});
}

void QemuRunner::powerOff(int timeoutMilliseconds)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_qmp->execute(QStringLiteral("system_powerdown"));
    m_escalationStage = 0;
    m_escalation.start(timeoutMilliseconds);
}

void QemuRunner::stop()
{
    escalate(1);
}

void QemuRunner::kill()
{
    escalate(2);
}

void QemuRunner::escalate(int stage)
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopRequested = true;
    m_escalationStage = stage;
    if (m_state != State::Finished)
        setState(State::Stopping);
    if (stage == 1 && m_qmp->isReady()) {
        m_qmp->quit();
        m_escalation.start(kQuitTimeoutMilliseconds);
        return;
    }
    // Nothing QEMU says from here on matters, and answering it (a late greeting, say) would
    // only write to a socket whose peer is being killed.
    m_qmp->disconnectFromServer();
    m_process.kill();
}

void QemuRunner::onProcessError(QProcess::ProcessError error)
{
    if (error != QProcess::FailedToStart)
        return; // crashes also end in finished(), which decodes them
    m_startTimeout.stop();
    fail(RunResult::Outcome::QemuFailed,
         QStringLiteral("cannot start %1: %2").arg(m_program, m_process.errorString()));
}

void QemuRunner::onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    m_startTimeout.stop();
    m_escalation.stop();
    const qint64 exitNanoseconds = m_clock.nsecsElapsed();
    readStderr();
    drainChannels();
    if (!m_kvmFailure.isEmpty() && restartUnderTcg())
        return;
    // The guest ran once QEMU answered the negotiation (its machine set up, its main loop running)
    // and a `cont` was queued: that is the next request QEMU handles. (Not the answer to `cont`
    // itself: a guest that exits at once through isa-debug-exit may take QEMU down before that
    // answer is sent.) A QEMU that failed before negotiating never ran the guest, whatever its
    // exit code.
    const bool guestStarted = m_qmpNegotiated && m_resumeRequested;
    RunResult result = decodeQemuExit({exitStatus, exitCode, m_shutdownReason, m_stopRequested, m_stderr, guestStarted});
    if (!m_kvmFailure.isEmpty()) {
        result.outcome = RunResult::Outcome::QemuFailed;
        result.message = QStringLiteral("%1 — KVM is unreliable on this host (often nested virtualization); "
                                        "later runs with accel auto use TCG, or pass --accel tcg").arg(m_kvmFailure);
    }
    if (!m_startFailure.isEmpty()) {
        result.outcome = RunResult::Outcome::QemuFailed;
        result.message = m_startFailure;
    }
    result.exitNanoseconds = exitNanoseconds;
    finish(result);
}

void QemuRunner::readStderr()
{
    m_stderr += QString::fromLocal8Bit(m_process.readAllStandardError());
    // QEMU announces each wait=on socket; that is the runner's business, not the user's.
    static const QRegularExpression s_waiting(QStringLiteral("^.*info: QEMU waiting for connection on:.*\n"),
                                              QRegularExpression::MultilineOption);
    m_stderr.remove(s_waiting);
    if (m_stderr.size() > kMaxStderr)
        m_stderr = m_stderr.right(kMaxStderr);
    noticeKvmFailure();
}

// QEMU does not exit on a KVM internal error: it stops the VM for good and waits. Nested KVM can
// pass both probes and still fail on the first SSE instruction, so this is the last safety net.
void QemuRunner::noticeKvmFailure()
{
    if (m_accel != QemuAccel::Kvm || !m_kvmFailure.isEmpty() || m_stopRequested)
        return;
    static const QRegularExpression s_kvmError(QStringLiteral("KVM internal error[^\n]*"));
    const QRegularExpressionMatch match = s_kvmError.match(m_stderr);
    if (!match.hasMatch())
        return;
    m_kvmFailure = QStringLiteral("QEMU stopped the guest: %1").arg(match.captured().trimmed());
    AccelProbe::recordKvmFailure(m_resolvedProgram, match.captured().trimmed());
    m_process.kill();
}

// Auto promised KVM only where it works: a run that never got far enough to be debugged starts
// again under TCG. A gdb session is bound to this QEMU, so a debug run reports instead.
bool QemuRunner::restartUnderTcg()
{
    if (m_profile.accel != QemuAccel::Auto || m_profile.gdbStub == GdbStub::Enabled)
        return false;
    m_runtimeDirectory.reset();
    // A caller that had already resumed the failed run will not resume this one again.
    m_resumeWhenReady = m_resumeRequested;
    emit notice(QStringLiteral("%1; starting again under TCG emulation").arg(m_kvmFailure));
    QTimer::singleShot(0, this, [this] { launch(m_imagePath); }); // the run goes on, from Starting again
    return true;
}

void QemuRunner::drainChannels()
{
    m_qmp->drain();
    m_serial->close();
    m_qmp->disconnectFromServer();
}

void QemuRunner::fail(RunResult::Outcome outcome, const QString &message)
{
    RunResult result;
    result.outcome = outcome;
    result.message = message;
    result.qemuStderr = m_stderr;
    // Deferred, so a caller that starts and then enters an event loop still sees finished().
    QTimer::singleShot(0, this, [this, result] { finish(result); });
}

void QemuRunner::finish(const RunResult &result)
{
    m_result = result;
    m_result.firstByteNanoseconds = m_serial->firstByteNanoseconds();
    // Output first read while draining after QEMU's exit was noticed was sent before that exit.
    if (m_result.exitNanoseconds >= 0 && m_result.firstByteNanoseconds > m_result.exitNanoseconds)
        m_result.firstByteNanoseconds = m_result.exitNanoseconds;
    m_runtimeDirectory.reset();
    setState(State::Finished);
    emit finished(m_result);
}

void QemuRunner::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace Keel
