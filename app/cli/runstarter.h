// RunStarter: gets `keel run`'s guest booting as early as it can. When an image from an earlier
// build exists, QEMU starts on it paused first (~25 ms of loading and machine set-up follow). If
// the freshness stamp of that build says nothing it read has changed (a few hundred stat() calls),
// the guest is resumed at once. Otherwise reading the project's modules and the up-to-date check
// (ninja) run beside QEMU's start-up: if ninja has nothing to do the guest is resumed, and if it
// rebuilt anything that QEMU is killed and a fresh one boots the new image. Without an earlier
// image, QEMU starts after the build.
//
//   RunStarter starter(runner, image, prepareBuild, Stream::Err); // runner holds the profile
//   connect(&starter, &RunStarter::started, …);      // the guest boots an up-to-date image
//   connect(&starter, &RunStarter::failed, …);       // the build failed (reported); no QEMU left
//   connect(&starter, &RunStarter::runFinished, …);  // that guest's QEMU ended
//   starter.start();                                 // from the running event loop
#pragma once

#include "buildreporter.h"
#include "emulator/qemurunner.h"

#include <QObject>
#include <functional>
#include <memory>
#include <optional>

namespace Keel::Cli {

class RunStarter : public QObject
{
    Q_OBJECT

public:
    // Configures the project and writes its build files; nullopt after reporting why.
    using PrepareBuild = std::function<std::optional<BuildPlan>()>;

    RunStarter(QemuRunner &runner, const QString &imagePath, PrepareBuild prepareBuild, Stream progress,
               QObject *parent = nullptr);

    // Signals may be emitted before it returns, so call it from the event loop that waits.
    void start();
    // Ctrl+C: while building, cancels the build and kills QEMU (ends in failed()); afterwards,
    // stops the run (ends in runFinished()). A second call kills QEMU without waiting.
    void stop();

signals:
    void started();
    void failed(int exitCode);
    void runFinished(const Keel::RunResult &result);

private:
    enum class Phase { Building, Replacing, Started, Failed };

    void bootImage(StartMode mode);
    void onBuildFinished(const BuildResult &result);
    void onRunnerFinished(const RunResult &result);
    void beginRun();
    void fail(int exitCode);
    bool qemuIsAlive() const;

    QemuRunner &m_runner;
    QString m_imagePath;
    PrepareBuild m_prepareBuild;
    std::unique_ptr<BuildRunner> m_build;
    BuildReport m_report;
    StartMode m_requestedMode;
    Phase m_phase = Phase::Building;
    bool m_stopRequested = false;
    int m_failure = kExitOk; // the exit code failed() carries once QEMU is gone
};

} // namespace Keel::Cli
