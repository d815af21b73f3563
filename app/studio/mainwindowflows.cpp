// MainWindow's flows that reach into builder/: the template gallery and New Project wizard,
// and the Build action. Kept apart from mainwindow.cpp, which only lays the window out.
#include "build/buildcontroller.h"
#include "build/buildpresenter.h"
#include "editor/editortabs.h"
#include "mainwindow.h"
#include "panels/issuespanel.h"
#include "panels/sizechartpanel.h"
#include "studiosettings.h"
#include "welcome/welcomepage.h"
#include "wizard/newprojectwizard.h"

#include "keeltree.h"

#include <QDockWidget>
#include <QStatusBar>

namespace Keel::Studio {

void MainWindow::setupBuild()
{
    m_build = new BuildController(m_history, this);
    m_buildPresenter = new BuildPresenter(m_build,
        {m_output, m_issues, m_editors, m_progress, statusBar(), m_actions->build,
            m_actions->cancelBuild},
        this);
    connect(m_build, &BuildController::finished, this, &MainWindow::updateActions);
    connect(m_buildPresenter, &BuildPresenter::buildFinished, this,
        [this](const BuildSummary& summary) {
            if (summary.size) {
                showSizes(*summary.size);
                if (auto* sizes = findChild<QDockWidget*>(QStringLiteral("imageSizeDock")))
                    sizes->raise();
            }
            // Show the Issues list when there is something in it, the output otherwise.
            const QString dock = m_issues->issues().isEmpty() ? QStringLiteral("buildOutputDock")
                                                              : QStringLiteral("issuesDock");
            if (auto* widget = findChild<QDockWidget*>(dock))
                widget->raise();
        });
}

void MainWindow::showSizes(const SizeReport& report)
{
    QList<FeatureSizeRecord> features;
    for (const FeatureSize& feature : report.features)
        features.append({feature.feature, feature.size});
    m_sizeChart->setSizes(report.imageFileSize, features);
}

void MainWindow::loadTemplates()
{
    QString error;
    const std::optional<KeelTree> tree = KeelTree::locate(&error);
    if (tree)
        m_templates = TemplateCatalog(tree->templatesDir()).templates();
    if (m_templates.isEmpty()) {
        const QString why = tree ? tr("No project templates in %1").arg(tree->templatesDir())
                                 : tr("Cannot find the Keel tree: %1").arg(error);
        m_welcome->setNewProjectUnavailable(why);
        MainWindowActions::markUnavailable(m_actions->newProject, why);
        return;
    }
    QList<TemplateEntry> entries;
    for (const TemplateInfo& templ : std::as_const(m_templates))
        entries.append({templ.name, templ.title, templ.description});
    m_welcome->setTemplates(entries);
}

void MainWindow::newProject(const QString& templateName)
{
    NewProjectWizard wizard(m_templates, StudioSettings::lastProjectParent(), this);
    if (!templateName.isEmpty())
        wizard.selectTemplate(templateName);
    if (wizard.exec() == QDialog::Accepted)
        openProject(wizard.createdProjectDir());
}

void MainWindow::startBuild()
{
    if (m_projectDir.isEmpty() || m_build->isRunning())
        return;
    // Build what the user sees: unsaved edits are saved first (atomically, like any save).
    if (!m_editors->saveAll())
        return;
    m_build->start(m_projectDir);
    updateActions();
}

} // namespace Keel::Studio
