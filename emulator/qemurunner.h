// QemuRunner: boots one image in QEMU and owns everything about that run — the process, the
// private runtime directory with the QMP, serial, VNC and gdb sockets, the lifecycle and the
// decoded result.
//
//   auto *runner = new Keel::QemuRunner(this);
//   runner->setProfile(profile);
//   connect(runner->serial(), &Keel::SerialChannel::dataReceived, this, &View::append);
//   connect(runner, &Keel::QemuRunner::finished, this, [](const Keel::RunResult &result) { … });
//   runner->start(u"build/debug/hello.elf"_s);
#pragma once

#include "qmpclient.h"
#include "runprofile.h"
#include "runresult.h"
#include "serialchannel.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <memory>

namespace Keel {

class RuntimeDirectory;

class QemuRunner : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Starting, Running, Paused, Stopping, Finished };
    Q_ENUM(State)

    static constexpr int kStartTimeoutMilliseconds = 10000;
    static constexpr int kQuitTimeoutMilliseconds = 2000;

    explicit QemuRunner(QObject *parent = nullptr);
    ~QemuRunner() override;

    void setProfile(const RunProfile &profile) { m_profile = profile; }
    const RunProfile &profile() const { return m_profile; }
    // Tests point this at a missing program; normally qemu-system-x86_64 from PATH.
    void setQemuProgram(const QString &program) { m_program = program; }

    // Asynchronous; every outcome, including failure to start, ends in finished().
    void start(const QString &imagePath);
    void pause();
    void resume();
    void reset();
    // Asks the guest to power off (ACPI), then quits QEMU, then kills it, each after a timeout.
    void powerOff(int timeoutMilliseconds = 3000);
    // Quits QEMU through QMP, killing it if it does not go within kQuitTimeoutMilliseconds.
    void stop();
    void kill();

    State state() const { return m_state; }
    QemuAccel accel() const { return m_accel; }
    QStringList arguments() const { return m_arguments; }
    qint64 processId() const { return m_process.processId(); } // QEMU's pid while it runs
    QString runtimeDirectoryPath() const;
    // The gdbstub's UNIX socket while a run with RunProfile::gdbStub enabled is alive.
    QString gdbSocketPath() const;
    // QEMU's VNC server (RFB) for RfbClient, from Paused/Running on, with Display::Vnc.
    QString vncSocketPath() const;
    const RunResult &result() const { return m_result; }
    SerialChannel *serial() { return m_serial; }
    QmpClient *qmp() { return m_qmp; }

signals:
    void stateChanged(Keel::QemuRunner::State state);
    void notice(const QString &message); // e.g. "KVM unavailable …; using TCG"
    void finished(const Keel::RunResult &result);

private:
    void launch(const QString &imagePath); // start()'s work; also the restart under TCG
    void setState(State state);
    void setChildSetup(int qmpDescriptor, int serialDescriptor);
    void onStartTimeout();
    void onQmpReady();
    void onSerialData();
    void onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onProcessError(QProcess::ProcessError error);
    void readStderr();
    void noticeKvmFailure();
    bool restartUnderTcg();
    void drainChannels();
    void finish(const RunResult &result);
    void fail(RunResult::Outcome outcome, const QString &message);
    void escalate(int stage);

    RunProfile m_profile;
    QString m_program;
    QemuAccel m_accel = QemuAccel::Tcg;
    QStringList m_arguments;
    State m_state = State::Idle;
    std::unique_ptr<RuntimeDirectory> m_runtimeDirectory;
    QProcess m_process;
    QElapsedTimer m_clock;
    QTimer m_startTimeout; // until QMP answers
    QTimer m_escalation;
    int m_escalationStage = 0;
    SerialChannel *m_serial = nullptr;
    QmpClient *m_qmp = nullptr;
    QString m_shutdownReason;
    bool m_stopRequested = false;
    bool m_rebootActionPending = false;
    bool m_qmpNegotiated = false;   // QEMU answered qmp_capabilities: its main loop runs
    bool m_resumeRequested = false; // resume() was called for this QEMU
    bool m_resumeWhenReady = false; // a paused-start run restarted under TCG after its caller resumed it
    QString m_startFailure;
    QString m_kvmFailure; // set when QEMU reported a KVM internal error during this run
    QString m_imagePath;
    QString m_resolvedProgram;
    QString m_stderr;
    RunResult m_result;
};

} // namespace Keel
