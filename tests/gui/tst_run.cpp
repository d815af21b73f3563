// What a user would see fail: F5 not booting the project, no "Hello from Keel!" in the Serial
// tab, no boot time in the status bar, no run in the history; the vga-shell screen missing from
// the Display tab (or differing from what QEMU itself shows), typing into it doing nothing; the
// Monitor not answering; a panic not pointing at its source line. Real builder, QEMU and VNC.
#include "tst_runsupport.h"

#include "editor/codeeditor.h"
#include "run/displayview.h"
#include "run/runcontroller.h"
#include "run/emulatorpanel.h"
#include "run/monitorconsole.h"
#include "run/serialconsole.h"
#include "run/serialview.h"

#include "emulator/qmpclient.h"
#include "emulator/rfbclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QListWidget>
#include <QTabWidget>

using namespace Keel;
using namespace Keel::Studio;
using namespace RunTestSupport;

class TestRun : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void helloShowsGreetingBootTimeAndHistory();
    void unchangedRunBootsEarlyAndAnEditReplacesThatBoot();
    void vgaShellScreenMatchesQemuAndTakesKeys();
    void panicPointsAtSource();
    void benchF5ToFirstLine();

private:
    RunWorkspace* startRun(MainWindow* window, const QString& project);
    bool waitForFinished(RunWorkspace* run);
    QImage screendump(QemuRunner* runner);
    bool displayShowsQemuScreen(QemuRunner* runner, DisplayView* display);
    void screenshot(QWidget* window, const QString& name);

    StudioFixture m_fixture;
    QString m_hello;
    QString m_shell;
};

void TestRun::initTestCase()
{
    QVERIFY(m_fixture.open());
    QString error;
    m_hello = createProject(m_fixture.dir, QStringLiteral("hello"), QStringLiteral("hello"), &error);
    QVERIFY2(!m_hello.isEmpty(), qPrintable(error));
    m_shell = createProject(m_fixture.dir, QStringLiteral("vga-shell"), QStringLiteral("shell"), &error);
    QVERIFY2(!m_shell.isEmpty(), qPrintable(error));
}

RunWorkspace* TestRun::startRun(MainWindow* window, const QString& project)
{
    if (!window->openProject(project))
        return nullptr;
    RunWorkspace* run = runWorkspace(window);
    if (!run || !run->actions().run->isEnabled())
        return nullptr;
    run->actions().run->trigger();
    return run->controller()->isActive() ? run : nullptr;
}

bool TestRun::waitForFinished(RunWorkspace* run)
{
    return waitFor([run] { return !run->controller()->isActive(); }, kBuildAndBootTimeoutMs);
}

// Screenshots for docs/ when KEEL_SCREENSHOT_DIR is set (tests/gui/screenshots.sh runs this under Xvfb).
void TestRun::screenshot(QWidget* window, const QString& name)
{
    const QString dir = qEnvironmentVariable("KEEL_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        QVERIFY(window->grab().save(dir + u'/' + name));
}

void TestRun::helloShowsGreetingBootTimeAndHistory()
{
    auto window = m_fixture.makeWindow();
    RunWorkspace* run = startRun(window.get(), m_hello);
    QVERIFY(run);
    QVERIFY(waitForFinished(run));
    SerialView* serial = run->panel()->serial()->view();
    QVERIFY2(serial->toPlainText().contains(QLatin1String("Hello from Keel!")), qPrintable(serial->toPlainText()));
    // Each line carries its boot-relative timestamp.
    QVERIFY(QRegularExpression(QStringLiteral("\\[\\s*\\d+\\.\\d{3}\\] Hello from Keel!")).match(serial->toPlainText()).hasMatch());
    const QString status = run->statusText();
    QVERIFY2(QRegularExpression(QStringLiteral("boot: \\d+ ms")).match(status).hasMatch(), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("exit status 0")), qPrintable(status));
    QVERIFY2(status.contains(QLatin1String("microvm")), qPrintable(status));
    const QList<RunRecord> runs = m_fixture.history->runs(m_hello);
    QCOMPARE(runs.size(), 1);
    QVERIFY(runs.first().bootMs.has_value());
    QCOMPARE(runs.first().exitStatus, std::optional<int>(0));
    QCOMPARE(runs.first().machine, QStringLiteral("microvm"));
    QVERIFY(runs.first().buildId > 0);
    QVERIFY(run->actions().run->isEnabled());
    screenshot(window.get(), QStringLiteral("run-hello.png"));
}

// F5 on a built project starts QEMU paused on the last image while the build checks it: an
// unchanged project runs that guest; an edit must never run the stale image.
void TestRun::unchangedRunBootsEarlyAndAnEditReplacesThatBoot()
{
    QString error;
    const QString project = createProject(m_fixture.dir, QStringLiteral("hello"), QStringLiteral("again"), &error);
    QVERIFY2(!project.isEmpty(), qPrintable(error));
    auto window = m_fixture.makeWindow();
    RunWorkspace* run = startRun(window.get(), project); // builds first: no image to boot early
    QVERIFY(run);
    QVERIFY(waitForFinished(run));
    SerialView* serial = run->panel()->serial()->view();
    QVERIFY(serial->toPlainText().contains(QLatin1String("Hello from Keel!")));

    QemuRunner* early = nullptr;
    const auto watch = connect(run->controller(), &RunController::runnerCreated, this, [&](QemuRunner* runner) {
        if (!early)
            early = runner;
    });
    run->actions().run->trigger();
    QVERIFY(run->controller()->state() == RunController::State::Building);
    QVERIFY2(early, "QEMU starts while the unchanged project's build is checked");
    QVERIFY(waitForFinished(run));
    QVERIFY2(serial->toPlainText().contains(QLatin1String("Hello from Keel!")), qPrintable(serial->toPlainText()));
    QVERIFY2(run->statusText().contains(QLatin1String("exit status 0")), qPrintable(run->statusText()));

    // An edit: the early QEMU (old image) is replaced by one on the rebuilt image.
    CodeEditor* editor = window->editorTabs()->openFile(project + QStringLiteral("/src/main.cpp"));
    QVERIFY(editor);
    editor->setText(editor->text().replace(QLatin1String("Hello from Keel!"), QLatin1String("Hello, edited!")));
    early = nullptr;
    QemuRunner* last = nullptr;
    int created = 0;
    connect(run->controller(), &RunController::runnerCreated, this, [&](QemuRunner* runner) { last = runner; ++created; });
    run->actions().run->trigger();
    QVERIFY(waitForFinished(run));
    disconnect(watch);
    QCOMPARE(created, 2);
    QVERIFY(last != early);
    QVERIFY2(serial->toPlainText().contains(QLatin1String("Hello, edited!")), qPrintable(serial->toPlainText()));
    QVERIFY2(!serial->toPlainText().contains(QLatin1String("Hello from Keel!")), qPrintable(serial->toPlainText()));
    QVERIFY2(run->statusText().contains(QLatin1String("exit status 0")), qPrintable(run->statusText()));

    // A compile error: the early QEMU is stopped and nothing runs.
    editor->setText(editor->text().replace(QLatin1String("return 0;"), QLatin1String("return nope;")));
    QSignalSpy failed(run->controller(), &RunController::buildFailed);
    last = nullptr;
    run->actions().run->trigger();
    const QPointer<QemuRunner> stale = last;
    QVERIFY2(stale, "the last image boots early");
    QVERIFY(waitForFinished(run));
    QCOMPARE(failed.size(), 1);
    QVERIFY(waitFor([&] { return !stale || stale->state() == QemuRunner::State::Finished; }, 5000));
    QVERIFY(!run->controller()->runner());

    const QList<RunRecord> runs = m_fixture.history->runs(project);
    QCOMPARE(runs.size(), 3); // the discarded early boots are not runs
    for (const RunRecord& record : runs) {
        QCOMPARE(record.exitStatus, std::optional<int>(0));
        QVERIFY(record.buildId > 0);
    }
}

QImage TestRun::screendump(QemuRunner* runner)
{
    const QString path = m_fixture.dir.filePath(QStringLiteral("screendump.ppm"));
    QFile::remove(path);
    bool done = false;
    runner->qmp()->execute(QStringLiteral("screendump"), {{QStringLiteral("filename"), path}},
        [&done](const QmpMessage&) { done = true; });
    waitFor([&done] { return done; }, 5000);
    return QImage(path).convertToFormat(QImage::Format_RGB32);
}

// True once our framebuffer equals QEMU's own screendump (retried: the text cursor blinks
// between the two reads, and RFB updates trail the guest's writes).
bool TestRun::displayShowsQemuScreen(QemuRunner* runner, DisplayView* display)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        QTest::qWait(150);
        if (screendump(runner) == display->image().convertToFormat(QImage::Format_RGB32))
            return true;
    }
    return false;
}

void TestRun::vgaShellScreenMatchesQemuAndTakesKeys()
{
    auto window = m_fixture.makeWindow();
    window->show();
    RunWorkspace* run = startRun(window.get(), m_shell);
    QVERIFY(run);
    SerialView* serial = run->panel()->serial()->view();
    QVERIFY(waitFor([&] { serial->flush(); return serial->toPlainText().contains(QLatin1String("keel> ")); },
        kBuildAndBootTimeoutMs));
    DisplayView* display = run->panel()->display();
    QCOMPARE(run->panel()->tabs()->currentWidget(), display);
    QVERIFY(waitFor([&] { return !display->image().isNull(); }, 10000));
    QemuRunner* runner = run->controller()->runner();
    QVERIFY2(displayShowsQemuScreen(runner, display), "the Display tab differs from QMP screendump");
    screenshot(window.get(), QStringLiteral("run-vga-shell.png"));

    // Typing in the Display tab goes to the guest as scancodes: `help` + Enter changes the screen.
    const QImage before = display->image();
    display->setFocus();
    QTest::keyClicks(display, QStringLiteral("help"));
    QTest::keyClick(display, Qt::Key_Return);
    QVERIFY(display->isGrabbed());
    QVERIFY(waitFor([&] { serial->flush(); return serial->toPlainText().count(QLatin1String("keel> ")) >= 2; }, 20000));
    QVERIFY(waitFor([&] { return display->image() != before; }, 5000));
    // The answer to `help` (on serial by now) reaches the Display tab too.
    QVERIFY2(displayShowsQemuScreen(runner, display), "the Display tab lags behind QMP screendump after `help`");
    screenshot(window.get(), QStringLiteral("run-vga-shell-help.png"));

    // The Monitor tab answers HMP commands through QMP.
    MonitorConsole* monitor = run->panel()->monitor();
    QSignalSpy replied(monitor, &MonitorConsole::replied);
    monitor->execute(QStringLiteral("info status"));
    QVERIFY(replied.count() == 1 || replied.wait(5000));
    QVERIFY2(replied.first().at(1).toString().contains(QLatin1String("running")),
        qPrintable(replied.first().at(1).toString()));

    // Pause and resume reach the status bar; Stop ends the run and the IDE can run again.
    run->actions().pause->trigger();
    QVERIFY(waitFor([&] { return run->statusText().contains(QLatin1String("Paused")); }, 5000));
    run->actions().pause->trigger();
    QVERIFY(waitFor([&] { return run->statusText().contains(QLatin1String("Running")); }, 5000));
    run->actions().stop->trigger();
    QVERIFY(waitForFinished(run));
    QVERIFY(run->statusText().contains(QLatin1String("stopped")));
    QVERIFY(run->actions().run->isEnabled());
}

void TestRun::panicPointsAtSource()
{
    QString error;
    const QString project = createProject(m_fixture.dir, QStringLiteral("hello"), QStringLiteral("panics"), &error);
    QVERIFY2(!project.isEmpty(), qPrintable(error));
    QFile main(project + QStringLiteral("/src/main.cpp"));
    QVERIFY(main.open(QIODevice::WriteOnly | QIODevice::Truncate));
    main.write("#include <keel/system.h>\n"
               "\n"
               "int main()\n"
               "{\n"
               "    keel::panic(\"the test asked for it\");\n"
               "}\n");
    main.close();
    auto window = m_fixture.makeWindow();
    RunWorkspace* run = startRun(window.get(), project);
    QVERIFY(run);
    QVERIFY(waitForFinished(run));
    QVERIFY(run->statusText().contains(QLatin1String("exit status 101")));
    QListWidget* frames = run->panel()->panicList();
    QVERIFY(!frames->isHidden());
    QListWidgetItem* mainFrame = nullptr;
    for (int i = 0; i < frames->count(); ++i) {
        if (frames->item(i)->text().contains(QLatin1String("main.cpp:5")))
            mainFrame = frames->item(i);
    }
    QVERIFY2(mainFrame, "no stack frame points at main.cpp:5");
    emit frames->itemClicked(mainFrame);
    CodeEditor* editor = window->editorTabs()->currentEditor();
    QVERIFY(editor);
    QVERIFY(editor->filePath().endsWith(QLatin1String("panics/src/main.cpp")));
    QCOMPARE(editor->currentLineNumber(), 5);
}

// bench/studio-run.sh: F5 on an unchanged, built project → the greeting in the Serial tab.
void TestRun::benchF5ToFirstLine()
{
    const QString project = qEnvironmentVariable("KEEL_BENCH_PROJECT");
    if (project.isEmpty())
        QSKIP("run by bench/studio-run.sh");
    auto window = m_fixture.makeWindow();
    QVERIFY(window->openProject(project));
    RunWorkspace* run = runWorkspace(window.get());
    SerialView* serial = run->panel()->serial()->view();
    for (int i = 0; i < qMax(1, qEnvironmentVariableIntValue("KEEL_BENCH_RUNS")); ++i) {
        QElapsedTimer timer;
        qint64 seen = -1;
        const auto watch = connect(serial->document(), &QTextDocument::contentsChanged, this, [&] {
            if (seen < 0 && serial->toPlainText().contains(QLatin1String("Hello from Keel!")))
                seen = timer.elapsed();
        });
        timer.start();
        run->actions().run->trigger();
        QVERIFY(waitFor([&] { return seen >= 0; }, kBuildAndBootTimeoutMs));
        disconnect(watch);
        qInfo("F5-to-first-line-ms: %lld", seen);
        QVERIFY(waitForFinished(run));
    }
}

QTEST_MAIN(TestRun)
#include "tst_run.moc"
