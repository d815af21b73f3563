// The Deploy panel against libvirt's test:///default driver (the real libvirt API with a fake
// hypervisor; one private state per connection, which the panel's worker keeps open). What a
// user would see fail: Connect showing nothing or freezing the window, Deploy not building and
// listing the project's replicas, Stop/Start/Remove not changing the table, the log view
// missing, or a foreign domain showing up as Keel's.
#include "deploybackend.h"
#include "deploypanel.h"
#include "picovmmodel.h"

#include "keeltree.h"
#include "projectcreator.h"
#include "templatecatalog.h"

#include <QDialog>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Keel;
using namespace Keel::Studio;

namespace {
constexpr int kBuildTimeoutMs = 300000; // a cold release build on a busy two-core machine
constexpr int kLibvirtTimeoutMs = 10000;
} // namespace

class TestDeployPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void connectsOffTheUiThreadAndListsOnlyKeelDomains();
    void deploysTheProjectAndDrivesItsReplicas();
    void badUriIsShownAndDeployStaysDisabled();

private:
    bool waitIdle(DeployPanel& panel, int timeoutMs);
    void select(DeployPanel& panel, const QString& name);

    QTemporaryDir m_dir;
    QString m_project;
};

void TestDeployPanel::initTestCase()
{
    QString error;
    const auto tree = KeelTree::locate(&error);
    QVERIFY2(tree, qPrintable(error));
    const auto helloForever = TemplateCatalog(tree->templatesDir()).find(QStringLiteral("hello-forever"));
    QVERIFY(helloForever);
    m_project = m_dir.filePath(QStringLiteral("fleet"));
    QVERIFY2(ProjectCreator::create(*helloForever, m_project, QStringLiteral("fleet"), &error), qPrintable(error));
}

bool TestDeployPanel::waitIdle(DeployPanel& panel, int timeoutMs)
{
    QSignalSpy busy(&panel, &DeployPanel::busyChanged);
    return QTest::qWaitFor([&] { return !busy.isEmpty() && !busy.last().first().toBool(); }, timeoutMs);
}

void TestDeployPanel::select(DeployPanel& panel, const QString& name)
{
    const int row = panel.model()->rowOf(name);
    QVERIFY2(row >= 0, qPrintable(name));
    panel.table()->selectRow(row);
}

void TestDeployPanel::connectsOffTheUiThreadAndListsOnlyKeelDomains()
{
    DeployPanel panel([this] { return m_project; });
    panel.show();
    QVERIFY(panel.workerThread()->isRunning());
    QVERIFY(panel.workerThread() != QThread::currentThread());
    QVERIFY(!panel.button(QStringLiteral("deployProject"))->isEnabled()); // nothing to deploy to yet
    panel.uriEdit()->setText(QStringLiteral("test:///default"));
    QSignalSpy busy(&panel, &DeployPanel::busyChanged);
    panel.button(QStringLiteral("deployConnect"))->click();
    // The click returns at once: the connection is opened by the worker.
    QVERIFY(!panel.button(QStringLiteral("deployConnect"))->isEnabled());
    QVERIFY(QTest::qWaitFor([&] { return busy.size() >= 2; }, kLibvirtTimeoutMs));
    QVERIFY2(panel.statusText().contains(QStringLiteral("Connected to test:///default")), qPrintable(panel.statusText()));
    QVERIFY(panel.button(QStringLiteral("deployProject"))->isEnabled());
    QTest::qWait(100);
    QCOMPARE(panel.model()->rowCount(), 0); // the driver's own domain "test" is not Keel's
}

void TestDeployPanel::deploysTheProjectAndDrivesItsReplicas()
{
    DeployPanel panel([this] { return m_project; });
    panel.show();
    panel.connectTo(QStringLiteral("test:///default"));
    QVERIFY(waitIdle(panel, kLibvirtTimeoutMs));
    panel.replicas()->setValue(3);
    panel.button(QStringLiteral("deployProject"))->click();
    QVERIFY(waitIdle(panel, kBuildTimeoutMs));
    QVERIFY2(panel.statusText().contains(QStringLiteral("deployed 3 × fleet")), qPrintable(panel.statusText()));
    QVERIFY(QTest::qWaitFor([&] { return panel.model()->rowCount() == 3; }, kLibvirtTimeoutMs));
    const QAbstractItemModel* model = panel.model();
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model->index(row, PicoVmModel::Name).data().toString(), QStringLiteral("fleet-%1").arg(row + 1));
        QCOMPARE(model->index(row, PicoVmModel::State).data().toString(), QStringLiteral("running"));
        QVERIFY(model->index(row, PicoVmModel::Version).data().toString().startsWith(QStringLiteral("0.1.0 (")));
        QCOMPARE(model->index(row, PicoVmModel::Memory).data().toString(), QStringLiteral("16.0 MiB"));
    }

    // Under Xvfb (tests/gui/deploy-xvfb.sh) this is the picture to look at.
    if (const QString shot = qEnvironmentVariable("KEEL_DEPLOY_SCREENSHOT"); !shot.isEmpty()) {
        panel.resize(900, 360);
        select(panel, QStringLiteral("fleet-1"));
        QTest::qWait(200);
        QVERIFY(panel.grab().save(shot));
    }
    select(panel, QStringLiteral("fleet-2"));
    QVERIFY(panel.button(QStringLiteral("deployStop"))->isEnabled());
    panel.button(QStringLiteral("deployStop"))->click();
    QVERIFY(waitIdle(panel, kLibvirtTimeoutMs));
    QTRY_COMPARE(model->index(1, PicoVmModel::State).data().toString(), QStringLiteral("shut off"));
    QCOMPARE(model->index(1, PicoVmModel::Uptime).data().toString(), QStringLiteral("–"));
    QCOMPARE(model->index(0, PicoVmModel::State).data().toString(), QStringLiteral("running"));
    select(panel, QStringLiteral("fleet-2"));
    panel.button(QStringLiteral("deployStart"))->click();
    QVERIFY(waitIdle(panel, kLibvirtTimeoutMs));
    QTRY_COMPARE(model->index(1, PicoVmModel::State).data().toString(), QStringLiteral("running"));

    select(panel, QStringLiteral("fleet-1"));
    panel.button(QStringLiteral("deployLog"))->click();
    QTRY_VERIFY(panel.logView() && panel.logView()->isVisible());
    QVERIFY(panel.logView()->isReadOnly());
    // The test driver runs nothing, so there is no log file; the view says so instead of hanging.
    QVERIFY2(panel.logView()->toPlainText().contains(QStringLiteral("fleet-1.serial.log")),
        qPrintable(panel.logView()->toPlainText()));

    select(panel, QStringLiteral("fleet-3"));
    panel.button(QStringLiteral("deployRemove"))->click();
    QVERIFY(waitIdle(panel, kLibvirtTimeoutMs));
    QTRY_COMPARE(panel.model()->rowCount(), 2);
    QCOMPARE(panel.model()->rowOf(QStringLiteral("fleet-3")), -1);
}

void TestDeployPanel::badUriIsShownAndDeployStaysDisabled()
{
    DeployPanel panel([this] { return m_project; });
    panel.connectTo(QStringLiteral("bogus:///nothing"));
    QVERIFY(waitIdle(panel, kLibvirtTimeoutMs));
    QVERIFY2(panel.statusText().contains(QStringLiteral("cannot connect to libvirt at 'bogus:///nothing'")),
        qPrintable(panel.statusText()));
    QVERIFY(!panel.button(QStringLiteral("deployProject"))->isEnabled());
    QVERIFY(panel.button(QStringLiteral("deployConnect"))->isEnabled());
}

QTEST_MAIN(TestDeployPanel)
#include "tst_deploypanel.moc"
