#include "debugcontroller.h"
#include "run/runcontroller.h"
#include "studiosettings.h"

#include <QTimer>

namespace Keel::Studio {

DebugController::DebugController(RunController* run, QObject* parent)
    : QObject(parent)
    , m_run(run)
{
    connect(m_run, &RunController::stateChanged, this, &DebugController::onRunState);
}

DebugController::~DebugController()
{
    if (m_gdb)
        m_gdb->quit();
}

bool DebugController::start(const QString& projectDir)
{
    if (isActive())
        return false;
    m_lastError.clear();
    if (m_run->isActive()) {
        // Every run has a gdbstub: attach to it, running or paused.
        QemuRunner* runner = m_run->runner();
        const bool live = m_run->state() == RunController::State::Running
            || m_run->state() == RunController::State::Paused;
        if (!live || !runner || runner->gdbSocketPath().isEmpty()) {
            m_lastError = tr("The run is still building or booting: try again in a moment.");
            return false;
        }
        attach();
        return true;
    }
    if (!m_run->start(projectDir, BootMode::DebugPaused)) {
        m_lastError = tr("Cannot start a debug boot now (is a build running?).");
        return false;
    }
    setState(State::Booting);
    return true;
}

void DebugController::onRunState()
{
    const RunController::State state = m_run->state();
    if (m_state == State::Booting && state == RunController::State::Paused)
        attach();
    else if (m_state != State::Idle && state == RunController::State::Idle)
        end(tr("The VM stopped; the debug session ended."));
}

void DebugController::attach()
{
    QemuRunner* runner = m_run->runner();
    setState(State::Attaching);
    m_gdb = new GdbSession(this);
    if (const QString gdb = StudioSettings::gdbPath(); !gdb.isEmpty())
        m_gdb->setGdbProgram(gdb);
    m_gdb->setMonitor(runner->qmp());
    // gdb's signals come from inside its reply handling; the work they start waits for more
    // replies, so it runs after that handling has returned.
    connect(m_gdb, &GdbSession::connected, this, &DebugController::onConnected, Qt::QueuedConnection);
    connect(m_gdb, &GdbSession::stopped, this, [this](const GdbStopEvent& event) {
        QTimer::singleShot(0, this, [this, event] { onStopped(event); });
    });
    connect(m_gdb, &GdbSession::running, this, [this] { setState(State::Running); });
    connect(m_gdb, &GdbSession::targetExited, this, &DebugController::end);
    connect(m_gdb, &GdbSession::errorOccurred, this, [this](const QString& error) {
        m_lastError = error;
        emit message(error);
        if (m_state == State::Attaching)
            end(error);
    });
    connect(m_gdb, &GdbSession::finished, this, [this] { end(tr("gdb ended.")); });
    m_gdb->start(m_run->symbolFile(), runner->gdbSocketPath());
}

void DebugController::onConnected()
{
    if (!m_gdb)
        return;
    setState(State::Stopped);
    syncBreakpoints();
    resume(&GdbSession::continueExecution);
}

void DebugController::onStopped(const GdbStopEvent& event)
{
    if (!m_gdb)
        return; // the session ended while this stop was queued
    setState(State::Stopped);
    if (m_continueAfterSync) {
        m_continueAfterSync = false;
        syncBreakpoints();
        // An interrupt only to change breakpoints is not a stop the user asked for.
        if (event.reason.isEmpty() || event.reason == u"signal-received") {
            resume(&GdbSession::continueExecution);
            return;
        }
    }
    emit stopped(event);
}

void DebugController::setBreakpoints(const QList<SourceBreakpoint>& breakpoints)
{
    m_wanted = breakpoints;
    if (m_state == State::Stopped) {
        syncBreakpoints();
    } else if (m_state == State::Running && !m_continueAfterSync) {
        // gdb changes breakpoints only while the target is stopped: stop, change, go on.
        m_continueAfterSync = true;
        m_gdb->interrupt();
    }
}

int DebugController::gdbNumber(const SourceBreakpoint& breakpoint) const
{
    return m_numbers.value(breakpoint.location());
}

void DebugController::syncBreakpoints()
{
    if (!m_gdb || m_gdb->state() != GdbSession::State::Stopped)
        return;
    QHash<QString, SourceBreakpoint> wanted;
    for (const SourceBreakpoint& breakpoint : std::as_const(m_wanted))
        wanted.insert(breakpoint.location(), breakpoint);
    for (const QString& location : m_inserted.keys()) {
        if (!wanted.contains(location)) {
            m_gdb->deleteBreakpoint(m_numbers.take(location));
            m_inserted.remove(location);
        }
    }
    for (const SourceBreakpoint& breakpoint : std::as_const(wanted)) {
        const QString location = breakpoint.location();
        if (!m_inserted.contains(location)) {
            const auto inserted = m_gdb->insertBreakpoint(location, breakpoint.condition);
            if (!inserted) {
                emit message(tr("Cannot set a breakpoint at %1: %2").arg(location, m_gdb->errorString()));
                continue;
            }
            m_numbers.insert(location, inserted->number);
            m_inserted.insert(location, {breakpoint.file, breakpoint.line, true, breakpoint.condition});
        }
        SourceBreakpoint& current = m_inserted[location];
        const int number = m_numbers.value(location);
        if (current.enabled != breakpoint.enabled)
            m_gdb->setBreakpointEnabled(number,
                breakpoint.enabled ? GdbSession::Enablement::Enabled : GdbSession::Enablement::Disabled);
        if (current.condition != breakpoint.condition)
            m_gdb->setBreakpointCondition(number, breakpoint.condition);
        current = breakpoint;
    }
}

void DebugController::resume(void (GdbSession::*command)())
{
    if (!m_gdb || m_state != State::Stopped)
        return;
    (m_gdb->*command)();
    setState(State::Running);
}

void DebugController::continueExecution() { resume(&GdbSession::continueExecution); }
void DebugController::stepOver() { resume(&GdbSession::next); }
void DebugController::stepInto() { resume(&GdbSession::step); }
void DebugController::stepOut() { resume(&GdbSession::finish); }
void DebugController::stepInstruction() { resume(&GdbSession::stepInstruction); }

void DebugController::pause()
{
    if (m_gdb && m_state == State::Running)
        m_gdb->interrupt();
}

bool DebugController::runToLine(const QString& file, int line)
{
    if (!m_gdb || m_state != State::Stopped)
        return false;
    if (!m_gdb->runToLocation(file + u':' + QString::number(line))) {
        emit message(tr("Cannot run to %1:%2: %3").arg(file).arg(line).arg(m_gdb->errorString()));
        return false;
    }
    setState(State::Running);
    return true;
}

bool DebugController::selectFrame(int level)
{
    if (!m_gdb || m_state != State::Stopped)
        return false;
    const auto result = m_gdb->execute(QStringLiteral("-stack-select-frame %1").arg(level));
    return result && result->className == u"done";
}

void DebugController::detach()
{
    if (!m_gdb)
        return;
    if (m_state == State::Running) {
        m_gdb->interrupt();
        m_gdb->waitForStop(3000);
    }
    m_gdb->detach();
    end(tr("Detached: the VM runs on without the debugger."));
}

void DebugController::stop()
{
    if (!isActive())
        return;
    m_run->stop(); // QEMU quits; gdb then loses its connection and end() follows
    end(tr("Stopped the VM."));
}

void DebugController::end(const QString& why)
{
    if (m_state == State::Idle)
        return;
    m_continueAfterSync = false;
    m_inserted.clear();
    m_numbers.clear();
    if (m_gdb) {
        disconnect(m_gdb, nullptr, this, nullptr);
        m_gdb->quit();
        m_gdb->deleteLater();
        m_gdb = nullptr;
    }
    setState(State::Idle);
    emit ended(why);
}

void DebugController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace Keel::Studio
