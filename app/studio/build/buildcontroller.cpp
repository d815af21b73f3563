#include "buildcontroller.h"
#include "history/historystore.h"

#include "builder.h"

#include <QDir>

namespace Keel::Studio {

BuildController::BuildController(HistoryStore* history, QObject* parent)
    : QObject(parent)
    , m_history(history)
{
}

BuildController::~BuildController()
{
    if (m_runner)
        m_runner->cancel();
}

bool BuildController::isRunning() const
{
    return m_runner != nullptr;
}

bool BuildController::start(const QString& projectDir, Profile profile)
{
    if (isRunning())
        return false;
    m_projectDir = QDir(projectDir).absolutePath();
    m_profile = profile;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_prepareDiagnostics.clear();
    emit started(m_projectDir);
    // prepare() only reads keel.toml and the manifests and writes two small files; it takes
    // milliseconds, so it runs here and only ninja runs in the background.
    BuildOptions options;
    options.profile = profile;
    const std::optional<BuildPlan> plan
        = Builder::prepare(m_projectDir, options, &m_prepareDiagnostics);
    for (const Diagnostic& d : std::as_const(m_prepareDiagnostics))
        emit diagnostic(d);
    if (!plan) {
        BuildSummary summary;
        summary.result.status = BuildStatus::ConfigError;
        summary.result.diagnostics = m_prepareDiagnostics;
        summary.result.durationMs = m_startedAt.msecsTo(QDateTime::currentDateTimeUtc());
        complete(summary);
        return true;
    }
    m_runner = new BuildRunner(*plan, this);
    connect(m_runner, &BuildRunner::progress, this, &BuildController::progress);
    connect(m_runner, &BuildRunner::outputLine, this, &BuildController::outputLine);
    connect(m_runner, &BuildRunner::diagnostic, this, &BuildController::diagnostic);
    connect(m_runner, &BuildRunner::finished, this, &BuildController::onRunnerFinished);
    m_runner->start();
    return true;
}

void BuildController::cancel()
{
    if (m_runner)
        m_runner->cancel();
}

void BuildController::onRunnerFinished(const BuildResult& result)
{
    emit compiled(result);
    BuildSummary summary;
    summary.result = result;
    summary.result.diagnostics = m_prepareDiagnostics + result.diagnostics;
    if (result.ok()) {
        summary.size
            = SizeReport::create(result.unstrippedPath, result.mapPath, 10, &summary.sizeError);
    }
    // The runner may still be inside its own finish(); delete it once control returns.
    m_runner->deleteLater();
    m_runner = nullptr;
    complete(summary);
}

void BuildController::complete(BuildSummary summary)
{
    summary.projectDir = m_projectDir;
    summary.historyId = record(summary);
    emit finished(summary);
}

qint64 BuildController::record(const BuildSummary& summary) const
{
    if (!m_history || !m_history->isOpen())
        return 0;
    BuildRecord build;
    build.projectPath = m_projectDir;
    build.startedAt = m_startedAt;
    build.durationMs = summary.result.durationMs;
    build.profile = profileName(m_profile);
    build.outcome = summary.result.ok()                   ? BuildOutcome::Succeeded
        : summary.result.status == BuildStatus::Cancelled ? BuildOutcome::Cancelled
                                                          : BuildOutcome::Failed;
    if (summary.size) {
        build.imageSize = summary.size->imageFileSize;
        for (const FeatureSize& feature : summary.size->features)
            build.featureSizes.append({feature.feature, feature.size});
    }
    return m_history->addBuild(build);
}

} // namespace Keel::Studio
