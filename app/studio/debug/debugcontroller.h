// One debug session, without widgets: boots the project paused with QEMU's gdbstub through the
// RunController (or takes the paused debug boot it already holds), attaches a GdbSession, keeps
// gdb's breakpoints equal to the editor's (file:line, enabled, condition), runs the program and
// reports stops. The inspection after a stop is gdb's (GdbSession); this class only sequences it.
//
//   auto* debug = new Keel::Studio::DebugController(runController, this);
//   debug->setBreakpoints({{"/p/src/main.cpp", 9, true, {}}});
//   debug->start("/p");                   // → attached(), then stopped() at the breakpoint
#pragma once

#include "emulator/gdbsession.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Keel::Studio {

class RunController;

struct SourceBreakpoint {
    QString file; // absolute
    int line = 0; // 1-based
    bool enabled = true;
    QString condition;

    QString location() const { return file + u':' + QString::number(line); }
    bool operator==(const SourceBreakpoint&) const = default;
};

class DebugController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Booting, Attaching, Running, Stopped };
    Q_ENUM(State)

    explicit DebugController(RunController* run, QObject* parent = nullptr);
    ~DebugController() override;

    // Builds and boots paused (or attaches to the run already going: every run has a gdbstub),
    // inserts the breakpoints and continues. False (lastError() says why) when it cannot.
    bool start(const QString& projectDir);
    void detach(); // gdb lets go; the VM runs on
    void stop(); // ends the session and the VM

    void setBreakpoints(const QList<SourceBreakpoint>& breakpoints);
    QList<SourceBreakpoint> breakpoints() const { return m_wanted; }
    // gdb's number for a breakpoint, 0 when it is not inserted (yet, or gdb cannot place it).
    int gdbNumber(const SourceBreakpoint& breakpoint) const;
    QHash<QString, int> gdbNumbers() const { return m_numbers; }

    void continueExecution();
    void pause();
    void stepOver();
    void stepInto();
    void stepOut();
    void stepInstruction();
    bool runToLine(const QString& file, int line);
    bool selectFrame(int level); // for Locals/Watch; the stack view's click

    State state() const { return m_state; }
    bool isActive() const { return m_state != State::Idle; }
    GdbSession* gdb() const { return m_gdb; }
    QString lastError() const { return m_lastError; }

signals:
    void stateChanged(Keel::Studio::DebugController::State state);
    void stopped(const Keel::GdbStopEvent& event);
    void message(const QString& text);
    void ended(const QString& why);

private:
    void onRunState();
    void attach();
    void onConnected();
    void onStopped(const GdbStopEvent& event);
    void syncBreakpoints();
    void end(const QString& why);
    void resume(void (GdbSession::*command)());
    void setState(State state);

    RunController* m_run;
    QPointer<GdbSession> m_gdb;
    State m_state = State::Idle;
    QList<SourceBreakpoint> m_wanted;
    QHash<QString, SourceBreakpoint> m_inserted; // by location, what gdb has
    QHash<QString, int> m_numbers; // location → gdb number
    bool m_continueAfterSync = false;
    QString m_lastError;
};

} // namespace Keel::Studio
