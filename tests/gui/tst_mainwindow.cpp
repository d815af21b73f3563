// What a user would see fail: opening a project folder showing the wrong files (or build
// output), no editor on the project's main.cpp, a non-project folder opening anyway, the
// window forgetting its size and dock layout between runs, or shortcuts not doing anything.
#include "guitestsupport.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "fakeprompt.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "panels/historypanel.h"
#include "panels/issuespanel.h"
#include "projecttree.h"
#include "welcome/welcomepage.h"

#include <QDockWidget>
#include <QFile>
#include <QListWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keel::Studio;
using KeelGuiTest::readFile;
using KeelGuiTest::writeFile;

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void startsOnWelcomePage();
    void opensProjectAndShowsItsFiles();
    void refusesFolderWithoutKeelToml();
    void recentProjectsComeFromHistory();
    void restoresWindowState();
    void shortcutsAreBound();
    void issueClickOpensFileAtLine();
    void closingProjectAsksAboutUnsavedChanges();
    void historyPanelChartsRecordedBuildsAndRuns();

private:
    std::unique_ptr<MainWindow> makeWindow(SaveChoice answer = SaveChoice::Cancel);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<HistoryStore> m_history;
    PromptLog m_log;
    QString m_project;
};

void TestMainWindow::init()
{
    QSettings().clear();
    m_log = {};
    m_dir = std::make_unique<QTemporaryDir>();
    m_project = m_dir->filePath("hello");
    writeFile(m_project + "/keel.toml", "[project]\nname = \"hello\"\n");
    writeFile(m_project + "/src/main.cpp", "int main()\n{\n    return 0;\n}\n");
    writeFile(m_project + "/build/debug/hello.elf", "ELF");
    writeFile(m_project + "/.keel/studio.json", "{}");
    m_history = std::make_unique<HistoryStore>(m_dir->filePath("keel.db"));
    QVERIFY(m_history->open(nullptr));
}

void TestMainWindow::cleanup()
{
    m_history.reset();
}

std::unique_ptr<MainWindow> TestMainWindow::makeWindow(SaveChoice answer)
{
    auto window = std::make_unique<MainWindow>(m_history.get());
    window->editorTabs()->setPrompt(std::make_unique<FakePrompt>(&m_log, answer));
    return window;
}

void TestMainWindow::startsOnWelcomePage()
{
    auto window = makeWindow();
    window->show();
    QVERIFY(window->isShowingWelcome());
    QVERIFY(window->projectDir().isEmpty());
    QVERIFY(!window->actions().save->isEnabled());
}

void TestMainWindow::opensProjectAndShowsItsFiles()
{
    auto window = makeWindow();
    window->show();
    QVERIFY(window->openProject(m_project));
    QVERIFY(!window->isShowingWelcome());
    QCOMPARE(window->projectDir(), m_project);
    QVERIFY(window->windowTitle().startsWith("hello"));
    // QFileSystemModel lists folders in the background.
    QTRY_COMPARE(window->projectTree()->visibleEntries(), (QStringList {"keel.toml", "src"}));
    CodeEditor* editor = window->editorTabs()->currentEditor();
    QVERIFY(editor);
    QCOMPARE(editor->filePath(), m_project + "/src/main.cpp");
    QVERIFY(window->actions().save->isEnabled());
    QCOMPARE(m_history->recentProjects().first().path, m_project);
}

void TestMainWindow::refusesFolderWithoutKeelToml()
{
    auto window = makeWindow();
    QVERIFY(!window->openProject(m_dir->filePath("hello/src")));
    QCOMPARE(m_log.errors.size(), 1);
    QVERIFY(m_log.errors.first().contains("keel.toml"));
    QVERIFY(window->isShowingWelcome());
}

void TestMainWindow::recentProjectsComeFromHistory()
{
    m_history->touchProject(m_project, "hello");
    auto window = makeWindow();
    QListWidget* recent = window->welcomePage()->recentList();
    QCOMPARE(recent->count(), 1);
    QVERIFY(recent->item(0)->text().startsWith("hello"));
    emit recent->itemActivated(recent->item(0));
    QCOMPARE(window->projectDir(), m_project);
}

void TestMainWindow::restoresWindowState()
{
    {
        auto window = makeWindow();
        window->show();
        // First start: the default size, not stretched by docks that are hidden (the debugger's).
        QCOMPARE(window->size(), QSize(1280, 800));
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->resize(900, 640);
        window->findChild<QDockWidget*>("issuesDock")->hide();
        window->findChild<QDockWidget*>("featuresDock")->setFloating(true);
        QVERIFY(window->close());
    }
    auto window = makeWindow();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QCOMPARE(window->size(), QSize(900, 640));
    QVERIFY(window->findChild<QDockWidget*>("issuesDock")->isHidden());
    QVERIFY(window->findChild<QDockWidget*>("featuresDock")->isFloating());
    QVERIFY(!window->findChild<QDockWidget*>("projectDock")->isHidden());
}

void TestMainWindow::shortcutsAreBound()
{
    auto window = makeWindow();
    const MainWindowActions& a = window->actions();
    QCOMPARE(a.openProject->shortcut(), QKeySequence("Ctrl+O"));
    QCOMPARE(a.save->shortcut(), QKeySequence("Ctrl+S"));
    QCOMPARE(a.saveAll->shortcut(), QKeySequence("Ctrl+Shift+S"));
    QCOMPARE(a.build->shortcut(), QKeySequence("Ctrl+B"));
    QCOMPARE(a.run->shortcut(), QKeySequence("F5"));
    QCOMPARE(a.find->shortcut(), QKeySequence("Ctrl+F"));
    QCOMPARE(a.goToLine->shortcut(), QKeySequence("Ctrl+G"));
    // Pressing Ctrl+F in an open project shows the find bar.
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    QVERIFY(window->openProject(m_project));
    window->activateWindow();
    QTest::keyClick(window->editorTabs()->currentEditor(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(window->editorTabs()->findBar()->isVisible());
}

void TestMainWindow::issueClickOpensFileAtLine()
{
    auto window = makeWindow();
    QVERIFY(window->openProject(m_project));
    writeFile(m_project + "/src/other.cpp", "a\nb\nc\nd\n");
    window->issuesPanel()->setIssues(
        {{m_project + "/src/other.cpp", 3, 1, EditorDiagnostic::Kind::Error, "boom", {}}});
    window->issuesPanel()->activateRow(0);
    CodeEditor* editor = window->editorTabs()->currentEditor();
    QCOMPARE(editor->filePath(), m_project + "/src/other.cpp");
    QCOMPARE(editor->currentLineNumber(), 3);
}

void TestMainWindow::closingProjectAsksAboutUnsavedChanges()
{
    auto window = makeWindow(SaveChoice::Cancel);
    QVERIFY(window->openProject(m_project));
    QVERIFY(!window->isWindowModified());
    window->editorTabs()->currentEditor()->insertAt("x", 0, 0);
    // The title carries the unsaved-changes mark ("hello* — Keel Studio" on X11).
    QVERIFY(window->isWindowModified());
    QVERIFY(window->windowTitle().contains("[*]"));
    QVERIFY(!window->close()); // the user cancelled: the window stays open
    QCOMPARE(m_log.saveQuestions.size(), 1);
    QCOMPARE(window->projectDir(), m_project);
}

void TestMainWindow::historyPanelChartsRecordedBuildsAndRuns()
{
    for (int i = 0; i < 3; ++i) {
        BuildRecord build;
        build.projectPath = m_project;
        build.startedAt = QDateTime::currentDateTimeUtc().addSecs(i);
        build.profile = "debug";
        build.outcome = i == 1 ? BuildOutcome::Failed : BuildOutcome::Succeeded;
        build.imageSize = i == 1 ? 0 : 40000 + i;
        QVERIFY(m_history->addBuild(build));
        RunRecord run;
        run.projectPath = m_project;
        run.startedAt = build.startedAt;
        run.machine = "microvm";
        run.bootMs = 50 + i;
        QVERIFY(m_history->addRun(run));
    }
    auto window = makeWindow();
    QCOMPARE(window->historyPanel()->buildPointCount(), 0);
    QVERIFY(window->openProject(m_project));
    QCOMPARE(window->historyPanel()->buildPointCount(), 2); // the failed build has no size
    QCOMPARE(window->historyPanel()->runPointCount(), 3);
    QVERIFY(window->historyPanel()->summaryText().contains("2 successful builds"));
    QVERIFY(window->closeProject());
    QCOMPARE(window->historyPanel()->buildPointCount(), 0);
}

KEEL_GUI_TEST_MAIN(TestMainWindow)

#include "tst_mainwindow.moc"
