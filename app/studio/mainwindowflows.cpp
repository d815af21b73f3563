// MainWindow's flows that reach into builder/: the template gallery and New Project wizard,
// and the Build action. Kept apart from mainwindow.cpp, which only lays the window out.
#include "build/buildcontroller.h"
#include "build/buildpresenter.h"
#include "editor/editortabs.h"
#include "features/featurespanel.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "panels/historypanel.h"
#include "panels/issuespanel.h"
#include "panels/sizechartpanel.h"
#include "settings/settingsdialog.h"
#include "studiosettings.h"
#include "welcome/welcomepage.h"
#include "wizard/machinepage.h"
#include "wizard/newprojectwizard.h"

#include "keeltree.h"
#include "manifestregistry.h"

#include <QApplication>
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
            m_historyPanel->reload();
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
    m_features->setFeatureSizes(features);
}

// The features panel shows what each feature cost in the last recorded successful build.
void MainWindow::showLastBuildSizes()
{
    if (!m_history)
        return;
    for (const BuildRecord& build : m_history->builds(m_projectDir, 20)) {
        if (build.outcome == BuildOutcome::Succeeded) {
            m_features->setFeatureSizes(build.featureSizes);
            return;
        }
    }
    m_features->setFeatureSizes({});
}

void MainWindow::loadFeatureRegistry()
{
    QString error;
    const std::optional<KeelTree> tree = KeelTree::locate(&error);
    ManifestRegistry registry;
    Diagnostics diagnostics;
    if (tree && !registry.discover(tree->kernelDir(), &diagnostics) && !diagnostics.isEmpty())
        error = diagnostics.first().render();
    m_features->setRegistry(std::move(registry),
        tree && error.isEmpty() ? QString() : tr("Kernel modules unavailable: %1").arg(error));
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        applyAppearance();
}

// Theme and editor font from the settings; editors recolour for the new palette.
void MainWindow::applyAppearance()
{
    Themes::apply(StudioSettings::theme());
    m_editors->applyPalette(QApplication::palette());
}

void MainWindow::loadTemplates()
{
    loadFeatureRegistry();
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
    wizard.machinePage()->setModules(m_features->selection()->registry().modules());
    wizard.machinePage()->setPreferredMachine(StudioSettings::defaultMachine());
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
