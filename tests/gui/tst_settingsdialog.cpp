// What a user would see fail: qemu or gdb not found although installed, a wrong path saved
// and the next run failing, settings forgotten after a restart, or the light/dark theme
// leaving the window (or the editor) in the other colours.
#include "guitestsupport.h"
#include "editor/codeeditor.h"
#include "editor/editortheme.h"
#include "settings/settingsdialog.h"
#include "settings/themes.h"
#include "settings/toolpaths.h"
#include "studiosettings.h"

#include <QApplication>
#include <QComboBox>
#include <QFontComboBox>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryFile>
#include <QtTest>

using namespace Keel::Studio;

class TestSettingsDialog : public QObject {
    Q_OBJECT
private slots:
    void init() { QSettings().clear(); }
    void detectsQemuAndGdb();
    void refusesAPathThatDoesNotRun();
    void savesAndRestoresEverything();
    void darkAndLightThemesRecolourWindowAndEditor();
};

void TestSettingsDialog::detectsQemuAndGdb()
{
    const QString qemu = ToolPaths::detect(ToolPaths::kQemu);
    QVERIFY2(!qemu.isEmpty(), "qemu-system-x86_64 is installed by scripts/setup.sh");
    SettingsDialog dialog;
    QCOMPARE(dialog.qemuField()->text(), qemu);
    QVERIFY2(
        dialog.qemuStatus().contains("QEMU emulator version"), qPrintable(dialog.qemuStatus()));
    QVERIFY2(dialog.gdbStatus().contains("GNU gdb"), qPrintable(dialog.gdbStatus()));
}

void TestSettingsDialog::refusesAPathThatDoesNotRun()
{
    SettingsDialog dialog;
    dialog.qemuField()->setText("/nonexistent/qemu");
    QVERIFY(!dialog.save());
    QVERIFY(dialog.qemuStatus().contains("does not exist"));
    QVERIFY(QSettings().value("tools/qemu").toString().isEmpty()); // nothing saved
    QTemporaryFile notAProgram;
    QVERIFY(notAProgram.open()); // created 0600: not executable
    dialog.gdbField()->setText(notAProgram.fileName());
    dialog.qemuField()->clear(); // empty: detect on PATH
    QVERIFY(!dialog.save());
    QVERIFY(dialog.gdbStatus().contains("not an executable"));
}

void TestSettingsDialog::savesAndRestoresEverything()
{
    {
        SettingsDialog dialog;
        dialog.machineBox()->setCurrentIndex(dialog.machineBox()->findData("q35"));
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData("dark"));
        dialog.fontSizeBox()->setValue(15);
        QVERIFY(dialog.save());
    }
    QCOMPARE(StudioSettings::defaultMachine(), QStringLiteral("q35"));
    QCOMPARE(StudioSettings::theme(), Theme::Dark);
    QCOMPARE(StudioSettings::editorFont().pointSize(), 15);
    QCOMPARE(StudioSettings::qemuPath(), ToolPaths::detect(ToolPaths::kQemu));
    SettingsDialog again;
    QCOMPARE(again.machineBox()->currentData().toString(), QStringLiteral("q35"));
    QCOMPARE(again.themeBox()->currentData().toString(), QStringLiteral("dark"));
    QCOMPARE(again.fontSizeBox()->value(), 15);
}

void TestSettingsDialog::darkAndLightThemesRecolourWindowAndEditor()
{
    CodeEditor editor;
    Themes::apply(Theme::Dark);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 100);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() > 180);
    QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
    EditorTheme::apply(&editor, QApplication::palette());
    QVERIFY(editor.paper().lightness() < 100);

    Themes::apply(Theme::Light);
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 200);
    QVERIFY(QApplication::palette().color(QPalette::WindowText).lightness() < 80);
    EditorTheme::apply(&editor, QApplication::palette());
    QVERIFY(editor.paper().lightness() > 200);

    Themes::apply(Theme::System);
    QCOMPARE(QApplication::palette(), Themes::palette(Theme::System));
}

KEEL_GUI_TEST_MAIN(TestSettingsDialog)

#include "tst_settingsdialog.moc"
