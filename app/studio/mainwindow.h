// Keel Studio's main window. It only wires: project tree, editor tabs, docks, welcome page and
// actions to each other and to the history store; the work happens in those pieces and in
// builder/ and emulator/. mainwindow.cpp holds the layout, mainwindowflows.cpp the
// new-project and build flows.
#pragma once

#include "mainwindowactions.h"

#include "sizereport.h"
#include "templatecatalog.h"

#include <QMainWindow>
#include <memory>

class QDockWidget;
class QLabel;
class QProgressBar;
class QStackedWidget;

namespace Keel::Studio {

class BuildController;
class BuildOutputPanel;
class BuildPresenter;
class EditorTabs;
class FeaturesPanel;
class HistoryPanel;
class HistoryStore;
class IssuesPanel;
class ProjectTree;
class SizeChartPanel;
class WelcomePage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // history may be null (the database could not be opened); recent projects are then off.
    explicit MainWindow(HistoryStore* history, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens the folder holding keel.toml (closing the current project first, asking about
    // unsaved changes). Reports problems to the user and returns false.
    bool openProject(const QString& dir);
    bool closeProject(); // false when the user cancelled
    QString projectDir() const { return m_projectDir; }

    EditorTabs* editorTabs() const { return m_editors; }
    ProjectTree* projectTree() const { return m_tree; }
    WelcomePage* welcomePage() const { return m_welcome; }
    IssuesPanel* issuesPanel() const { return m_issues; }
    BuildOutputPanel* buildOutput() const { return m_output; }
    SizeChartPanel* sizeChart() const { return m_sizeChart; }
    FeaturesPanel* featuresPanel() const { return m_features; }
    HistoryPanel* historyPanel() const { return m_historyPanel; }
    const MainWindowActions& actions() const { return *m_actions; }
    BuildController* buildController() const { return m_build; }
    BuildPresenter* buildPresenter() const { return m_buildPresenter; }
    QList<TemplateInfo> templates() const { return m_templates; }
    bool isShowingWelcome() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    static constexpr QSize kDockMinimumSize {120, 60};
    void setupCentral();
    void setupDocks();
    void setupMenusAndToolBar();
    void setupStatusBar();
    void setupBuild();
    void loadTemplates();
    void loadFeatureRegistry();
    void showLastBuildSizes();
    void showSettings();
    void applyAppearance();
    void connectActions();
    void letDocksShrink();
    void setDefaultSize();
    void restoreLayout();
    void refreshWelcome();
    void updateActions();
    void updateTitle();
    void chooseProject();
    void newProject(const QString& templateName);
    void startBuild();
    void showSizes(const SizeReport& report);
    void chooseFile();
    void askGoToLine();
    void showAbout();
    QDockWidget* addDock(
        const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area);

    HistoryStore* m_history;
    std::unique_ptr<MainWindowActions> m_actions;
    QStackedWidget* m_stack = nullptr;
    WelcomePage* m_welcome = nullptr;
    EditorTabs* m_editors = nullptr;
    ProjectTree* m_tree = nullptr;
    BuildOutputPanel* m_output = nullptr;
    IssuesPanel* m_issues = nullptr;
    SizeChartPanel* m_sizeChart = nullptr;
    FeaturesPanel* m_features = nullptr;
    HistoryPanel* m_historyPanel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_statusProject = nullptr;
    QList<QDockWidget*> m_docks;
    BuildController* m_build = nullptr;
    BuildPresenter* m_buildPresenter = nullptr;
    QList<TemplateInfo> m_templates;
    QString m_projectDir;
};

} // namespace Keel::Studio
