// What a user would see fail: Ctrl+B doing nothing, no progress, a successful build without
// its image size, a compile error missing from the Issues list (or clicking it not moving the
// cursor to it), or no history row after a build. Runs the real builder, ninja and g++ on a
// project created from the hello template.
#include "guitestsupport.h"
#include "build/buildcontroller.h"
#include "build/buildpresenter.h"
#include "editor/editortabs.h"
#include "fakeprompt.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "features/featurespanel.h"
#include "panels/historypanel.h"
#include "panels/issuespanel.h"
#include "panels/sizechartpanel.h"

#include "keeltree.h"
#include "projectcreator.h"

#include <QProgressBar>
#include <QTreeWidgetItem>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keel;
using namespace Keel::Studio;

namespace {
constexpr int kBuildTimeoutMs = 240000; // a cold kernel build on two cores
}

class TestBuild : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void buildSucceedsWithProgressSizeAndHistory();
    void compileErrorShowsInIssuesAndJumpsToLine();
    void configErrorIsReportedWithoutRunningNinja();

private:
    std::unique_ptr<MainWindow> makeWindow();
    bool waitForBuild(MainWindow* window);

    QTemporaryDir m_dir;
    QString m_project;
    std::unique_ptr<HistoryStore> m_history;
    PromptLog m_log;
};

void TestBuild::initTestCase()
{
    QString error;
    m_project = KeelGuiTest::createFromTemplate(m_dir.path(), "hello", "hello", &error);
    QVERIFY2(!m_project.isEmpty(), qPrintable(error));
    m_history = std::make_unique<HistoryStore>(m_dir.filePath("keel.db"));
    QVERIFY(m_history->open(nullptr));
}

std::unique_ptr<MainWindow> TestBuild::makeWindow()
{
    auto window = std::make_unique<MainWindow>(m_history.get());
    window->editorTabs()->setPrompt(std::make_unique<FakePrompt>(&m_log, SaveChoice::Discard));
    return window;
}

bool TestBuild::waitForBuild(MainWindow* window)
{
    QSignalSpy finished(window->buildController(), &BuildController::finished);
    window->actions().build->trigger();
    return finished.count() == 1 || finished.wait(kBuildTimeoutMs);
}

void TestBuild::buildSucceedsWithProgressSizeAndHistory()
{
    auto window = makeWindow();
    QVERIFY(window->openProject(m_project));
    QVERIFY(window->actions().build->isEnabled());
    QSignalSpy progress(window->buildController(), &BuildController::progress);
    QSignalSpy finished(window->buildController(), &BuildController::finished);
    window->actions().build->trigger();
    QVERIFY(window->buildController()->isRunning());
    QVERIFY(window->actions().cancelBuild->isEnabled());
    QVERIFY(!window->actions().build->isEnabled());
    QVERIFY(finished.wait(kBuildTimeoutMs));
    const auto summary = finished.first().first().value<BuildSummary>();
    QVERIFY2(summary.result.ok(), qPrintable(window->buildPresenter()->lastResultText()));
    QVERIFY(progress.count() > 0);
    QVERIFY(progress.last().at(1).toInt() > 0); // total steps known
    QVERIFY(summary.size);
    QVERIFY(summary.size->imageFileSize > 0);
    QVERIFY(window->buildPresenter()->lastResultText().contains("image"));
    // The Image Size dock charts every feature of the size report.
    QCOMPARE(window->sizeChart()->featureSizes().size(), summary.size->features.size());
    QVERIFY(window->sizeChart()->summaryText().startsWith("Image:"));
    QVERIFY(window->actions().build->isEnabled());
    QVERIFY(!window->actions().cancelBuild->isEnabled());

    const QList<BuildRecord> builds = m_history->builds(m_project);
    QCOMPARE(builds.size(), 1);
    QCOMPARE(builds.first().id, summary.historyId);
    QCOMPARE(builds.first().outcome, BuildOutcome::Succeeded);
    QCOMPARE(builds.first().imageSize, summary.size->imageFileSize);
    QVERIFY(!builds.first().featureSizes.isEmpty());
    // The History dock charts the new build; the features panel shows what each feature cost.
    QCOMPARE(window->historyPanel()->buildPointCount(), 1);
    QVERIFY(!window->featuresPanel()->itemFor("serial")->text(1).isEmpty());
}

void TestBuild::compileErrorShowsInIssuesAndJumpsToLine()
{
    auto window = makeWindow();
    QVERIFY(window->openProject(m_project));
    CodeEditor* editor = window->editorTabs()->currentEditor();
    QVERIFY(editor && editor->filePath().endsWith("src/main.cpp"));
    // An undeclared name on a line of its own; the build saves the editor first.
    const int badLine = editor->lines(); // 1-based number of the new last line
    editor->append("\nint broken() { return undeclaredThing; }\n");
    QVERIFY(waitForBuild(window.get()));
    QVERIFY(!editor->isModified());
    IssuesPanel* issues = window->issuesPanel();
    int row = -1;
    for (int i = 0; i < issues->issues().size(); ++i) {
        const Issue& issue = issues->issues().at(i);
        if (issue.kind == EditorDiagnostic::Kind::Error
            && issue.message.contains("undeclaredThing"))
            row = i;
    }
    QVERIFY2(row >= 0, qPrintable(window->buildPresenter()->lastResultText()));
    const Issue issue = issues->issues().at(row);
    QCOMPARE(issue.file, m_project + "/src/main.cpp");
    QCOMPARE(issue.line, badLine + 1);
    QVERIFY(!editor->annotation(issue.line - 1).isEmpty()); // shown in the editor too
    editor->goToLine(1);
    issues->activateRow(row);
    QCOMPARE(window->editorTabs()->currentEditor(), editor);
    QCOMPARE(editor->currentLineNumber(), issue.line);
    QCOMPARE(m_history->builds(m_project).first().outcome, BuildOutcome::Failed);
}

void TestBuild::configErrorIsReportedWithoutRunningNinja()
{
    QTemporaryDir dir;
    QFile toml(dir.filePath("keel.toml"));
    QVERIFY(toml.open(QIODevice::WriteOnly));
    toml.write("[project]\nname = \"bad\"\nsources = [\"src/*.cpp\"]\n[kernel]\nfeatures = "
               "[\"nosuchfeature\"]\n");
    toml.close();
    QDir().mkpath(dir.filePath("src"));
    QFile main(dir.filePath("src/main.cpp"));
    QVERIFY(main.open(QIODevice::WriteOnly));
    main.write("int main() { return 0; }\n");
    main.close();
    BuildController controller(m_history.get());
    QSignalSpy finished(&controller, &BuildController::finished);
    QVERIFY(controller.start(dir.path()));
    QVERIFY(finished.count() == 1 || finished.wait(10000));
    const auto summary = finished.first().first().value<BuildSummary>();
    QCOMPARE(summary.result.status, BuildStatus::ConfigError);
    QVERIFY(hasErrors(summary.result.diagnostics));
    const Issue issue = BuildPresenter::issueFrom(summary.result.diagnostics.first(), dir.path());
    QVERIFY2(issue.message.contains("nosuchfeature"), qPrintable(issue.message));
    QCOMPARE(issue.file, dir.filePath("keel.toml"));
    QCOMPARE(issue.line, 5); // points at the features line
    QCOMPARE(m_history->builds(dir.path()).first().outcome, BuildOutcome::Failed);
}

KEEL_GUI_TEST_MAIN(TestBuild)

#include "tst_build.moc"
