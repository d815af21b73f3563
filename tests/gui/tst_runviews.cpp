// What a user would see fail without booting anything: a guest flooding the serial port
// freezing the IDE or eating memory, ANSI colours shown as escape garbage, auto-scroll yanking
// the view down while the user reads, keys reaching the guest as the wrong scancodes, the
// monitor history, and the Run Configuration losing keel.toml's comments.
#include "tst_runsupport.h"

#include "run/monitorconsole.h"
#include "run/runconfigdialog.h"
#include "run/serialconsole.h"
#include "run/serialview.h"

#include "emulator/ansitext.h"
#include "emulator/hostkeymap.h"
#include "projectloader.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QTextBlock>

using namespace Keel;
using namespace Keel::Studio;

class TestRunViews : public QObject {
    Q_OBJECT
private slots:
    void ansiColoursSplitAcrossReads();
    void serialFloodStaysResponsiveAndBounded();
    void autoScrollPausesWhileScrolledUp();
    void searchSaveAndInput();
    void keysMapToScancodes();
    void monitorHistoryAndCompletion();
    void runConfigurationKeepsComments();
};

void TestRunViews::ansiColoursSplitAcrossReads()
{
    AnsiText ansi;
    QList<AnsiRun> runs = ansi.feed(QStringLiteral("plain \x1b[1;3"));
    runs += ansi.feed(QStringLiteral("1mred\x1b[0m again\x1b[2J"));
    QCOMPARE(runs.size(), 3);
    QCOMPARE(runs[0].text, QStringLiteral("plain "));
    QCOMPARE(runs[1].text, QStringLiteral("red"));
    QCOMPARE(runs[1].colour, 1);
    QVERIFY(runs[1].bold);
    QCOMPARE(runs[2].text, QStringLiteral(" again"));
    QCOMPARE(runs[2].colour, AnsiRun::kDefaultColour);

    SerialView view;
    view.appendBytes("\x1b[32mgreen\x1b[0m\n");
    view.flush();
    QVERIFY(!view.toPlainText().contains(QChar(0x1b)));
    QTextCursor cursor = view.document()->find(QStringLiteral("green"));
    QVERIFY(!cursor.isNull());
    QCOMPARE(cursor.charFormat().foreground().color(), QColor(13, 160, 70));
}

void TestRunViews::serialFloodStaysResponsiveAndBounded()
{
    SerialView view;
    view.resize(800, 400);
    view.show();
    const QByteArray line = QByteArray(79, 'x') + '\n';
    const QByteArray chunk = line.repeated(2500); // 200 KB: what 20 ms of a 10 MB/s guest brings
    QElapsedTimer timer;
    timer.start();
    qint64 slowest = 0;
    for (int i = 0; i < 50; ++i) { // 10 MB
        QElapsedTimer one;
        one.start();
        view.appendBytes(chunk);
        QCoreApplication::processEvents();
        slowest = qMax(slowest, one.elapsed());
    }
    view.flush();
    QVERIFY2(slowest < 500, qPrintable(QStringLiteral("one append blocked the UI for %1 ms").arg(slowest)));
    QVERIFY2(timer.elapsed() < 8000, qPrintable(QStringLiteral("10 MB took %1 ms").arg(timer.elapsed())));
    QVERIFY(view.document()->blockCount() <= SerialView::kMaxLines);
    QVERIFY(view.toPlainText().endsWith(QString(79, u'x') + u'\n') || view.toPlainText().contains(QString(79, u'x')));
}

void TestRunViews::autoScrollPausesWhileScrolledUp()
{
    SerialView view;
    view.resize(600, 200);
    view.show();
    for (int i = 0; i < 200; ++i)
        view.appendBytes(QByteArray("line ") + QByteArray::number(i) + '\n');
    view.flush();
    QScrollBar* bar = view.verticalScrollBar();
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(view.isFollowing());
    bar->setValue(0);
    QVERIFY(!view.isFollowing());
    view.appendBytes("more\n");
    view.flush();
    QCOMPARE(bar->value(), 0);
    bar->setValue(bar->maximum());
    QVERIFY(view.isFollowing());
    view.appendBytes("and more\n");
    view.flush();
    QCOMPARE(bar->value(), bar->maximum());
}

void TestRunViews::searchSaveAndInput()
{
    QTemporaryDir dir;
    SerialConsole console;
    console.view()->appendBytes("alpha\nbeta\ngamma\n");
    QVERIFY(console.findNext(QStringLiteral("beta")));
    QCOMPARE(console.view()->textCursor().selectedText(), QStringLiteral("beta"));
    QVERIFY(!console.findNext(QStringLiteral("delta")));
    QString error;
    const QString path = dir.filePath(QStringLiteral("serial.log"));
    QVERIFY2(console.saveTo(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(saved.readAll().contains("] gamma"));
    QSignalSpy sent(&console, &SerialConsole::sendRequested);
    console.setInputEnabled(true);
    console.inputLine()->setText(QStringLiteral("hi"));
    QTest::keyClick(console.inputLine(), Qt::Key_Return);
    QCOMPARE(sent.count(), 1);
    QCOMPARE(sent.first().first().toByteArray(), QByteArray("hi\n"));
}

void TestRunViews::keysMapToScancodes()
{
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_A)->scancode, 0x1eu);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_Exclam)->scancode, 0x02u); // Shift is held by the user
    QVERIFY(HostKeyMap::keyFor(Qt::Key_Exclam)->shift == RfbKey::Shift::No);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_Return)->scancode, 0x1cu);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_Up)->scancode, 0xc8u);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_F1)->scancode, 0x3bu);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_F12)->scancode, 0x58u);
    QCOMPARE(HostKeyMap::keyFor(Qt::Key_Control)->scancode, 0x1du);
    QVERIFY(!HostKeyMap::keyFor(Qt::Key_unknown));
}

void TestRunViews::monitorHistoryAndCompletion()
{
    MonitorConsole monitor;
    monitor.execute(QStringLiteral("info status"));
    monitor.execute(QStringLiteral("info mtree"));
    QVERIFY(monitor.output()->toPlainText().contains(QLatin1String("No machine is running")));
    QTest::keyClick(monitor.inputLine(), Qt::Key_Up);
    QCOMPARE(monitor.inputLine()->text(), QStringLiteral("info mtree"));
    QTest::keyClick(monitor.inputLine(), Qt::Key_Up);
    QCOMPARE(monitor.inputLine()->text(), QStringLiteral("info status"));
    QTest::keyClick(monitor.inputLine(), Qt::Key_Down);
    QCOMPARE(monitor.inputLine()->text(), QStringLiteral("info mtree"));
    QVERIFY(MonitorConsole::commonCommands().contains(QStringLiteral("info registers")));
}

void TestRunViews::runConfigurationKeepsComments()
{
    QTemporaryDir dir;
    QString error;
    const QString project = RunTestSupport::createProject(dir, QStringLiteral("hello"), QStringLiteral("cfg"), &error);
    QVERIFY2(!project.isEmpty(), qPrintable(error));
    const QString toml = project + QStringLiteral("/keel.toml");
    auto loaded = ProjectLoader::load(project, nullptr);
    QVERIFY(loaded);
    RunConfigDialog dialog(toml, loaded->run);
    dialog.machineBox()->setCurrentIndex(dialog.machineBox()->findData(QStringLiteral("q35")));
    dialog.memoryField()->setText(QStringLiteral("32M"));
    dialog.cpusBox()->setValue(2);
    dialog.forwardsField()->setText(QStringLiteral("8080:80"));
    dialog.cmdlineField()->setText(QStringLiteral("--verbose"));
    QVERIFY(dialog.apply());
    QFile file(toml);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY2(text.contains(QLatin1String("# pc | q35 | microvm")), qPrintable(text));
    auto reloaded = ProjectLoader::load(project, nullptr);
    QVERIFY(reloaded);
    QCOMPARE(reloaded->run.machine, Machine::Q35);
    QCOMPARE(reloaded->run.memoryBytes, 32ull * 1024 * 1024);
    QCOMPARE(reloaded->run.cpus, 2);
    QCOMPARE(reloaded->run.cmdline, QStringLiteral("--verbose"));
    QCOMPARE(reloaded->run.publish.size(), 1);
    dialog.memoryField()->setText(QStringLiteral("lots"));
    QVERIFY(!dialog.apply());
}

QTEST_MAIN(TestRunViews)
#include "tst_runviews.moc"
