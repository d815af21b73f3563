// Runs one build of a project in the background for the IDE: builder's prepare step, then its
// asynchronous BuildRunner (ninja in a child process, so the GUI thread stays free), then the
// size report; records the build in the history store. Holds no build logic of its own.
//
//   Keel::Studio::BuildController controller(&history);
//   connect(&controller, &BuildController::finished, …);
//   controller.start("/home/me/hello");
#pragma once

#include "buildrunner.h"
#include "imageflags.h"
#include "sizereport.h"

#include <QObject>
#include <QPointer>
#include <optional>

namespace Keel::Studio {

class HistoryStore;

struct BuildSummary {
    QString projectDir;
    BuildResult result; // diagnostics include the prepare step's
    std::optional<SizeReport> size; // only for successful builds
    QString sizeError; // why there is no size report after a success
    qint64 historyId = 0; // 0 when not recorded
};

class BuildController : public QObject {
    Q_OBJECT
public:
    explicit BuildController(HistoryStore* history, QObject* parent = nullptr);
    ~BuildController() override;

    // False (and nothing starts) when a build is already running.
    bool start(const QString& projectDir, Profile profile = Profile::Debug);
    void cancel();
    bool isRunning() const;

signals:
    void started(const QString& projectDir);
    void progress(int done, int total, const QString& description);
    void outputLine(const QString& line);
    void diagnostic(const Keel::Diagnostic& diagnostic);
    // Ninja is done; the size report and the history record follow, then finished(). A run
    // waiting on an up-to-date image goes on from here.
    void compiled(const Keel::BuildResult& result);
    void finished(const Keel::Studio::BuildSummary& summary);

private:
    void onRunnerFinished(const BuildResult& result);
    void complete(BuildSummary summary);
    qint64 record(const BuildSummary& summary) const;

    HistoryStore* m_history;
    QPointer<BuildRunner> m_runner;
    QString m_projectDir;
    Profile m_profile = Profile::Debug;
    QDateTime m_startedAt;
    Diagnostics m_prepareDiagnostics;
};

} // namespace Keel::Studio

Q_DECLARE_METATYPE(Keel::Studio::BuildSummary)
