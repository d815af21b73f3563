#include "runcontroller.h"
#include "build/buildcontroller.h"
#include "history/historystore.h"
#include "runprofilesettings.h"
#include "studiosettings.h"

#include "emulator/panicsymbolizer.h"
#include "projectrunprofile.h"
#include "projectloader.h"

#include <QDir>
#include <QRegularExpression>

namespace Keel::Studio {

namespace {
constexpr qsizetype kSerialTailLimit = 64 * 1024;
}

RunController::RunController(BuildController* build, HistoryStore* history, QObject* parent)
    : QObject(parent)
    , m_build(build)
    , m_history(history)
{
    connect(m_build, &BuildController::finished, this, &RunController::onBuildFinished);
}

RunController::~RunController()
{
    if (m_runner)
        m_runner->kill();
}

bool RunController::start(const QString& projectDir, BootMode mode)
{
    if (isActive() || m_build->isRunning())
        return false;
    m_projectDir = QDir(projectDir).absolutePath();
    m_mode = mode;
    m_waitingForBuild = true;
    setState(State::Building);
    m_build->start(m_projectDir);
    return true;
}

void RunController::restart()
{
    if (m_state == State::Building)
        return;
    if (!m_runner || m_state == State::Idle) {
        start(m_projectDir, m_mode);
        return;
    }
    m_restartPending = true;
    stop();
}

void RunController::stop()
{
    if (m_state == State::Building) {
        m_build->cancel();
        return;
    }
    if (m_runner && m_state != State::Idle) {
        setState(State::Stopping);
        m_runner->stop();
    }
}

void RunController::pause()
{
    if (m_runner)
        m_runner->pause();
}

void RunController::resume()
{
    if (m_runner)
        m_runner->resume();
}

void RunController::reset()
{
    if (m_runner)
        m_runner->reset();
}

std::optional<RunSettings> RunController::runSettings(QString* error, const QString& projectDir) const
{
    Diagnostics diagnostics;
    const std::optional<Project> project
        = ProjectLoader::load(projectDir.isEmpty() ? m_projectDir : projectDir, &diagnostics);
    if (!project) {
        if (error && !diagnostics.isEmpty())
            *error = diagnostics.first().render();
        return std::nullopt;
    }
    return project->run;
}

void RunController::onBuildFinished(const BuildSummary& summary)
{
    if (!m_waitingForBuild)
        return; // a plain Build (Ctrl+B), not ours
    m_waitingForBuild = false;
    if (!summary.result.ok()) {
        setState(State::Idle);
        emit buildFailed(tr("The build failed, so there is nothing to run: see the Issues list."));
        return;
    }
    m_imagePath = summary.result.imagePath;
    m_unstrippedPath = summary.result.unstrippedPath;
    m_buildId = summary.historyId;
    boot();
}

void RunController::boot()
{
    QString error;
    const std::optional<RunSettings> settings = runSettings(&error);
    if (!settings) {
        setState(State::Idle);
        emit buildFailed(tr("Cannot read the [run] settings: %1").arg(error));
        return;
    }
    if (!createMissingDisks(*settings, &error)) {
        setState(State::Idle);
        emit buildFailed(error);
        return;
    }
    m_profile = runProfileFrom(*settings);
    // Every run has a gdbstub (a private UNIX socket, idle until used) so the debugger can
    // attach to it later (F9) without a reboot.
    m_profile.gdbStub = GdbStub::Enabled;
    if (m_mode == BootMode::DebugPaused)
        m_profile.startMode = StartMode::Paused;
    delete m_runner;
    m_runner = new QemuRunner(this);
    if (const QString qemu = StudioSettings::qemuPath(); !qemu.isEmpty())
        m_runner->setQemuProgram(qemu); // else the runner's default, which names the package
    m_runner->setProfile(m_profile);
    m_serialTail.clear();
    m_panicFrames.clear();
    connect(m_runner, &QemuRunner::stateChanged, this, &RunController::onRunnerState);
    connect(m_runner, &QemuRunner::notice, this, &RunController::notice);
    connect(m_runner, &QemuRunner::finished, this, &RunController::onRunnerFinished);
    connect(m_runner->serial(), &SerialChannel::dataReceived, this, &RunController::onSerialData);
    emit runnerCreated(m_runner);
    m_startedAt = QDateTime::currentDateTimeUtc();
    setState(State::Booting);
    m_runner->start(m_imagePath);
}

void RunController::onRunnerState(QemuRunner::State state)
{
    if (m_state == State::Stopping || m_state == State::Idle)
        return;
    if (state == QemuRunner::State::Running)
        setState(State::Running);
    else if (state == QemuRunner::State::Paused)
        setState(State::Paused);
}

void RunController::onSerialData(const QByteArray& bytes)
{
    m_serialTail += QString::fromUtf8(bytes);
    if (m_serialTail.size() > kSerialTailLimit)
        m_serialTail = m_serialTail.right(kSerialTailLimit / 2);
}

void RunController::onRunnerFinished(const RunResult& result)
{
    record(result);
    if (m_serialTail.contains(QLatin1String("KERNEL PANIC")))
        resolvePanic();
    setState(State::Idle);
    emit finished(result);
    if (m_restartPending) {
        m_restartPending = false;
        start(m_projectDir, m_mode);
    }
}

// addr2line's answer, " — main at /p/src/main.cpp:12", names the source of each frame.
void RunController::resolvePanic()
{
    static const QRegularExpression s_location(QStringLiteral(" at (/[^ ]+):(\\d+)"));
    QStringList lines = PanicSymbolizer::annotate(m_serialTail, m_unstrippedPath);
    if (lines.isEmpty()) {
        for (const PanicSymbolizer::Frame& frame : PanicSymbolizer::parseFrames(m_serialTail))
            lines << frame.line;
    }
    for (const QString& text : std::as_const(lines)) {
        PanicFrame frame {text.trimmed(), {}, 0};
        const QRegularExpressionMatch match = s_location.match(text);
        if (match.hasMatch()) {
            frame.file = match.captured(1);
            frame.line = match.captured(2).toInt();
        }
        m_panicFrames << frame;
    }
    emit panicked(m_panicFrames);
}

void RunController::record(const RunResult& result)
{
    if (!m_history || !m_history->isOpen())
        return;
    RunRecord run;
    run.projectPath = m_projectDir;
    run.buildId = m_buildId;
    run.startedAt = m_startedAt;
    run.machine = machineName(m_profile.machine);
    if (result.firstByteNanoseconds >= 0)
        run.bootMs = result.firstByteNanoseconds / 1000000;
    if (result.isGuestStatus())
        run.exitStatus = result.guestStatus;
    run.durationMs = m_startedAt.msecsTo(QDateTime::currentDateTimeUtc());
    m_history->addRun(run);
}

void RunController::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

} // namespace Keel::Studio
