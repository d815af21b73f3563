#include "runcontroller.h"
#include "build/buildcontroller.h"
#include "history/historystore.h"
#include "runprofilesettings.h"
#include "studiosettings.h"

#include "emulator/panicsymbolizer.h"
#include "projectrunprofile.h"
#include "projectloader.h"

#include <QDir>
#include <QFileInfo>
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
    connect(m_build, &BuildController::compiled, this, &RunController::onCompiled);
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
    bootEarly();
    m_build->start(m_projectDir);
    return true;
}

void RunController::bootEarly()
{
    m_bootedEarly = false;
    Diagnostics diagnostics;
    const std::optional<Project> project = ProjectLoader::load(m_projectDir, &diagnostics);
    if (!project)
        return; // the build reports it
    const BuildPlan location = BuildPlan::locationOf(*project, Profile::Debug);
    if (!QFileInfo::exists(location.imagePath()))
        return;
    m_imagePath = location.imagePath();
    m_unstrippedPath = location.unstrippedPath();
    QString error;
    if (!createRunner(project->run, &error))
        return; // boot() reports it after the build
    RunProfile pausedUntilBuilt = m_profile;
    pausedUntilBuilt.startMode = StartMode::Paused;
    m_runner->setProfile(pausedUntilBuilt);
    m_bootedEarly = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_runner->start(m_imagePath);
}

// Stops the early QEMU quietly: it never ran the guest the user asked for.
void RunController::discardRunner()
{
    m_bootedEarly = false;
    if (!m_runner)
        return;
    if (m_runner->state() == QemuRunner::State::Idle || m_runner->state() == QemuRunner::State::Finished) {
        m_runner->deleteLater();
        m_runner = nullptr;
        return;
    }
    m_discarded = m_runner;
    m_runner = nullptr;
    m_discarded->kill();
}

void RunController::onCompiled(const BuildResult& result)
{
    if (!m_waitingForBuild || !m_bootedEarly)
        return;
    const bool alive = m_runner && m_runner->state() != QemuRunner::State::Finished;
    if (!result.ok() || !result.steps.isEmpty() || !alive) {
        discardRunner();
        return;
    }
    // Ninja ran no step: the image QEMU loaded is the one the build would boot now.
    if (m_mode == BootMode::Run)
        m_runner->resume(); // queued by QMP until negotiation if QEMU is still starting
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
        discardRunner();
        setState(State::Idle);
        emit buildFailed(tr("The build failed, so there is nothing to run: see the Issues list."));
        return;
    }
    m_imagePath = summary.result.imagePath;
    m_unstrippedPath = summary.result.unstrippedPath;
    m_buildId = summary.historyId;
    if (m_bootedEarly) {
        m_bootedEarly = false;
        setState(State::Booting);
        onRunnerState(m_runner->state()); // it may be running (or paused for the debugger) already
        return;
    }
    if (m_discarded)
        return; // boot() follows once the early QEMU is gone
    boot();
}

bool RunController::createRunner(const RunSettings& settings, QString* error)
{
    if (!createMissingDisks(settings, error))
        return false;
    m_profile = runProfileFrom(settings);
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
    return true;
}

void RunController::boot()
{
    QString error;
    const std::optional<RunSettings> settings = runSettings(&error);
    if (!settings)
        error = tr("Cannot read the [run] settings: %1").arg(error);
    if (!settings || !createRunner(*settings, &error)) {
        setState(State::Idle);
        emit buildFailed(error);
        return;
    }
    m_startedAt = QDateTime::currentDateTimeUtc();
    setState(State::Booting);
    m_runner->start(m_imagePath);
}

void RunController::onRunnerState(QemuRunner::State state)
{
    if (m_state == State::Stopping || m_state == State::Idle || m_state == State::Building)
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
    if (sender() == m_discarded) {
        m_discarded->deleteLater();
        m_discarded = nullptr;
        if (!m_waitingForBuild && m_state == State::Building)
            boot(); // the build is done and succeeded: boot its new image
        return;
    }
    if (m_state == State::Building)
        return; // the early QEMU ended by itself (it failed to start, say); boot() follows the build
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
