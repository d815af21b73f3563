#include "buildpresenter.h"
#include "editor/editortabs.h"
#include "panels/buildoutputpanel.h"

#include <QAction>
#include <QDir>
#include <QLocale>
#include <QProgressBar>
#include <QSet>
#include <QStatusBar>

namespace Keel::Studio {

namespace {

EditorDiagnostic::Kind kindOf(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return EditorDiagnostic::Kind::Error;
    case Severity::Warning:
        return EditorDiagnostic::Kind::Warning;
    case Severity::Note:
        return EditorDiagnostic::Kind::Note;
    }
    return EditorDiagnostic::Kind::Error;
}

QString seconds(qint64 ms)
{
    return QLocale().toString(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
}

} // namespace

BuildPresenter::BuildPresenter(
    BuildController* controller, const BuildViews& views, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
    , m_views(views)
{
    connect(controller, &BuildController::started, this, &BuildPresenter::onStarted);
    connect(controller, &BuildController::progress, this, &BuildPresenter::onProgress);
    connect(controller, &BuildController::outputLine, views.output, &BuildOutputPanel::appendLine);
    connect(controller, &BuildController::finished, this, &BuildPresenter::onFinished);
    connect(views.cancel, &QAction::triggered, controller, &BuildController::cancel);
}

Issue BuildPresenter::issueFrom(const Diagnostic& diagnostic, const QString& projectDir)
{
    Issue issue;
    if (!diagnostic.file.isEmpty())
        issue.file = QDir::cleanPath(QDir(projectDir).absoluteFilePath(diagnostic.file));
    issue.line = diagnostic.line;
    issue.column = diagnostic.column;
    issue.kind = kindOf(diagnostic.severity);
    issue.message = diagnostic.message;
    issue.hint = diagnostic.hint;
    return issue;
}

QString BuildPresenter::resultText(const BuildSummary& summary)
{
    const BuildResult& result = summary.result;
    switch (result.status) {
    case BuildStatus::Ok: {
        if (!summary.size)
            return tr("Build succeeded in %1 (no size report: %2)")
                .arg(seconds(result.durationMs), summary.sizeError);
        return tr("Build succeeded in %1 — image %2")
            .arg(seconds(result.durationMs),
                QLocale().formattedDataSize(qint64(summary.size->imageFileSize)));
    }
    case BuildStatus::Cancelled:
        return tr("Build cancelled");
    case BuildStatus::MissingTool:
        return tr("Build could not start: a tool is missing (see Issues)");
    case BuildStatus::ConfigError:
        return tr("Build stopped: the project configuration has errors (see Issues)");
    case BuildStatus::Failed:
        break;
    }
    return tr("Build failed in %1 (see Issues)").arg(seconds(result.durationMs));
}

void BuildPresenter::onStarted(const QString& projectDir)
{
    m_views.output->clear();
    m_views.output->appendLine(tr("Building %1…").arg(QDir::toNativeSeparators(projectDir)));
    m_views.issues->setIssues({});
    m_views.editors->clearAllDiagnostics();
    m_views.progress->setRange(0, 0); // busy until ninja reports its step count
    m_views.progress->show();
    m_views.build->setEnabled(false);
    m_views.cancel->setEnabled(true);
    m_views.statusBar->showMessage(tr("Building…"));
}

void BuildPresenter::onProgress(int done, int total, const QString& description)
{
    m_views.progress->setRange(0, total);
    m_views.progress->setValue(done);
    m_views.progress->setFormat(QStringLiteral("%1/%2").arg(done).arg(total));
    m_views.statusBar->showMessage(description);
}

void BuildPresenter::onFinished(const BuildSummary& summary)
{
    m_views.progress->hide();
    m_views.build->setEnabled(true);
    m_views.cancel->setEnabled(false);
    showDiagnostics(summary);
    if (summary.size)
        m_views.output->appendLine(summary.size->toTable());
    m_lastResult = resultText(summary);
    m_views.output->appendLine(m_lastResult);
    m_views.statusBar->showMessage(m_lastResult);
    emit buildFinished(summary);
}

void BuildPresenter::showDiagnostics(const BuildSummary& summary)
{
    // The runner can see one problem both in ninja's text and in GCC's JSON; show it once.
    QSet<QString> seen;
    QList<Issue> issues;
    QHash<QString, QList<EditorDiagnostic>> perFile;
    for (const Diagnostic& d : summary.result.diagnostics) {
        const Issue issue = issueFrom(d, summary.projectDir);
        const QString key = QStringLiteral("%1:%2:%3:%4")
                                .arg(issue.file)
                                .arg(issue.line)
                                .arg(issue.column)
                                .arg(issue.message);
        if (seen.contains(key))
            continue;
        seen.insert(key);
        issues.append(issue);
        if (!issue.file.isEmpty() && issue.line > 0)
            perFile[issue.file].append({issue.line, issue.column, issue.kind, issue.message});
    }
    m_views.issues->setIssues(issues);
    for (auto it = perFile.begin(); it != perFile.end(); ++it)
        m_views.editors->setDiagnostics(it.key(), it.value());
}

} // namespace Keel::Studio
