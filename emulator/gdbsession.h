// GdbSession: drives `gdb --interpreter=mi3 -nx -q` attached to QEMU's gdbstub on a UNIX socket.
// Commands are token-tagged; replies come back to the handler given to send(). Stops, console
// output and gdb dying arrive as signals. The blocking helpers (execute(), waitForStop() and the
// inspection calls) spin a local event loop; the CLI's batch mode and the tests use them.
//
//   Keel::GdbSession gdb;
//   connect(&gdb, &Keel::GdbSession::stopped, this, &View::showStop);
//   gdb.start(u"build/debug/hello.elf"_s, runner.gdbSocketPath());      // → connected() or errorOccurred()
//   gdb.insertBreakpoint(u"main"_s);
//   gdb.continueExecution();
#pragma once

#include "gdbtypes.h"
#include "miparser.h"
#include "qmpclient.h"

#include <QPointer>

#include <QHash>
#include <QObject>
#include <QProcess>
#include <QTimer>
#include <functional>
#include <optional>

namespace Keel {

class GdbSession : public QObject
{
    Q_OBJECT

public:
    enum class State { NotStarted, Connecting, Stopped, Running, TargetGone, Finished };
    Q_ENUM(State)
    enum class BreakpointKind { Normal, Temporary };
    enum class Enablement { Enabled, Disabled };

    using ResultHandler = std::function<void(const MiRecord &result)>;
    static constexpr int kDefaultTimeoutMilliseconds = 15000;

    explicit GdbSession(QObject *parent = nullptr);
    ~GdbSession() override;

    void setGdbProgram(const QString &program) { m_program = program; }
    // The run's QMP monitor, for disassembly outside long mode (see disassembleAtPc()).
    void setMonitor(QmpClient *qmp);
    // Starts gdb, sets the architecture to i386:x86-64 before connecting (QEMU's gdbstub starts
    // in 16/32-bit mode and gdb cannot switch to 64-bit later), loads symbols, connects.
    void start(const QString &symbolFile, const QString &gdbSocketPath);
    State state() const { return m_state; }
    QString errorString() const { return m_errorString; }
    const GdbStopEvent &lastStop() const { return m_lastStop; }
    qint64 processId() const { return m_process.processId(); }

    // Sends one MI command; returns its token. handler gets the ^done/^running/^error record
    // (an error record when gdb dies first).
    qint64 send(const QString &command, ResultHandler handler = {});
    std::optional<MiRecord> execute(const QString &command, int timeoutMilliseconds = kDefaultTimeoutMilliseconds);
    std::optional<GdbStopEvent> waitForStop(int timeoutMilliseconds = kDefaultTimeoutMilliseconds);
    bool waitForConnected(int timeoutMilliseconds = kDefaultTimeoutMilliseconds);

    std::optional<GdbBreakpoint> insertBreakpoint(const QString &location, const QString &condition = {},
                                                  BreakpointKind kind = BreakpointKind::Normal);
    // These three return false with errorString() "there is no breakpoint N" for a number gdb
    // does not know (gdb itself only prints a console note and answers ^done).
    bool deleteBreakpoint(int number);
    bool setBreakpointEnabled(int number, Enablement enablement);
    bool setBreakpointCondition(int number, const QString &condition);

    // Run control; the outcome arrives as stopped() (or targetExited()).
    void continueExecution();
    void interrupt();
    void step();
    void next();
    void finish();
    void stepInstruction();
    // Continues to LOCATION through a temporary breakpoint (any frame, like "run to cursor"); a
    // breakpoint met on the way stops first. False when gdb cannot resolve LOCATION.
    bool runToLocation(const QString &location);

    QList<GdbRegister> registers();               // every named register, value and decoded bits
    QList<int> changedRegisters();                // numbers changed since the last stop
    QList<GdbFrame> stack();
    QList<GdbVariable> locals();
    std::optional<QString> evaluate(const QString &expression);
    std::optional<QByteArray> readMemory(const QString &addressExpression, int size);
    QList<GdbDisassemblyLine> disassemble(const QString &startExpression, const QString &endExpression);
    // EFER.LMA: the CPU runs 64-bit code (false at the reset vector and in the 32-bit boot path).
    bool isInLongMode();
    // COUNT instructions from the current pc, decoded in the CPU's current mode: gdb (with source
    // lines) in long mode, else QEMU's monitor `x/Ni $pc` (needs setMonitor()).
    QList<GdbDisassemblyLine> disassembleAtPc(int count);

    // Watch expressions, re-evaluated in the selected frame by watches() (call it after a stop).
    void addWatch(const QString &expression);
    bool removeWatch(const QString &expression);
    QList<GdbWatch> watches();
    bool detach();
    void quit();

signals:
    void connected();
    void stopped(const Keel::GdbStopEvent &event);
    void running();
    void consoleOutput(const QString &text);
    void targetExited(const QString &why);
    void errorOccurred(const QString &message);
    void finished();

private:
    void connectToStub();
    void resume(const QString &command);
    void onReadyRead();
    void handleRecord(const MiRecord &record);
    void handleAsync(const MiRecord &record);
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void failPending(const QString &message);
    void fail(const QString &message);
    bool succeeded(const QString &command);
    bool breakpointExists(int number);
    std::optional<QString> humanMonitorCommand(const QString &commandLine);
    void setState(State state);

    QString m_program = QStringLiteral("gdb");
    QProcess m_process;
    MiParser m_parser;
    qint64 m_nextToken = 1;
    QHash<qint64, ResultHandler> m_pending;
    State m_state = State::NotStarted;
    QString m_errorString;
    QString m_symbolFile;
    QString m_socketPath;
    QTimer m_socketPoll;
    int m_socketPolls = 0;
    QStringList m_registerNames;
    GdbStopEvent m_lastStop;
    bool m_quitRequested = false;
    QPointer<QmpClient> m_monitor;
    QStringList m_watchExpressions;
};

} // namespace Keel
