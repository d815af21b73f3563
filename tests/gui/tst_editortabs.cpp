// What a user would see fail: closing with unsaved work losing it without a question, an
// outside edit not showing up (or silently overwriting local edits), Save All missing a file,
// or breakpoints vanishing after reopening the project.
#include "guitestsupport.h"
#include "editor/editortabs.h"
#include "editor/findbar.h"
#include "fakeprompt.h"

#include <QFile>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keel::Studio;
using KeelGuiTest::readFile;
using KeelGuiTest::writeFile;

class TestEditorTabs : public QObject {
    Q_OBJECT
private slots:
    void init();
    void opensEachFileOnce();
    void closeAsksAboutUnsavedChanges();
    void cancelKeepsTheTab();
    void saveChoiceSavesBeforeClosing();
    void closeAllAsksOnceForAllFiles();
    void saveAllWritesEveryModifiedFile();
    void unmodifiedFileReloadsSilently();
    void modifiedFileAsksBeforeReload();
    void ownSaveIsNotAnOutsideChange();
    void breakpointsPersistPerProject();
    void findBarFindsInCurrentEditor();

private:
    EditorTabs* makeTabs(SaveChoice answer, bool reload = true);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EditorTabs> m_tabs;
    PromptLog m_log;
    QString m_a, m_b;
};

void TestEditorTabs::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_log = {};
    m_a = m_dir->filePath("a.cpp");
    m_b = m_dir->filePath("b.cpp");
    writeFile(m_a, "int a;\nint aa;\n");
    writeFile(m_b, "int b;\n");
    writeFile(m_dir->filePath("keel.toml"), "[project]\nname = \"t\"\n");
}

EditorTabs* TestEditorTabs::makeTabs(SaveChoice answer, bool reload)
{
    m_tabs = std::make_unique<EditorTabs>();
    m_tabs->setPrompt(std::make_unique<FakePrompt>(&m_log, answer, reload));
    m_tabs->setProjectDir(m_dir->path());
    return m_tabs.get();
}

void TestEditorTabs::opensEachFileOnce()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    CodeEditor* first = tabs->openFile(m_a);
    tabs->openFile(m_b);
    QCOMPARE(tabs->openFile(m_a, 2), first);
    QCOMPARE(tabs->count(), 2);
    QCOMPARE(tabs->currentEditor(), first);
    QCOMPARE(first->currentLineNumber(), 2);
    QVERIFY(!tabs->openFile(m_dir->filePath("missing.cpp")));
    QCOMPARE(m_log.errors.size(), 1);
    QVERIFY(m_log.errors.first().contains("missing.cpp"));
}

void TestEditorTabs::closeAsksAboutUnsavedChanges()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Discard);
    CodeEditor* editor = tabs->openFile(m_a);
    QVERIFY(tabs->closeEditor(editor)); // unmodified: no question
    QVERIFY(m_log.saveQuestions.isEmpty());
    editor = tabs->openFile(m_a);
    editor->insertAt("x", 0, 0);
    QVERIFY(tabs->closeEditor(editor));
    QCOMPARE(m_log.saveQuestions, QList<QStringList> {{"a.cpp"}});
    QCOMPARE(tabs->count(), 0);
    QCOMPARE(readFile(m_a), QByteArray("int a;\nint aa;\n")); // discarded
}

void TestEditorTabs::cancelKeepsTheTab()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    CodeEditor* editor = tabs->openFile(m_a);
    editor->insertAt("x", 0, 0);
    QVERIFY(!tabs->closeEditor(editor));
    QVERIFY(!tabs->closeAll());
    QCOMPARE(tabs->count(), 1);
    QVERIFY(editor->isModified());
}

void TestEditorTabs::saveChoiceSavesBeforeClosing()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Save);
    CodeEditor* editor = tabs->openFile(m_a);
    editor->insertAt("// kept\n", 0, 0);
    QVERIFY(tabs->closeEditor(editor));
    QCOMPARE(readFile(m_a), QByteArray("// kept\nint a;\nint aa;\n"));
}

void TestEditorTabs::closeAllAsksOnceForAllFiles()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Discard);
    tabs->openFile(m_a)->insertAt("x", 0, 0);
    tabs->openFile(m_b)->insertAt("y", 0, 0);
    QVERIFY(tabs->hasUnsavedChanges());
    QVERIFY(tabs->closeAll());
    QCOMPARE(m_log.saveQuestions, (QList<QStringList> {{"a.cpp", "b.cpp"}}));
    QCOMPARE(tabs->count(), 0);
}

void TestEditorTabs::saveAllWritesEveryModifiedFile()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    tabs->openFile(m_a)->insertAt("1", 0, 0);
    tabs->openFile(m_b)->insertAt("2", 0, 0);
    QVERIFY(tabs->saveAll());
    QVERIFY(!tabs->hasUnsavedChanges());
    QCOMPARE(readFile(m_a), QByteArray("1int a;\nint aa;\n"));
    QCOMPARE(readFile(m_b), QByteArray("2int b;\n"));
}

void TestEditorTabs::unmodifiedFileReloadsSilently()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    CodeEditor* editor = tabs->openFile(m_a);
    QTest::qWait(50); // inotify needs the watch armed before the write
    writeFile(m_a, "int changed;\n");
    QTRY_COMPARE(editor->text(), QStringLiteral("int changed;\n"));
    QVERIFY(m_log.reloadQuestions.isEmpty());
    QVERIFY(!editor->isModified());
    // A second outside change is seen too: the watch survives the first one.
    writeFile(m_a, "int again;\n");
    QTRY_COMPARE(editor->text(), QStringLiteral("int again;\n"));
}

void TestEditorTabs::modifiedFileAsksBeforeReload()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel, false);
    CodeEditor* editor = tabs->openFile(m_a);
    editor->insertAt("local ", 0, 0);
    QTest::qWait(50);
    writeFile(m_a, "int outside;\n");
    QTRY_COMPARE(m_log.reloadQuestions, QStringList {"a.cpp"});
    QCOMPARE(editor->text(), QStringLiteral("local int a;\nint aa;\n")); // user said keep mine
    QVERIFY(editor->isModified());
}

void TestEditorTabs::ownSaveIsNotAnOutsideChange()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    CodeEditor* editor = tabs->openFile(m_a);
    editor->insertAt("mine ", 0, 0);
    QVERIFY(tabs->saveCurrent());
    editor->insertAt("more ", 0, 0); // modified again: a reload would have to ask
    QTest::qWait(300);
    QVERIFY(m_log.reloadQuestions.isEmpty());
    QCOMPARE(editor->text(), QStringLiteral("more mine int a;\nint aa;\n"));
    // After an atomic save the file is a new inode; outside changes must still be seen.
    QVERIFY(tabs->saveCurrent());
    writeFile(m_a, "int outside;\n");
    QTRY_COMPARE(editor->text(), QStringLiteral("int outside;\n"));
}

void TestEditorTabs::breakpointsPersistPerProject()
{
    {
        EditorTabs* tabs = makeTabs(SaveChoice::Discard);
        tabs->openFile(m_a)->toggleBreakpoint(2);
        QVERIFY(QFile::exists(m_dir->filePath(".keel/studio.json")));
        QVERIFY(tabs->closeAll());
    }
    EditorTabs* reopened = makeTabs(SaveChoice::Discard);
    QCOMPARE(reopened->openFile(m_a)->breakpointLines(), QList<int> {2});
    // The same file seen from another project has its own (no) breakpoints.
    QTemporaryDir other;
    reopened->closeAll();
    reopened->setProjectDir(other.path());
    QVERIFY(reopened->openFile(m_a)->breakpointLines().isEmpty());
}

void TestEditorTabs::findBarFindsInCurrentEditor()
{
    EditorTabs* tabs = makeTabs(SaveChoice::Cancel);
    CodeEditor* editor = tabs->openFile(m_a);
    editor->setCursorPosition(0, 0);
    tabs->showFind();
    FindBar* bar = tabs->findBar();
    QVERIFY(!bar->isHidden());
    bar->findField()->setText("aa");
    QVERIFY(bar->findNext());
    QCOMPARE(editor->currentLineNumber(), 2);
    bar->replaceField()->setText("bb");
    QCOMPARE(bar->replaceAll(), 1);
    QCOMPARE(editor->text(), QStringLiteral("int a;\nint bb;\n"));
}

QTEST_MAIN(TestEditorTabs)
#include "tst_editortabs.moc"
