// What a user would see fail: the wizard offering no templates or no description, accepting a
// name or folder that cannot work, or creating a project that differs from `keel new`'s
// (both go through builder's ProjectCreator; this checks the wizard adds nothing of its own).
#include "wizard/locationpage.h"
#include "wizard/machinepage.h"
#include "wizard/newprojectwizard.h"
#include "wizard/templatepage.h"

#include "keeltree.h"
#include "manifestregistry.h"
#include "projectcreator.h"
#include "projectloader.h"

#include <QDirIterator>
#include <QLabel>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keel;
using namespace Keel::Studio;

namespace {

QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        files.insert(QDir(dir).relativeFilePath(path), file.readAll());
    }
    return files;
}

} // namespace

class TestNewProjectWizard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void showsTemplatesWithDescriptions();
    void validatesNameAndLocation();
    void showsTemplateMachineAndFeatures();
    void createsProjectLikeKeelNew();
    void refusesNonEmptyTargetOnFinish();
    void writesChangedMachineMemoryAndFeatures();
    void rejectsBadMemory();

private:
    QList<TemplateInfo> m_templates;
    QList<ModuleManifest> m_modules;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestNewProjectWizard::initTestCase()
{
    QString error;
    const auto tree = KeelTree::locate(&error);
    QVERIFY2(tree, qPrintable(error));
    m_templates = TemplateCatalog(tree->templatesDir()).templates();
    QVERIFY(!m_templates.isEmpty());
    QVERIFY(TemplateCatalog(tree->templatesDir()).find("hello"));
    ManifestRegistry registry;
    Diagnostics diagnostics;
    QVERIFY(registry.discover(tree->kernelDir(), &diagnostics));
    m_modules = registry.modules();
}

void TestNewProjectWizard::showsTemplatesWithDescriptions()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    wizard.selectTemplate("hello");
    QCOMPARE(wizard.templatePage()->selected()->name, QStringLiteral("hello"));
    QVERIFY(wizard.templatePage()->isComplete());
    const auto labels = wizard.templatePage()->findChildren<QLabel*>();
    const bool described = std::any_of(labels.begin(), labels.end(), [&](QLabel* label) {
        return !label->text().isEmpty()
            && label->text() == wizard.templatePage()->selected()->description;
    });
    QVERIFY(described);
    QCOMPARE(wizard.locationPage()->projectName(), QStringLiteral("hello")); // suggested
}

void TestNewProjectWizard::validatesNameAndLocation()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    LocationPage* page = wizard.locationPage();
    page->setProjectName("my app");
    QVERIFY(!page->isComplete());
    QVERIFY(page->problem().contains("not valid"));
    page->setProjectName("");
    QVERIFY(!page->isComplete());
    page->setProjectName("demo");
    QVERIFY2(page->isComplete(), qPrintable(page->problem()));
    QCOMPARE(page->targetDir(), m_dir->filePath("demo"));
    QDir().mkpath(m_dir->filePath("demo/src"));
    page->setProjectName("demo"); // now exists and is not empty
    QVERIFY(!page->isComplete());
    QVERIFY(page->problem().contains("not empty"));
    page->setProjectName("fresh");
    page->setParentDir(m_dir->filePath("missing"));
    QVERIFY(!page->isComplete());
    QVERIFY(page->problem().contains("does not exist"));
}

void TestNewProjectWizard::showsTemplateMachineAndFeatures()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    wizard.selectTemplate("hello");
    QCOMPARE(wizard.machinePage()->machine(), QStringLiteral("microvm"));
    QCOMPARE(wizard.machinePage()->memory(), QStringLiteral("16M"));
    QVERIFY(wizard.machinePage()->features().contains("serial"));
}

void TestNewProjectWizard::createsProjectLikeKeelNew()
{
    NewProjectWizard wizard(m_templates, m_dir->filePath(""));
    wizard.machinePage()->setModules(m_modules); // offered, but left as the template has them
    wizard.selectTemplate("hello");
    wizard.locationPage()->setProjectName("demo");
    wizard.accept();
    QVERIFY2(wizard.lastError().isEmpty(), qPrintable(wizard.lastError()));
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
    QCOMPARE(wizard.createdProjectDir(), m_dir->filePath("demo"));

    QTemporaryDir reference;
    QString error;
    const auto templ = std::find_if(m_templates.begin(), m_templates.end(),
        [](const TemplateInfo& t) { return t.name == "hello"; });
    QVERIFY(ProjectCreator::create(*templ, reference.filePath("demo"), "demo", &error));
    const auto created = snapshot(m_dir->filePath("demo"));
    QVERIFY(created.contains("keel.toml"));
    QVERIFY(created.value("keel.toml").contains("name = \"demo\""));
    QCOMPARE(created, snapshot(reference.filePath("demo")));
}

void TestNewProjectWizard::refusesNonEmptyTargetOnFinish()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    wizard.selectTemplate("hello");
    wizard.locationPage()->setProjectName("taken");
    QDir().mkpath(m_dir->filePath("taken"));
    QFile marker(m_dir->filePath("taken/notes.txt"));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    wizard.accept(); // e.g. the folder filled up after the page was validated
    QVERIFY(wizard.lastError().contains("not empty"));
    QVERIFY(wizard.createdProjectDir().isEmpty());
    QCOMPARE(QDir(m_dir->filePath("taken")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
        QStringList {"notes.txt"});
}

void TestNewProjectWizard::writesChangedMachineMemoryAndFeatures()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    wizard.machinePage()->setModules(m_modules);
    wizard.selectTemplate("hello");
    wizard.locationPage()->setProjectName("custom");
    MachinePage* page = wizard.machinePage();
    page->setMachine("q35");
    page->setMemory("64M");
    page->setFeatureChecked("heap", false);
    page->setFeatureChecked("vga", true);
    QVERIFY(page->isComplete());
    wizard.accept();
    QVERIFY2(wizard.lastError().isEmpty(), qPrintable(wizard.lastError()));

    Diagnostics diagnostics;
    const auto project = ProjectLoader::load(wizard.createdProjectDir(), &diagnostics);
    QVERIFY(project);
    QCOMPARE(project->run.machine, Machine::Q35);
    QCOMPARE(project->run.memoryText, QStringLiteral("64M"));
    QStringList ids;
    for (const FeatureRequest& request : project->features)
        ids << request.id;
    QCOMPARE(ids, (QStringList {"serial", "vga"}));
    QFile toml(wizard.createdProjectDir() + "/keel.toml");
    QVERIFY(toml.open(QIODevice::ReadOnly));
    const QByteArray text = toml.readAll();
    QVERIFY2(text.contains("machine = \"q35\"      # pc | q35 | microvm"), text.constData());
}

void TestNewProjectWizard::rejectsBadMemory()
{
    NewProjectWizard wizard(m_templates, m_dir->path());
    wizard.selectTemplate("hello");
    wizard.machinePage()->setMemory("lots");
    QVERIFY(!wizard.machinePage()->isComplete());
    QVERIFY(wizard.machinePage()->problem().contains("not a size"));
    wizard.machinePage()->setMemory("512K");
    QVERIFY(wizard.machinePage()->problem().contains("at least 1M"));
}

QTEST_MAIN(TestNewProjectWizard)
#include "tst_newprojectwizard.moc"
