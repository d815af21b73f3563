#include "mainwindow.h"
#include "build/buildcontroller.h"
#include "deploypanel.h"
#include "debug/debugworkspace.h"
#include "editor/editortabs.h"
#include "features/featurespanel.h"
#include "history/historystore.h"
#include "panels/buildoutputpanel.h"
#include "panels/historypanel.h"
#include "panels/issuespanel.h"
#include "panels/sizechartpanel.h"
#include "projecttree.h"
#include "run/runworkspace.h"
#include "studiosettings.h"
#include "welcome/welcomepage.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>

// The icon lives in a static library, whose resource initialiser the linker may drop;
// Q_INIT_RESOURCE must be called outside any namespace.
static void initStudioResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace Keel::Studio {

MainWindow::MainWindow(HistoryStore* history, QWidget* parent)
    : QMainWindow(parent)
    , m_history(history)
    , m_actions(std::make_unique<MainWindowActions>(this))
{
    initStudioResources();
    setObjectName(QStringLiteral("KeelStudioMainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/keel-studio.svg")));
    setDockNestingEnabled(true);
    setupCentral();
    setupDocks();
    setupMenusAndToolBar();
    connectActions();
    setupStatusBar();
    setupBuild();
    loadTemplates();
    new DebugWorkspace(this, new RunWorkspace(this, m_history)); // Run (F5), Debug (F9), docks
    letDocksShrink();
    refreshWelcome();
    updateActions();
    updateTitle();
    setDefaultSize();
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::setupCentral()
{
    m_stack = new QStackedWidget(this);
    m_welcome = new WelcomePage(m_stack);
    m_editors = new EditorTabs(m_stack);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_editors);
    setCentralWidget(m_stack);
    connect(m_welcome, &WelcomePage::openProjectRequested, this, &MainWindow::openProject);
    connect(m_welcome, &WelcomePage::openProjectDialogRequested, this, &MainWindow::chooseProject);
    connect(m_welcome, &WelcomePage::newProjectRequested, this, &MainWindow::newProject);
    connect(m_editors, &EditorTabs::currentEditorChanged, this, &MainWindow::updateActions);
    connect(m_editors, &EditorTabs::modificationChanged, this, &MainWindow::updateActions);
    connect(m_editors, &EditorTabs::modificationChanged, this, &MainWindow::updateTitle);
}

QDockWidget* MainWindow::addDock(
    const QString& title, const QString& objectName, QWidget* widget, Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName); // saveState() identifies docks by object name
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::setupDocks()
{
    m_tree = new ProjectTree(this);
    m_output = new BuildOutputPanel(this);
    m_issues = new IssuesPanel(this);
    m_sizeChart = new SizeChartPanel(this);
    m_features = new FeaturesPanel(this);
    m_historyPanel = new HistoryPanel(m_history, this);
    addDock(tr("Project"), QStringLiteral("projectDock"), m_tree, Qt::LeftDockWidgetArea);
    QDockWidget* output = addDock(
        tr("Build Output"), QStringLiteral("buildOutputDock"), m_output, Qt::BottomDockWidgetArea);
    QDockWidget* issues
        = addDock(tr("Issues"), QStringLiteral("issuesDock"), m_issues, Qt::BottomDockWidgetArea);
    QDockWidget* features = addDock(
        tr("Kernel Features"), QStringLiteral("featuresDock"), m_features, Qt::RightDockWidgetArea);
    QDockWidget* history = addDock(
        tr("History"), QStringLiteral("historyDock"), m_historyPanel, Qt::RightDockWidgetArea);
    // The Image Size chart existed without a dock of its own; it joins the right-hand tabs.
    QDockWidget* sizes = addDock(
        tr("Image Size"), QStringLiteral("imageSizeDock"), m_sizeChart, Qt::RightDockWidgetArea);
    tabifyDockWidget(features, history);
    tabifyDockWidget(history, sizes);
    features->raise();
    // The features panel rewrote keel.toml: an open editor tab of it shows the new text.
    connect(m_features, &FeaturesPanel::tomlWritten, m_editors, &EditorTabs::reloadFromDisk);
    connect(m_editors, &EditorTabs::fileSaved, this, [this](const QString& path) {
        if (path == m_projectDir + QStringLiteral("/keel.toml"))
            m_features->setProject(path);
    });
    QDockWidget* deploy = addDock(tr("Deploy"), QStringLiteral("deployDock"),
        new DeployPanel([this] { return projectDir(); }, this), Qt::BottomDockWidgetArea);
    // Bottom panels share one tab strip; stacked, their minimum heights outgrow small screens.
    tabifyDockWidget(output, issues);
    tabifyDockWidget(issues, deploy);
    output->raise();
    connect(m_tree, &ProjectTree::fileActivated, this,
        [this](const QString& path) { m_editors->openFile(path); });
    connect(m_issues, &IssuesPanel::issueActivated, this,
        [this](const QString& file, int line, int) { m_editors->openFile(file, line); });
}

void MainWindow::setupStatusBar()
{
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(200);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_statusProject = new QLabel(this);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_statusProject);
}

void MainWindow::setupMenusAndToolBar()
{
    QToolBar* bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    m_actions->populate(menuBar(), bar, m_docks);
}

void MainWindow::connectActions()
{
    const MainWindowActions& a = *m_actions;
    connect(a.newProject, &QAction::triggered, this, [this] { newProject({}); });
    connect(a.openProject, &QAction::triggered, this, &MainWindow::chooseProject);
    connect(a.build, &QAction::triggered, this, &MainWindow::startBuild);
    connect(a.openFile, &QAction::triggered, this, &MainWindow::chooseFile);
    connect(a.save, &QAction::triggered, m_editors, &EditorTabs::saveCurrent);
    connect(a.saveAll, &QAction::triggered, m_editors, &EditorTabs::saveAll);
    connect(a.revert, &QAction::triggered, m_editors, &EditorTabs::revertCurrent);
    connect(a.closeTab, &QAction::triggered, this,
        [this] { m_editors->closeEditor(m_editors->currentEditor()); });
    connect(a.closeProject, &QAction::triggered, this, &MainWindow::closeProject);
    connect(a.quit, &QAction::triggered, this, &QWidget::close);
    connect(a.undo, &QAction::triggered, this, [this] {
        if (auto* editor = m_editors->currentEditor())
            editor->undo();
    });
    connect(a.redo, &QAction::triggered, this, [this] {
        if (auto* editor = m_editors->currentEditor())
            editor->redo();
    });
    connect(a.find, &QAction::triggered, m_editors, &EditorTabs::showFind);
    connect(a.goToLine, &QAction::triggered, this, &MainWindow::askGoToLine);
    connect(a.about, &QAction::triggered, this, &MainWindow::showAbout);
    connect(a.settings, &QAction::triggered, this, &MainWindow::showSettings);
}

void MainWindow::letDocksShrink()
{
    // A panel's size hint (a chart, the emulator's tabs) is what it would like, not what it
    // needs; taken as a minimum, a dozen docks made the window taller than a laptop screen.
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        dock->widget()->setMinimumSize(kDockMinimumSize);
}

void MainWindow::setDefaultSize()
{
    // Each tabifyDockWidget() (here and in the workspaces) activated the layout, which stamped
    // the window's minimum size from that moment: every debugger dock still shown at its size
    // hint, 1132 px tall. Hiding them and letting docks shrink only posts a relayout for the
    // event loop, so without this resize() would be clamped to that stale minimum.
    layout()->activate();
    resize(1280, 800);
    // Dock sizes are shares of the laid-out window; set before it has its size, they collapse
    // to the docks' minimum (120 px wide side panels).
    layout()->activate();
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("projectDock")),
                    findChild<QDockWidget*>(QStringLiteral("featuresDock"))},
        {240, 380}, Qt::Horizontal);
    resizeDocks({findChild<QDockWidget*>(QStringLiteral("buildOutputDock"))}, {220}, Qt::Vertical);
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = StudioSettings::windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = StudioSettings::windowState();
    if (!state.isEmpty())
        restoreState(state);
}

bool MainWindow::isShowingWelcome() const
{
    return m_stack->currentWidget() == m_welcome;
}

void MainWindow::refreshWelcome()
{
    m_welcome->setRecentProjects(
        m_history && m_history->isOpen() ? m_history->recentProjects() : QList<RecentProject>());
}

bool MainWindow::openProject(const QString& dir)
{
    const QString root = QDir(dir).absolutePath();
    if (!QFileInfo::exists(root + QStringLiteral("/keel.toml"))) {
        m_editors->prompt()->showError(
            tr("%1: no keel.toml here, so this is not a Keel project.\nPick the folder that "
               "holds keel.toml, or create a project with File ▸ New Project (or `keel new`).")
                .arg(QDir::toNativeSeparators(root)));
        return false;
    }
    if (!closeProject())
        return false;
    m_projectDir = root;
    m_tree->setProjectDir(root);
    m_editors->setProjectDir(root);
    m_stack->setCurrentWidget(m_editors);
    if (m_history)
        m_history->touchProject(root, QFileInfo(root).fileName());
    m_features->setProject(root + QStringLiteral("/keel.toml"));
    m_historyPanel->setProject(root);
    showLastBuildSizes();
    StudioSettings::setLastProjectParent(QFileInfo(root).absolutePath());
    const QString mainSource = root + QStringLiteral("/src/main.cpp");
    m_editors->openFile(
        QFileInfo::exists(mainSource) ? mainSource : root + QStringLiteral("/keel.toml"));
    updateActions();
    updateTitle();
    return true;
}

bool MainWindow::closeProject()
{
    if (!m_editors->closeAll())
        return false;
    m_build->cancel();
    m_projectDir.clear();
    m_tree->setProjectDir({});
    m_editors->setProjectDir({});
    m_issues->setIssues({});
    m_output->clear();
    m_sizeChart->clear();
    m_features->setProject({});
    m_features->setFeatureSizes({});
    m_historyPanel->setProject({});
    refreshWelcome();
    m_stack->setCurrentWidget(m_welcome);
    updateActions();
    updateTitle();
    return true;
}

void MainWindow::updateActions()
{
    const MainWindowActions& a = *m_actions;
    CodeEditor* editor = m_editors->currentEditor();
    const bool hasEditor = editor != nullptr;
    for (QAction* action : {a.save, a.revert, a.closeTab, a.undo, a.redo, a.find, a.goToLine})
        action->setEnabled(hasEditor);
    a.saveAll->setEnabled(m_editors->hasUnsavedChanges());
    a.closeProject->setEnabled(!m_projectDir.isEmpty());
    a.build->setEnabled(!m_projectDir.isEmpty() && !m_build->isRunning());
    a.openFile->setEnabled(!m_projectDir.isEmpty());
    m_statusProject->setText(
        m_projectDir.isEmpty() ? tr("No project") : QDir::toNativeSeparators(m_projectDir));
}

void MainWindow::updateTitle()
{
    // "[*]" is where Qt shows the unsaved-changes mark; without it setWindowModified() is ignored.
    QString title = tr("Keel Studio");
    if (!m_projectDir.isEmpty())
        title = QFileInfo(m_projectDir).fileName() + QStringLiteral("[*] — ") + title;
    setWindowTitle(title);
    setWindowModified(m_editors->hasUnsavedChanges());
}

void MainWindow::chooseProject()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open Keel Project"), StudioSettings::lastProjectParent());
    if (!dir.isEmpty())
        openProject(dir);
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open File"), m_projectDir);
    if (!path.isEmpty())
        m_editors->openFile(path);
}

void MainWindow::askGoToLine()
{
    CodeEditor* editor = m_editors->currentEditor();
    if (!editor)
        return;
    bool ok = false;
    const int line
        = QInputDialog::getInt(this, tr("Go to Line"), tr("Line (1–%1):").arg(editor->lines()),
            editor->currentLineNumber(), 1, editor->lines(), 1, &ok);
    if (ok)
        editor->goToLine(line);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About Keel Studio"),
        tr("<b>Keel Studio %1</b><p>Build a C++ app and the kernel features it needs into one "
           "bootable pico VM, boot it in QEMU and debug it.</p>")
            .arg(QCoreApplication::applicationVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!m_editors->closeAll()) {
        event->ignore();
        return;
    }
    m_build->cancel();
    StudioSettings::setWindowLayout(saveGeometry(), saveState());
    event->accept();
}

void MainWindow::changeEvent(QEvent* event)
{
    // The system switched between light and dark: recolour the editors to match.
    if (event->type() == QEvent::PaletteChange)
        m_editors->applyPalette(palette());
    QMainWindow::changeEvent(event);
}

} // namespace Keel::Studio
