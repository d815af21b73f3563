// Runs ninja for a prepared BuildPlan and reports progress, output and diagnostics.
//
// Synchronous (CLI):
//   Keel::BuildRunner runner(plan);
//   QObject::connect(&runner, &Keel::BuildRunner::progress, …);   // optional
//   Keel::BuildResult result = runner.run();
// Asynchronous (IDE): connect the signals, call start(), wait for finished(result);
// cancel() stops ninja and everything it spawned.
#pragma once

#include "buildplan.h"
#include "diagnostic.h"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QDateTime>

namespace Keel {

enum class BuildStatus { Ok, Failed, MissingTool, Cancelled, ConfigError };

struct BuildResult {
    BuildStatus status = BuildStatus::Failed;
    Diagnostics diagnostics;   // compiler diagnostics and builder errors
    QStringList steps;         // descriptions of the ninja steps that ran ("CXX obj/app/…")
    QStringList compiled;      // objects compiled in this run (relative to buildDir)
    QString imagePath;
    QString unstrippedPath;
    QString mapPath;
    QString isoPath;           // empty without --iso
    qint64 durationMs = 0;

    bool ok() const { return status == BuildStatus::Ok; }
};

class BuildRunner : public QObject
{
    Q_OBJECT
public:
    explicit BuildRunner(const BuildPlan &plan, QObject *parent = nullptr);
    ~BuildRunner() override;

    // Checks g++, ld, ninja, objcopy, nm (and grub-mkrescue, xorriso, mformat for ISOs).
    // Each missing tool becomes an error naming the Debian package to install.
    static Diagnostics checkTools(Iso iso);

    BuildResult run(); // blocks until ninja finishes; signals are still emitted
    void start();
    void cancel();
    bool isRunning() const;

signals:
    void progress(int done, int total, const QString &description);
    void outputLine(const QString &line);
    void diagnostic(const Keel::Diagnostic &diagnostic);
    void finished(const Keel::BuildResult &result);

private:
    bool launch();
    void readOutput();
    void handleLine(const QString &line);
    void finish(int exitCode, QProcess::ExitStatus exitStatus);
    void recordFreshness();

    BuildPlan m_plan;
    QProcess *m_process = nullptr;
    QByteArray m_pending;
    BuildResult m_result;
    QDateTime m_startTime;
    bool m_cancelled = false;
    bool m_done = false;
};

} // namespace Keel
