// What a user would see fail: saved files with wrong content or stray temp files, revert or
// undo not restoring text, find/replace missing matches, go to line landing elsewhere, or a
// click in the breakpoint margin not setting a breakpoint.
#include "guitestsupport.h"
#include "editor/codeeditor.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <Qsci/qscilexer.h>
#include <QtTest>

using namespace Keel::Studio;
using KeelGuiTest::readFile;
using KeelGuiTest::writeFile;

namespace {

const QByteArray kMain = "#include <keel/print.h>\n\nint main()\n{\n    keel::print(\"Hello\");\n"
                         "    return 0;\n}\n";

} // namespace

class TestCodeEditor : public QObject {
    Q_OBJECT
private slots:
    void init();
    void opensWithCppLexer();
    void opensTomlWithPropertiesLexer();
    void savesAtomicallyWithoutTempFiles();
    void saveReportsMissingFolder();
    void tracksUnsavedChangesAndUndo();
    void revertRestoresDiskContent();
    void detectsDiskChanges();
    void goesToLine();
    void findsAndReplaces();
    void replaceAllWhenReplacementContainsNeedle();
    void marginClickTogglesBreakpoint();
    void breakpointsFollowEdits();
    void showsDiagnosticsAsAnnotations();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestCodeEditor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath("main.cpp");
    writeFile(m_path, kMain);
}

void TestCodeEditor::opensWithCppLexer()
{
    CodeEditor editor;
    QString error;
    QVERIFY2(editor.openFile(m_path, &error), qPrintable(error));
    QCOMPARE(editor.text().toUtf8(), kMain);
    QVERIFY(editor.lexer());
    QCOMPARE(QString(editor.lexer()->language()), QStringLiteral("C++"));
    QVERIFY(!editor.isModified());
    QVERIFY(editor.marginWidth(0) > 0); // line numbers visible
    QVERIFY(editor.autoIndent());
}

void TestCodeEditor::opensTomlWithPropertiesLexer()
{
    const QString toml = m_dir->filePath("keel.toml");
    writeFile(toml, "[project]\nname = \"hello\"  # comment\n");
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(toml, &error));
    QVERIFY(editor.lexer());
    QCOMPARE(QString(editor.lexer()->language()), QStringLiteral("Properties"));
}

void TestCodeEditor::savesAtomicallyWithoutTempFiles()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.insertAt(QStringLiteral("// edited\n"), 0, 0);
    QVERIFY(editor.isModified());
    QVERIFY2(editor.save(&error), qPrintable(error));
    QVERIFY(!editor.isModified());
    QCOMPARE(readFile(m_path), QByteArray("// edited\n") + kMain);
    // QSaveFile's temporary must be gone: the folder holds exactly the one file.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden), QStringList {"main.cpp"});
}

void TestCodeEditor::saveReportsMissingFolder()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.insertAt(QStringLiteral("x"), 0, 0);
    QVERIFY(QDir(m_dir->path()).removeRecursively()); // e.g. the project was moved away
    QVERIFY(!editor.save(&error));
    QVERIFY2(error.contains(m_path) && error.contains("cannot save"), qPrintable(error));
    QVERIFY(editor.isModified()); // the edit is still there to save elsewhere
}

void TestCodeEditor::tracksUnsavedChangesAndUndo()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    QVERIFY(!editor.isUndoAvailable()); // loading is not an undoable edit
    QSignalSpy modified(&editor, &QsciScintilla::modificationChanged);
    editor.setFocus();
    editor.setCursorPosition(0, 0);
    QTest::keyClicks(&editor, "abc");
    QVERIFY(editor.isModified());
    QCOMPARE(modified.count(), 1);
    QVERIFY(editor.text().startsWith("abc#include"));
    editor.undo();
    QCOMPARE(editor.text().toUtf8(), kMain);
    QVERIFY(!editor.isModified());
}

void TestCodeEditor::revertRestoresDiskContent()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.setText(QStringLiteral("garbage"));
    QVERIFY(editor.isModified());
    QVERIFY(editor.revert(&error));
    QCOMPARE(editor.text().toUtf8(), kMain);
    QVERIFY(!editor.isModified());
}

void TestCodeEditor::detectsDiskChanges()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    QVERIFY(!editor.diskDiffersFromLastSync());
    editor.insertAt(QStringLiteral("x"), 0, 0);
    QVERIFY(editor.save(&error));
    QVERIFY(!editor.diskDiffersFromLastSync()); // our own save is not an outside change
    writeFile(m_path, "changed elsewhere\n");
    QVERIFY(editor.diskDiffersFromLastSync());
}

void TestCodeEditor::goesToLine()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.goToLine(5);
    QCOMPARE(editor.currentLineNumber(), 5);
    editor.goToLine(1000); // clamped to the last line
    QCOMPARE(editor.currentLineNumber(), editor.lines());
    editor.goToLine(0);
    QCOMPARE(editor.currentLineNumber(), 1);
}

void TestCodeEditor::findsAndReplaces()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.setCursorPosition(0, 0);
    QVERIFY(editor.find("RETURN", FindDirection::Forward, CaseSensitivity::Insensitive));
    QCOMPARE(editor.selectedText(), QStringLiteral("return"));
    QCOMPARE(editor.currentLineNumber(), 6);
    editor.setCursorPosition(0, 0);
    QVERIFY(!editor.find("RETURN", FindDirection::Forward, CaseSensitivity::Sensitive));
    QVERIFY(!editor.find("nowhere", FindDirection::Forward, CaseSensitivity::Insensitive));
    editor.setCursorPosition(0, 0);
    QVERIFY(editor.replaceCurrent("Hello", "Bye", CaseSensitivity::Sensitive)); // selects first
    QVERIFY(editor.replaceCurrent("Hello", "Bye", CaseSensitivity::Sensitive)); // replaces it
    QVERIFY(editor.text().contains("keel::print(\"Bye\")"));
    QCOMPARE(editor.replaceAll("keel", "os", CaseSensitivity::Sensitive), 2);
    QVERIFY(!editor.text().contains("keel"));
    editor.undo(); // replace all is one undo step
    QCOMPARE(editor.text().count("keel"), 2);
}

void TestCodeEditor::replaceAllWhenReplacementContainsNeedle()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.setText("a a a");
    QCOMPARE(editor.replaceAll("a", "aa", CaseSensitivity::Sensitive), 3);
    QCOMPARE(editor.text(), QStringLiteral("aa aa aa"));
}

void TestCodeEditor::marginClickTogglesBreakpoint()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.resize(600, 400);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy changed(&editor, &CodeEditor::breakpointsChanged);
    const long position = editor.positionFromLineIndex(4, 0); // line 5
    const int y = int(editor.SendScintilla(QsciScintilla::SCI_POINTYFROMPOSITION, 0UL, position))
        + editor.textHeight(4) / 2;
    const int x = editor.marginWidth(0) + editor.marginWidth(CodeEditor::kBreakpointMargin) / 2;
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, {}, QPoint(x, y));
    QCOMPARE(editor.breakpointLines(), QList<int> {5});
    QCOMPARE(changed.count(), 1);
    QTest::mouseClick(editor.viewport(), Qt::LeftButton, {}, QPoint(x, y));
    QVERIFY(editor.breakpointLines().isEmpty());
}

void TestCodeEditor::breakpointsFollowEdits()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.setBreakpointLines({3, 6});
    editor.insertAt(QStringLiteral("// one\n// two\n"), 0, 0);
    QCOMPARE(editor.breakpointLines(), (QList<int> {5, 8}));
}

void TestCodeEditor::showsDiagnosticsAsAnnotations()
{
    CodeEditor editor;
    QString error;
    QVERIFY(editor.openFile(m_path, &error));
    editor.setDiagnostics({{5, 5, EditorDiagnostic::Kind::Error, "'print' is not a member"},
        {5, 0, EditorDiagnostic::Kind::Warning, "unused"}});
    QCOMPARE(
        editor.annotation(4), QStringLiteral("error: 'print' is not a member\nwarning: unused"));
    editor.clearDiagnostics();
    QVERIFY(editor.annotation(4).isEmpty());
}

QTEST_MAIN(TestCodeEditor)
#include "tst_codeeditor.moc"
