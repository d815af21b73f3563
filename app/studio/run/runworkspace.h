// Run (F5) in Keel Studio: owns the RunController, the Emulator dock and the run actions
// (Run F5, Stop Shift+F5, Pause/Resume, Reset, Rebuild and Restart, Run Configuration…), and
// shows the run's state, machine, memory, boot time and exit status in the status bar.
// MainWindow only constructs it; it adds its own dock, menu entries and toolbar buttons.
//
//   auto* run = new Keel::Studio::RunWorkspace(mainWindow, history);
#pragma once

#include "emulator/rfbclient.h"

#include "runcontroller.h"

#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;
class QLabel;

namespace Keel::Studio {

class EmulatorPanel;
class HistoryStore;
class MainWindow;

struct RunActions {
    QAction* run; // F5 (MainWindow's own action)
    QAction* stop; // Shift+F5
    QAction* pause; // toggles Pause/Resume
    QAction* reset;
    QAction* restart; // Ctrl+Shift+F5
    QAction* screenshot;
    QAction* configure;
};

class RunWorkspace : public QObject {
    Q_OBJECT
public:
    RunWorkspace(MainWindow* window, HistoryStore* history);

    RunController* controller() const { return m_controller; }
    EmulatorPanel* panel() const { return m_panel; }
    QDockWidget* dock() const { return m_dock; }
    const RunActions& actions() const { return m_actions; }
    RfbClient* displayClient() const { return m_rfb; }
    QString statusText() const; // the status bar fields, joined (tests)

    // Saves all editors, then builds and boots; false when nothing started.
    bool run(BootMode mode = BootMode::Run);

private:
    void createActions();
    void addToWindow();
    void attach(QemuRunner* runner);
    void makeRoomForDisplay();
    void connectDisplay(QemuRunner* runner);
    void onStateChanged(RunController::State state);
    void onFinished(const RunResult& result);
    void updateActions();
    void takeScreenshot();
    void configure();
    QString stateText() const;

    MainWindow* m_window;
    RunController* m_controller;
    EmulatorPanel* m_panel;
    QDockWidget* m_dock = nullptr;
    RunActions m_actions {};
    QPointer<RfbClient> m_rfb;
    QLabel* m_stateLabel;
    QLabel* m_machineLabel;
    QLabel* m_bootLabel;
    QLabel* m_exitLabel;
};

} // namespace Keel::Studio
