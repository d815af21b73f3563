#include "runworkspace.h"
#include "displayview.h"
#include "emulatorpanel.h"
#include "monitorconsole.h"
#include "runconfigdialog.h"
#include "serialconsole.h"
#include "serialview.h"

#include "editor/editortabs.h"
#include "mainwindow.h"
#include "workspaceaction.h"

#include "emulator/rfbclient.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

namespace Keel::Studio {

namespace {

QString megabytes(qint64 bytes)
{
    return QStringLiteral("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'g', 4);
}

} // namespace

RunWorkspace::RunWorkspace(MainWindow* window, HistoryStore* history)
    : QObject(window)
    , m_window(window)
    , m_controller(new RunController(window->buildController(), history, this))
    , m_panel(new EmulatorPanel(window))
    , m_stateLabel(new QLabel(window))
    , m_machineLabel(new QLabel(window))
    , m_bootLabel(new QLabel(window))
    , m_exitLabel(new QLabel(window))
{
    setObjectName(QStringLiteral("runWorkspace"));
    createActions();
    addToWindow();
    connect(m_controller, &RunController::runnerCreated, this, &RunWorkspace::attach);
    connect(m_controller, &RunController::stateChanged, this, &RunWorkspace::onStateChanged);
    connect(m_controller, &RunController::finished, this, &RunWorkspace::onFinished);
    connect(m_controller, &RunController::buildFailed, this,
        [this](const QString& message) { m_window->statusBar()->showMessage(message, 10000); });
    connect(m_controller, &RunController::notice, this,
        [this](const QString& message) { m_window->statusBar()->showMessage(message, 10000); });
    connect(m_controller, &RunController::panicked, m_panel, &EmulatorPanel::showPanic);
    connect(m_panel, &EmulatorPanel::sourceRequested, this, [this](const QString& file, int line) {
        m_window->editorTabs()->openFile(file, line);
    });
    connect(m_panel->serial(), &SerialConsole::sendRequested, this, [this](const QByteArray& bytes) {
        if (QemuRunner* runner = m_controller->runner())
            runner->serial()->send(bytes);
    });
    updateActions();
}

void RunWorkspace::createActions()
{
    m_actions.run = m_window->actions().run;
    m_actions.run->setEnabled(true);
    m_actions.run->setToolTip(tr("Save, build if needed and boot the project in QEMU (F5)"));
    m_actions.run->setStatusTip(m_actions.run->toolTip());
    m_actions.stop = makeWorkspaceAction(this, tr("S&top"), QStringLiteral("media-playback-stop"),
        QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_actions.pause = makeWorkspaceAction(this, tr("&Pause"), QStringLiteral("media-playback-pause"));
    m_actions.reset = makeWorkspaceAction(this, tr("R&eset"), QStringLiteral("view-refresh"));
    m_actions.restart = makeWorkspaceAction(this, tr("Rebuild and Re&start"), QStringLiteral("system-reboot"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_actions.screenshot = makeWorkspaceAction(this, tr("Screenshot…"), QStringLiteral("camera-photo"));
    m_actions.configure = makeWorkspaceAction(this, tr("Run &Configuration…"), QStringLiteral("configure"));
    connect(m_actions.run, &QAction::triggered, this, [this] { run(BootMode::Run); });
    connect(m_actions.stop, &QAction::triggered, m_controller, &RunController::stop);
    connect(m_actions.pause, &QAction::triggered, this, [this] {
        if (m_controller->state() == RunController::State::Paused)
            m_controller->resume();
        else
            m_controller->pause();
    });
    connect(m_actions.reset, &QAction::triggered, m_controller, &RunController::reset);
    connect(m_actions.restart, &QAction::triggered, this, [this] {
        if (!m_window->editorTabs()->saveAll())
            return;
        if (m_controller->isActive())
            m_controller->restart();
        else
            run(m_controller->mode());
    });
    connect(m_actions.screenshot, &QAction::triggered, this, &RunWorkspace::takeScreenshot);
    connect(m_actions.configure, &QAction::triggered, this, &RunWorkspace::configure);
}

void RunWorkspace::addToWindow()
{
    m_dock = new QDockWidget(tr("Emulator"), m_window);
    m_dock->setObjectName(QStringLiteral("emulatorDock"));
    m_dock->setWidget(m_panel);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    if (auto* output = m_window->findChild<QDockWidget*>(QStringLiteral("buildOutputDock")))
        m_window->tabifyDockWidget(output, m_dock);
    m_panel->toolBar()->addActions({m_actions.run, m_actions.pause, m_actions.reset,
        m_actions.stop, m_actions.restart});
    m_panel->toolBar()->addSeparator();
    m_panel->toolBar()->addActions({m_actions.screenshot, m_actions.configure});
    for (QMenu* menu : m_window->menuBar()->findChildren<QMenu*>()) {
        if (menu->menuAction()->text() == tr("&Run")) {
            menu->addActions({m_actions.stop, m_actions.pause, m_actions.reset, m_actions.restart});
            menu->addSeparator();
            menu->addActions({m_actions.screenshot, m_actions.configure});
        } else if (menu->menuAction()->text() == tr("&View")) {
            menu->addAction(m_dock->toggleViewAction());
        }
    }
    if (auto* bar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar")))
        bar->addAction(m_actions.stop);
    for (QLabel* label : {m_stateLabel, m_machineLabel, m_bootLabel, m_exitLabel})
        m_window->statusBar()->addPermanentWidget(label);
    m_stateLabel->setObjectName(QStringLiteral("runStateLabel"));
    m_bootLabel->setObjectName(QStringLiteral("runBootLabel"));
    m_exitLabel->setObjectName(QStringLiteral("runExitLabel"));
}

bool RunWorkspace::run(BootMode mode)
{
    const QString project = m_window->projectDir();
    if (project.isEmpty() || m_controller->isActive())
        return false;
    // Boot what the user sees: unsaved edits are saved first, like Build does.
    if (!m_window->editorTabs()->saveAll())
        return false;
    return m_controller->start(project, mode);
}

void RunWorkspace::attach(QemuRunner* runner)
{
    m_panel->clearPanic();
    m_panel->serial()->view()->clearLog();
    m_panel->serial()->view()->startClock();
    m_panel->display()->setClient(nullptr);
    delete m_rfb;
    const RunProfile& profile = runner->profile();
    m_machineLabel->setText(QStringLiteral("%1 · %2 · %3 CPU").arg(machineName(profile.machine),
        megabytes(profile.memoryBytes)).arg(profile.cpus));
    m_bootLabel->setText(tr("boot: …"));
    m_exitLabel->clear();
    connect(runner->serial(), &SerialChannel::dataReceived, m_panel->serial()->view(), &SerialView::appendBytes);
    connect(runner->serial(), &SerialChannel::firstByteReceived, this, [this](qint64 nanoseconds) {
        m_bootLabel->setText(tr("boot: %1 ms").arg(nanoseconds / 1000000));
    });
    m_panel->monitor()->setClient(runner->qmp());
    m_panel->serial()->setInputEnabled(true);
    if (profile.display == Display::Vnc) {
        m_panel->tabs()->setCurrentWidget(m_panel->display());
        connect(runner, &QemuRunner::stateChanged, this, [this, runner](QemuRunner::State state) {
            if ((state == QemuRunner::State::Running || state == QemuRunner::State::Paused) && !m_rfb)
                connectDisplay(runner);
        });
    } else {
        m_panel->display()->setUnavailableText(tr("%1 has no display: its output is on the Serial tab. "
                                                  "Choose pc or q35 in Run Configuration for a screen.")
                                                   .arg(machineName(profile.machine)));
        m_panel->tabs()->setCurrentWidget(m_panel->serial());
    }
    m_dock->show();
    m_dock->raise();
    if (profile.display == Display::Vnc)
        makeRoomForDisplay();
}

void RunWorkspace::makeRoomForDisplay()
{
    // A VGA text screen is 720x400: in a panel the height of Build Output it was scaled to an
    // unreadable strip. Grow the Emulator panel (never shrink it) to show it, within reason.
    constexpr int kDisplayPanelHeight = 400 + 90; // the screen, tabs and tool bar
    const int height = qMin(kDisplayPanelHeight, m_window->height() * 3 / 5);
    if (m_dock->height() < height && !m_dock->isFloating())
        m_window->resizeDocks({m_dock}, {height}, Qt::Vertical);
}

void RunWorkspace::connectDisplay(QemuRunner* runner)
{
    m_rfb = new RfbClient(this);
    connect(m_rfb, &RfbClient::errorOccurred, this, [this](const QString& message) {
        m_panel->display()->setUnavailableText(tr("The guest screen is unavailable: %1").arg(message));
        m_panel->display()->setClient(nullptr);
    });
    m_panel->display()->setClient(m_rfb);
    m_rfb->connectToServer(runner->vncSocketPath());
}

void RunWorkspace::onStateChanged(RunController::State)
{
    m_stateLabel->setText(stateText());
    updateActions();
}

void RunWorkspace::onFinished(const RunResult& result)
{
    m_panel->serial()->view()->flush();
    m_panel->serial()->setInputEnabled(false);
    m_panel->monitor()->setClient(nullptr);
    if (result.firstByteNanoseconds < 0)
        m_bootLabel->setText(tr("boot: no output"));
    if (result.isGuestStatus())
        m_exitLabel->setText(tr("exit status %1").arg(result.guestStatus));
    else if (result.outcome == RunResult::Outcome::Stopped)
        m_exitLabel->setText(tr("stopped"));
    else
        m_exitLabel->setText(tr("failed: %1").arg(result.message));
    if (!result.message.isEmpty() && !result.isGuestStatus())
        m_window->statusBar()->showMessage(result.message, 15000);
    // A guest that exits leaves its last frame on screen; the client's socket is gone.
    if (m_rfb)
        m_rfb->disconnectFromServer();
}

QString RunWorkspace::stateText() const
{
    switch (m_controller->state()) {
    case RunController::State::Idle:
        return m_controller->runner() ? tr("■ Finished") : QString();
    case RunController::State::Building:
        return tr("Building…");
    case RunController::State::Booting:
        return tr("Booting…");
    case RunController::State::Running:
        return tr("▶ Running");
    case RunController::State::Paused:
        return tr("❚❚ Paused");
    case RunController::State::Stopping:
        return tr("Stopping…");
    }
    return {};
}

QString RunWorkspace::statusText() const
{
    QStringList parts;
    for (QLabel* label : {m_stateLabel, m_machineLabel, m_bootLabel, m_exitLabel}) {
        if (!label->text().isEmpty())
            parts << label->text();
    }
    return parts.join(QStringLiteral(" | "));
}

void RunWorkspace::updateActions()
{
    const RunController::State state = m_controller->state();
    const bool live = state == RunController::State::Running || state == RunController::State::Paused;
    m_actions.run->setEnabled(!m_controller->isActive());
    m_actions.stop->setEnabled(m_controller->isActive() && state != RunController::State::Stopping);
    m_actions.pause->setEnabled(live);
    m_actions.pause->setText(state == RunController::State::Paused ? tr("Res&ume") : tr("&Pause"));
    m_actions.reset->setEnabled(live);
    m_actions.restart->setEnabled(state != RunController::State::Building);
}

void RunWorkspace::takeScreenshot()
{
    const QString name = QStringLiteral("screen-%1.png")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-hhmmss")));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save Screenshot"),
        QDir(m_window->projectDir()).filePath(name), tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !m_panel->display()->saveScreenshot(path, &error))
        m_window->statusBar()->showMessage(error, 10000);
}

void RunWorkspace::configure()
{
    const QString project = m_window->projectDir();
    if (project.isEmpty())
        return;
    QString error;
    const std::optional<RunSettings> settings = m_controller->runSettings(&error, project);
    if (!settings) {
        m_window->statusBar()->showMessage(tr("Cannot read keel.toml: %1").arg(error), 10000);
        return;
    }
    RunConfigDialog dialog(project + QStringLiteral("/keel.toml"), *settings, m_window);
    dialog.exec();
}

} // namespace Keel::Studio
