// studio-screenshots OUTDIR: under a real X server (tests/gui/screenshots.sh runs it in Xvfb)
// creates a project from the hello template, opens it in Keel Studio, builds it, turns on the
// timer feature and opens the New Project wizard, saving a screenshot of the X screen at each
// step: main-window.png, features-panel.png, main-window-dark.png (the Dark theme),
// wizard-template.png, wizard-machine.png.
#include "build/buildcontroller.h"
#include "features/featurespanel.h"
#include "guitestsupport.h"
#include "history/historystore.h"
#include "mainwindow.h"
#include "settings/themes.h"
#include "wizard/locationpage.h"
#include "wizard/machinepage.h"
#include "wizard/newprojectwizard.h"

#include <QApplication>
#include <QDockWidget>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <cstdio>

using namespace Keel::Studio;

namespace {

bool shoot(const QString& path, const QRect& area = {})
{
    QTest::qWait(700); // let the X server and the compositor-free Xvfb settle
    QScreen* screen = QGuiApplication::primaryScreen();
    const QRect rect = area.isValid() ? area : screen->geometry();
    const bool ok
        = screen->grabWindow(0, rect.x(), rect.y(), rect.width(), rect.height()).save(path);
    std::printf("%s %s\n", ok ? "saved" : "FAILED", qPrintable(path));
    return ok;
}

QRect globalRect(QWidget* widget)
{
    return QRect(widget->mapToGlobal(QPoint(0, 0)), widget->size());
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName("Keel");
    QCoreApplication::setApplicationName("Keel Studio");
    if (argc != 2) {
        std::fprintf(stderr, "usage: studio-screenshots OUTDIR\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir work;
    QString error;
    const QString project = KeelGuiTest::createFromTemplate(work.path(), "hello", "hello", &error);
    if (project.isEmpty()) {
        std::fprintf(stderr, "studio-screenshots: %s\n", qPrintable(error));
        return 1;
    }
    HistoryStore history(work.filePath("keel.db"));
    history.open(nullptr);
    MainWindow window(&history);
    window.move(0, 0);
    window.resize(QGuiApplication::primaryScreen()->availableGeometry().size());
    window.show();
    window.openProject(project);
    QSignalSpy built(window.buildController(), &BuildController::finished);
    window.actions().build->trigger();
    built.wait(600000);
    bool ok = shoot(out + "/main-window.png");

    // The panel floated at a readable size; docked, it shares the right-hand column.
    QDockWidget* dock = window.findChild<QDockWidget*>("featuresDock");
    dock->raise();
    dock->setFloating(true);
    dock->setGeometry(40, 40, 460, 700);
    FeaturesPanel* features = window.featuresPanel();
    features->itemFor("timer")->setCheckState(0, Qt::Checked);
    features->selectFeature("heap");
    ok = shoot(out + "/features-panel.png", globalRect(dock)) && ok;
    dock->setFloating(false);

    Themes::apply(Theme::Dark);
    ok = shoot(out + "/main-window-dark.png") && ok;
    Themes::apply(Theme::Light);

    NewProjectWizard wizard(window.templates(), work.path(), &window);
    wizard.machinePage()->setModules(features->selection()->registry().modules());
    wizard.selectTemplate("hello");
    wizard.show();
    ok = shoot(out + "/wizard-template.png", globalRect(&wizard)) && ok;
    wizard.next();
    wizard.locationPage()->setProjectName("demo");
    wizard.next();
    ok = shoot(out + "/wizard-machine.png", globalRect(&wizard)) && ok;
    return ok ? 0 : 1;
}
