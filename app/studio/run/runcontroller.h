// One Run (F5) or debug boot of the open project, without widgets: builds through the IDE's
// BuildController (a no-op ninja when nothing changed), reads keel.toml's [run] table, boots the
// image with a fresh QemuRunner, watches the serial stream for a kernel panic and resolves its
// stack trace, and records the run in the history store.
// When an image from an earlier build exists, QEMU starts on it paused while the build checks
// it (QEMU's start-up is the longest step); an up-to-date verdict resumes that guest, a rebuilt
// image replaces it with a fresh QEMU, a failed build stops it. `keel run` does the same.
//
//   auto* run = new Keel::Studio::RunController(buildController, history, this);
//   connect(run, &RunController::runnerCreated, view, &View::attach);
//   run->start("/home/me/hello");
#pragma once

#include "project.h"
#include "emulator/qemurunner.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <optional>

namespace Keel {
struct BuildResult;
}

namespace Keel::Studio {

class BuildController;
class HistoryStore;
struct BuildSummary;

enum class BootMode { Run, DebugPaused };

// One frame of a guest panic's stack trace, resolved to source where addr2line knew it.
struct PanicFrame {
    QString text; // the line as shown
    QString file; // empty when unknown
    int line = 0;
};

class RunController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Building, Booting, Running, Paused, Stopping };
    Q_ENUM(State)

    RunController(BuildController* build, HistoryStore* history, QObject* parent = nullptr);
    ~RunController() override;

    // Builds, then boots. False when a run or build is already in progress.
    bool start(const QString& projectDir, BootMode mode = BootMode::Run);
    // Stops the current run (if any), rebuilds and boots again in the same mode.
    void restart();
    void stop();
    void pause();
    void resume();
    void reset();

    // keel.toml's [run] of projectDir (the current project when empty).
    std::optional<RunSettings> runSettings(QString* error = nullptr, const QString& projectDir = {}) const;

    State state() const { return m_state; }
    bool isActive() const { return m_state != State::Idle; }
    BootMode mode() const { return m_mode; }
    QemuRunner* runner() const { return m_runner; }
    QString projectDir() const { return m_projectDir; }
    QString imagePath() const { return m_imagePath; }
    QString symbolFile() const { return m_unstrippedPath; }
    const RunProfile& profile() const { return m_profile; }
    QList<PanicFrame> panicFrames() const { return m_panicFrames; }

signals:
    void stateChanged(Keel::Studio::RunController::State state);
    void runnerCreated(Keel::QemuRunner* runner); // before it starts: connect views here
    void buildFailed(const QString& message);
    void notice(const QString& message);
    void panicked(const QList<Keel::Studio::PanicFrame>& frames);
    void finished(const Keel::RunResult& result);

private:
    void onCompiled(const BuildResult& result);
    void onBuildFinished(const BuildSummary& summary);
    void bootEarly();
    bool createRunner(const RunSettings& settings, QString* error);
    void discardRunner();
    void boot();
    void onRunnerState(QemuRunner::State state);
    void onSerialData(const QByteArray& bytes);
    void onRunnerFinished(const RunResult& result);
    void resolvePanic();
    void record(const RunResult& result);
    void setState(State state);

    BuildController* m_build;
    HistoryStore* m_history;
    QPointer<QemuRunner> m_runner;
    State m_state = State::Idle;
    BootMode m_mode = BootMode::Run;
    bool m_waitingForBuild = false;
    bool m_restartPending = false;
    bool m_bootedEarly = false; // m_runner started paused on the last build's image
    QPointer<QemuRunner> m_discarded; // an early QEMU being stopped; its end is not a run
    QString m_projectDir;
    QString m_imagePath;
    QString m_unstrippedPath;
    qint64 m_buildId = 0;
    RunProfile m_profile;
    QDateTime m_startedAt;
    QString m_serialTail; // for panic detection, bounded
    QList<PanicFrame> m_panicFrames;
};

} // namespace Keel::Studio
