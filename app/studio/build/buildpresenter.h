// Shows a BuildController's work in the main window: progress bar and Cancel, Build Output
// lines, the Issues list, diagnostics as editor annotations, and a one-line result with the
// image size in the status bar. Owns no build logic; it maps builder types to views.
#pragma once

#include "buildcontroller.h"
#include "panels/issuespanel.h"

#include <QObject>

class QAction;
class QProgressBar;
class QStatusBar;

namespace Keel::Studio {

class BuildOutputPanel;
class EditorTabs;

struct BuildViews {
    BuildOutputPanel* output;
    IssuesPanel* issues;
    EditorTabs* editors;
    QProgressBar* progress;
    QStatusBar* statusBar;
    QAction* build;
    QAction* cancel;
};

class BuildPresenter : public QObject {
    Q_OBJECT
public:
    BuildPresenter(BuildController* controller, const BuildViews& views, QObject* parent = nullptr);

    // Maps a builder diagnostic to an Issues row; relative paths are taken from projectDir.
    static Issue issueFrom(const Diagnostic& diagnostic, const QString& projectDir);
    static QString resultText(const BuildSummary& summary);

    QString lastResultText() const { return m_lastResult; }

signals:
    void buildFinished(const Keel::Studio::BuildSummary& summary);

private:
    void onStarted(const QString& projectDir);
    void onProgress(int done, int total, const QString& description);
    void onFinished(const BuildSummary& summary);
    void showDiagnostics(const BuildSummary& summary);

    BuildController* m_controller;
    BuildViews m_views;
    QString m_lastResult;
};

} // namespace Keel::Studio
