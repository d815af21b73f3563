#include "runstarter.h"

#include "freshnessstamp.h"

#include <QFileInfo>

namespace Keel::Cli {

RunStarter::RunStarter(QemuRunner &runner, const QString &imagePath, PrepareBuild prepareBuild, Stream progress,
                       QObject *parent)
    : QObject(parent)
    , m_runner(runner)
    , m_imagePath(imagePath)
    , m_prepareBuild(std::move(prepareBuild))
    , m_report(progress)
    , m_requestedMode(runner.profile().startMode)
{
    connect(&m_runner, &QemuRunner::finished, this, &RunStarter::onRunnerFinished);
}

void RunStarter::start()
{
    // QEMU first: its start-up is the longest step, and it waits paused for the verdict.
    if (QFileInfo::exists(m_imagePath))
        bootImage(StartMode::Paused);
    // Nothing the last build read has changed (BuildPlan::imagePath() is <buildDir>/<name>.elf):
    // the `cont` reaches QEMU long before its machine is set up.
    if (qemuIsAlive() && FreshnessStamp::isFresh(QFileInfo(m_imagePath).path()))
        return beginRun();
    const std::optional<BuildPlan> plan = m_prepareBuild();
    if (!plan)
        return fail(kExitError);
    m_build = std::make_unique<BuildRunner>(*plan);
    m_report.watch(*m_build);
    connect(m_build.get(), &BuildRunner::finished, this, &RunStarter::onBuildFinished);
    m_build->start();
}

void RunStarter::bootImage(StartMode mode)
{
    RunProfile profile = m_runner.profile();
    profile.startMode = mode;
    m_runner.setProfile(profile);
    m_runner.start(m_imagePath);
}

bool RunStarter::qemuIsAlive() const
{
    return m_runner.state() != QemuRunner::State::Idle && m_runner.state() != QemuRunner::State::Finished;
}

void RunStarter::stop()
{
    if (m_phase == Phase::Started) {
        if (m_stopRequested)
            return m_runner.kill(); // a second Ctrl+C: do not wait for QEMU's orderly quit
        m_stopRequested = true;
        return m_runner.stop();
    }
    m_stopRequested = true;
    if (m_build)
        m_build->cancel();
    m_runner.kill();
}

void RunStarter::fail(int exitCode)
{
    m_phase = Phase::Failed;
    m_failure = exitCode;
    if (!qemuIsAlive())
        return emit failed(m_failure);
    m_runner.kill(); // failed() follows from onRunnerFinished
}

void RunStarter::onBuildFinished(const BuildResult &result)
{
    m_report.finish(result);
    if (m_stopRequested || !result.ok())
        return fail(result.ok() ? kExitError : BuildReporter::exitCode(result));
    // Ninja ran no step: the image QEMU loaded is the one it would build now.
    if (qemuIsAlive() && result.steps.isEmpty())
        return beginRun();
    if (qemuIsAlive()) {
        m_phase = Phase::Replacing;
        return m_runner.kill(); // the fresh QEMU starts from onRunnerFinished
    }
    m_phase = Phase::Started;
    emit started();
    bootImage(m_requestedMode);
}

void RunStarter::beginRun()
{
    m_phase = Phase::Started;
    emit started();
    if (m_requestedMode == StartMode::Running)
        m_runner.resume(); // queued by QMP until negotiation if QEMU is still starting
}

void RunStarter::onRunnerFinished(const RunResult &result)
{
    switch (m_phase) {
    case Phase::Started:
        return emit runFinished(result);
    case Phase::Failed:
        return emit failed(m_failure);
    case Phase::Replacing:
        if (m_stopRequested)
            return fail(kExitError);
        m_phase = Phase::Started;
        emit started();
        return bootImage(m_requestedMode);
    case Phase::Building:
        // The QEMU started on the earlier image ended on its own (it failed to start, say);
        // once the build is done, a fresh one boots and reports whatever happens then.
        return;
    }
}

} // namespace Keel::Cli
