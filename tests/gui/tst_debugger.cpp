// What a user would see fail: a breakpoint set in the editor margin in main() not being hit by
// Debug (F9), no current-line marker on it, Registers not showing RIP inside main, Step Over not
// moving the marker, Locals without values, the Breakpoints list not matching the margin, or the
// IDE stuck after QEMU is stopped mid-session. Real builder, QEMU and gdb.
#include "tst_runsupport.h"

#include "debug/breakpointspanel.h"
#include "debug/callstackpanel.h"
#include "debug/debugworkspace.h"
#include "debug/disassemblypanel.h"
#include "debug/memorypanel.h"
#include "debug/registerspanel.h"
#include "debug/variablespanel.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>

using namespace Keel;
using namespace Keel::Studio;
using namespace RunTestSupport;

namespace {
constexpr int kBreakLine = 9; // the for loop after "Hello from Keel!" in the hello template
constexpr int kStepTimeoutMs = 30000;

// [start, end) of a function in the image, from nm.
std::pair<quint64, quint64> symbolRange(const QString& image, const QString& name)
{
    QProcess nm;
    nm.start(QStringLiteral("nm"), {QStringLiteral("-S"), QStringLiteral("-C"), image});
    nm.waitForFinished();
    for (const QString& line : QString::fromUtf8(nm.readAllStandardOutput()).split(u'\n')) {
        const QStringList fields = line.split(u' ', Qt::SkipEmptyParts);
        if (fields.size() >= 4 && fields[3] == name) {
            const quint64 start = fields[0].toULongLong(nullptr, 16);
            return {start, start + fields[1].toULongLong(nullptr, 16)};
        }
    }
    return {0, 0};
}
// Whether the line's background, right of its text, is tinted yellow (the current-line marker)
// as painted; the caret line under it is a neutral grey-blue in both themes.
bool lineIsHighlighted(CodeEditor* editor, int line)
{
    editor->ensureLineVisible(line - 1);
    const QImage shot = editor->viewport()->grab().toImage();
    const int height = editor->textHeight(line - 1);
    const QColor colour = shot.pixelColor(shot.width() - 8, (line - 1 - editor->firstVisibleLine()) * height + height / 2);
    return colour.red() - colour.blue() > 30;
}
} // namespace

class TestDebugger : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void marginBreakpointHitStepAndInspect();

private:
    StudioFixture m_fixture;
    QString m_hello;
};

void TestDebugger::initTestCase()
{
    QVERIFY(m_fixture.open());
    QString error;
    m_hello = createProject(m_fixture.dir, QStringLiteral("hello"), QStringLiteral("hello"), &error);
    QVERIFY2(!m_hello.isEmpty(), qPrintable(error));
}

void TestDebugger::marginBreakpointHitStepAndInspect()
{
    auto window = m_fixture.makeWindow();
    window->show();
    QVERIFY(window->openProject(m_hello));
    auto* debug = window->findChild<DebugWorkspace*>();
    QVERIFY(debug);
    CodeEditor* editor = window->editorTabs()->currentEditor();
    QVERIFY(editor && editor->filePath().endsWith(QLatin1String("src/main.cpp")));
    // A click in the breakpoint margin, as the user makes it.
    emit editor->marginClicked(CodeEditor::kBreakpointMargin, kBreakLine - 1, Qt::NoModifier);
    QCOMPARE(editor->breakpointLines(), QList<int>({kBreakLine}));
    QCOMPARE(debug->breakpointsPanel()->topLevelItemCount(), 1);

    debug->actions().debug->trigger();
    DebugController* controller = debug->controller();
    QVERIFY(controller->isActive());
    QVERIFY2(waitFor([&] { return controller->state() == DebugController::State::Stopped; }, kBuildAndBootTimeoutMs),
        qPrintable(controller->lastError()));
    QVERIFY(waitFor([&] { return debug->currentLine() > 0; }, 5000));
    QVERIFY(debug->currentFile().endsWith(QLatin1String("src/main.cpp")));
    QCOMPARE(debug->currentLine(), kBreakLine);
    CodeEditor* marked = window->editorTabs()->editorFor(debug->currentFile());
    QVERIFY(marked->markersAtLine(kBreakLine - 1) & (1 << DebugWorkspace::kCurrentLineMarker));
    QVERIFY2(lineIsHighlighted(marked, kBreakLine), "the current line has no background highlight");
    QCOMPARE(debug->breakpointsPanel()->topLevelItem(0)->text(2), QStringLiteral("#1"));

    // Registers: RIP inside main; RFLAGS decoded.
    RunWorkspace* run = runWorkspace(window.get());
    const auto [mainStart, mainEnd] = symbolRange(run->controller()->symbolFile(), QStringLiteral("main"));
    QVERIFY(mainEnd > mainStart);
    const quint64 rip = debug->registers()->valueOf(QStringLiteral("rip")).section(u' ', 0, 0).toULongLong(nullptr, 0);
    QVERIFY2(rip >= mainStart && rip < mainEnd, qPrintable(debug->registers()->valueOf(QStringLiteral("rip"))));
    const QList<QTreeWidgetItem*> flags = debug->registers()->findItems(QStringLiteral("eflags"), Qt::MatchExactly | Qt::MatchRecursive);
    QVERIFY(!flags.isEmpty());
    QVERIFY2(flags.first()->text(2).contains(QLatin1String("IF")) || flags.first()->text(2).contains(QLatin1String("ZF"))
            || flags.first()->text(2).contains(QLatin1String("PF")),
        qPrintable(flags.first()->text(2)));
    // Call stack, locals (argc is main's argument), disassembly marked at the pc.
    QVERIFY(!debug->callStack()->frames().isEmpty());
    QCOMPARE(debug->callStack()->frames().first().function, QStringLiteral("main"));
    QCOMPARE(debug->variables()->localValue(QStringLiteral("argc")), QStringLiteral("1"));
    QVERIFY2(debug->disassembly()->currentLineText().startsWith(u"▶"), qPrintable(debug->disassembly()->toPlainText()));
    // Memory at a symbol.
    debug->memory()->addressField()->setText(QStringLiteral("&main"));
    QTest::keyClick(debug->memory()->addressField(), Qt::Key_Return);
    QVERIFY2(debug->memory()->view()->toPlainText().startsWith(QStringLiteral("%1").arg(mainStart, 16, 16, QLatin1Char('0'))),
        qPrintable(debug->memory()->view()->toPlainText()));
    // A watch expression.
    debug->variables()->watchField()->setText(QStringLiteral("argc + 41"));
    QTest::keyClick(debug->variables()->watchField(), Qt::Key_Return);
    QVERIFY(debug->variables()->tree()->findItems(QStringLiteral("42"), Qt::MatchExactly | Qt::MatchRecursive, 1).size() == 1);
    if (const QString dir = qEnvironmentVariable("KEEL_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(window->grab().save(dir + QStringLiteral("/debug-breakpoint.png")));

    // Step Over moves the marker to a later line of main.
    debug->actions().stepOver->trigger();
    QVERIFY(waitFor([&] { return controller->state() == DebugController::State::Stopped && debug->currentLine() > 0; },
        kStepTimeoutMs));
    QVERIFY2(debug->currentLine() > kBreakLine, qPrintable(QString::number(debug->currentLine())));
    QVERIFY(!(marked->markersAtLine(kBreakLine - 1) & (1 << DebugWorkspace::kCurrentLineMarker)));
    QVERIFY(marked->markersAtLine(debug->currentLine() - 1) & (1 << DebugWorkspace::kCurrentLineMarker));
    QVERIFY(!debug->registers()->changedNames().isEmpty());

    // Stopping QEMU mid-session ends it cleanly and leaves the IDE usable.
    run->actions().stop->trigger();
    QVERIFY(waitFor([&] { return !controller->isActive() && !run->controller()->isActive(); }, 15000));
    QCOMPARE(debug->currentLine(), 0);
    QVERIFY(!(marked->markersAtLine(debug->currentLine() - 1) & (1 << DebugWorkspace::kCurrentLineMarker)));
    QVERIFY(debug->actions().debug->isEnabled());
    QVERIFY(run->actions().run->isEnabled());
    QVERIFY(!debug->actions().stepOver->isEnabled());
    marked->insert(QStringLiteral("// still editable\n"));
    QVERIFY(marked->isModified());
}

QTEST_MAIN(TestDebugger)
#include "tst_debugger.moc"
