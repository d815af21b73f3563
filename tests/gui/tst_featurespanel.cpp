// What a user would see fail: checking a feature not reaching keel.toml (or wiping its
// comments), a feature pulled in by another without saying why, a conflict written anyway or
// explained without a way out, an option accepted that the builder then rejects, the open
// keel.toml tab showing stale text, or the search not finding a feature.
#include "editor/editortabs.h"
#include "fakeprompt.h"
#include "features/featurespanel.h"
#include "features/optioneditor.h"
#include "guitestsupport.h"
#include "mainwindow.h"

#include "projectloader.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTreeWidget>

using namespace Keel;
using namespace Keel::Studio;
using KeelGuiTest::readFile;
using KeelGuiTest::writeFile;

namespace {

ManifestRegistry registryFrom(const QStringList& manifests)
{
    ManifestRegistry registry;
    for (const QString& text : manifests) {
        Diagnostics diagnostics;
        auto manifest = ModuleManifest::parse(text, "/kernel/x/module.toml", &diagnostics);
        if (manifest)
            registry.add(*manifest);
    }
    return registry;
}

// core; a and b conflict; c depends on d; e is on by default.
ManifestRegistry conflictRegistry()
{
    return registryFrom({
        "id = \"core\"\ncategory = \"Core\"\ndefault = true\n",
        "id = \"a\"\ncategory = \"Test\"\ndepends = \"core\"\n",
        "id = \"b\"\ncategory = \"Test\"\nconflicts = [\"a\"]\n",
        "id = \"c\"\ncategory = \"Test\"\ndepends = \"d\"\n",
        "id = \"d\"\ncategory = \"Test\"\n",
        "id = \"e\"\ncategory = \"Test\"\ndefault = true\n",
    });
}

void check(FeaturesPanel* panel, const QString& id, bool on)
{
    QTreeWidgetItem* item = panel->itemFor(id);
    QVERIFY2(item, qPrintable(id));
    item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
}

QStringList requested(const QString& tomlPath)
{
    Diagnostics diagnostics;
    const auto project
        = ProjectLoader::parse(QString::fromUtf8(readFile(tomlPath)), tomlPath, &diagnostics);
    QStringList ids;
    for (const FeatureRequest& request : project ? project->features : QList<FeatureRequest>())
        ids << request.id;
    return ids;
}

} // namespace

class TestFeaturesPanel : public QObject {
    Q_OBJECT
private slots:
    void init();
    void timerPullsInInterruptsAndSaysWhy();
    void conflictIsExplainedWithAFix();
    void missingDependencyIsOfferedAsFix();
    void defaultFeatureOffGoesToDisable();
    void optionsAreValidatedBeforeWriting();
    void searchFiltersByIdTitleAndHelp();
    void showsSizeFromLastBuild();
    void mainWindowReloadsOpenKeelTomlTab();
    void httpPullsInNetWhenPresent();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_project;
    QString m_toml;
};

void TestFeaturesPanel::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QString error;
    m_project = KeelGuiTest::createFromTemplate(m_dir->path(), "hello", "hello", &error);
    QVERIFY2(!m_project.isEmpty(), qPrintable(error));
    m_toml = m_project + "/keel.toml";
}

void TestFeaturesPanel::timerPullsInInterruptsAndSaysWhy()
{
    MainWindow window(nullptr);
    QVERIFY(window.openProject(m_project));
    FeaturesPanel* panel = window.featuresPanel();
    const QByteArray before = readFile(m_toml);
    QVERIFY(panel->itemFor("timer"));
    QCOMPARE(panel->itemFor("timer")->checkState(0), Qt::Unchecked);
    check(panel, "timer", true);

    QCOMPARE(requested(m_toml), (QStringList {"serial", "heap", "timer"}));
    // Only the features line changed; the template's comments are all still there.
    QByteArray expected = before;
    expected.replace(
        "features = [\"serial\", \"heap\"]", "features = [\"serial\", \"heap\", \"timer\"]");
    QCOMPARE(readFile(m_toml), expected);
    QVERIFY2(panel->messageText().contains("interrupts: selected by timer"),
        qPrintable(panel->messageText()));
    QTreeWidgetItem* interrupts = panel->itemFor("interrupts");
    QCOMPARE(interrupts->checkState(0), Qt::Checked);
    QVERIFY(!(interrupts->flags() & Qt::ItemIsUserCheckable)); // held on by timer
    QVERIFY(interrupts->toolTip(0).contains("selected by timer"));

    check(panel, "timer", false);
    QCOMPARE(requested(m_toml), (QStringList {"serial", "heap"}));
    QCOMPARE(readFile(m_toml), before);
    QCOMPARE(panel->itemFor("interrupts")->checkState(0), Qt::Unchecked);
}

void TestFeaturesPanel::conflictIsExplainedWithAFix()
{
    writeFile(m_toml, "[project]\nname = \"t\"\n\n[kernel]\nfeatures = [\"a\"] # mine\n");
    FeaturesPanel panel;
    panel.setRegistry(conflictRegistry());
    panel.setProject(m_toml);
    check(&panel, "b", true);
    QCOMPARE(requested(m_toml), QStringList {"a"}); // not written
    QCOMPARE(panel.itemFor("b")->checkState(0), Qt::Unchecked);
    QVERIFY2(panel.messageText().contains("conflict"), qPrintable(panel.messageText()));
    QVERIFY(!panel.fixButton()->isHidden());
    QVERIFY2(
        panel.fixButton()->text().contains("turn off a"), qPrintable(panel.fixButton()->text()));
    panel.fixButton()->click();
    QCOMPARE(requested(m_toml), QStringList {"b"});
    QVERIFY(readFile(m_toml).contains("features = [\"b\"] # mine\n"));
    QCOMPARE(panel.itemFor("a")->checkState(0), Qt::Unchecked);
    QCOMPARE(panel.itemFor("b")->checkState(0), Qt::Checked);
}

void TestFeaturesPanel::missingDependencyIsOfferedAsFix()
{
    writeFile(m_toml, "[project]\nname = \"t\"\n\n[kernel]\nfeatures = []\n");
    FeaturesPanel panel;
    panel.setRegistry(conflictRegistry());
    panel.setProject(m_toml);
    check(&panel, "c", true);
    QVERIFY2(panel.messageText().contains("depends on d"), qPrintable(panel.messageText()));
    QVERIFY(panel.fixButton()->text().contains("turn on c, d"));
    panel.fixButton()->click();
    QCOMPARE(requested(m_toml), (QStringList {"c", "d"}));
}

void TestFeaturesPanel::defaultFeatureOffGoesToDisable()
{
    writeFile(m_toml, "[project]\nname = \"t\"\n\n[kernel]\nfeatures = []\n");
    FeaturesPanel panel;
    panel.setRegistry(conflictRegistry());
    panel.setProject(m_toml);
    QCOMPARE(panel.itemFor("e")->checkState(0), Qt::Checked);
    check(&panel, "e", false);
    QVERIFY2(readFile(m_toml).contains("disable = [\"e\"]"), readFile(m_toml).constData());
    check(&panel, "e", true);
    QVERIFY(readFile(m_toml).contains("disable = []"));
    QCOMPARE(requested(m_toml), QStringList {});
}

void TestFeaturesPanel::optionsAreValidatedBeforeWriting()
{
    MainWindow window(nullptr);
    QVERIFY(window.openProject(m_project));
    FeaturesPanel* panel = window.featuresPanel();
    panel->selectFeature("heap");
    QVERIFY(panel->detailsText().contains("Heap (heap)"));
    OptionEditor* size = panel->optionEditor("heap", "size");
    QVERIFY(size);
    auto* line = qobject_cast<QLineEdit*>(size->input());
    QVERIFY(line);
    line->setText("lots");
    line->setModified(true);
    emit line->editingFinished();
    QVERIFY(readFile(m_toml).contains("heap.size = \"0\""));
    QVERIFY(size->findChild<QLabel*>()->text().contains("not a size"));

    line->setText("2M");
    line->setModified(true);
    emit line->editingFinished();
    QVERIFY2(readFile(m_toml).contains("heap.size = \"2M\"          # bytes the heap may take"),
        readFile(m_toml).constData());
    QCOMPARE(panel->selection()->optionValue("heap", "size").toLongLong(), 2 * 1024 * 1024);
}

void TestFeaturesPanel::searchFiltersByIdTitleAndHelp()
{
    MainWindow window(nullptr);
    QVERIFY(window.openProject(m_project));
    FeaturesPanel* panel = window.featuresPanel();
    panel->searchField()->setText("UART");
    QVERIFY(!panel->itemFor("serial")->isHidden());
    QVERIFY(panel->itemFor("heap")->isHidden());
    QVERIFY(panel->itemFor("heap")->parent()->isHidden()); // the empty Memory category too
    panel->searchField()->clear();
    QVERIFY(!panel->itemFor("heap")->isHidden());
}

void TestFeaturesPanel::showsSizeFromLastBuild()
{
    MainWindow window(nullptr);
    QVERIFY(window.openProject(m_project));
    FeaturesPanel* panel = window.featuresPanel();
    panel->setFeatureSizes({{"serial", 2048}, {"heap", 4096}});
    QCOMPARE(panel->itemFor("serial")->text(1), QLocale().formattedDataSize(2048));
    QCOMPARE(panel->itemFor("timer")->text(1), QString()); // off: no size
}

void TestFeaturesPanel::mainWindowReloadsOpenKeelTomlTab()
{
    MainWindow window(nullptr);
    PromptLog log;
    window.editorTabs()->setPrompt(std::make_unique<FakePrompt>(&log, SaveChoice::Discard));
    QVERIFY(window.openProject(m_project));
    CodeEditor* editor = window.editorTabs()->openFile(m_toml);
    QVERIFY(editor);
    check(window.featuresPanel(), "rtc", true);
    QVERIFY(editor->text().contains("\"rtc\""));
    QVERIFY(!editor->isModified());
    QVERIFY(log.reloadQuestions.isEmpty()); // unmodified: reloaded without asking

    // Saving keel.toml in the editor updates the panel.
    editor->setText(editor->text().replace(", \"rtc\"", ""));
    QVERIFY(window.editorTabs()->save(editor));
    QCOMPARE(window.featuresPanel()->itemFor("rtc")->checkState(0), Qt::Unchecked);
}

void TestFeaturesPanel::httpPullsInNetWhenPresent()
{
    MainWindow window(nullptr);
    QVERIFY(window.openProject(m_project));
    FeaturesPanel* panel = window.featuresPanel();
    QVERIFY2(panel->itemFor("http") && panel->itemFor("net"), "kernel/http and kernel/net are listed");
    check(panel, "http", true);
    if (!panel->fixButton()->isHidden())
        panel->fixButton()->click(); // http may depend on (rather than select) net
    QVERIFY(requested(m_toml).contains("http"));
    QCOMPARE(panel->itemFor("net")->checkState(0), Qt::Checked);
    QVERIFY2(panel->messageText().contains("net"), qPrintable(panel->messageText()));
}

KEEL_GUI_TEST_MAIN(TestFeaturesPanel)

#include "tst_featurespanel.moc"
