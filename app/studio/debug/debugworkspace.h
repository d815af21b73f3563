// Debugging in Keel Studio: Debug (F9) boots the project paused with QEMU's gdbstub, or attaches
// to the run already going, through a DebugController; shows the current line in the editor;
// and owns the debugger docks (Registers, Call Stack, Locals and Watch, Memory, Disassembly,
// Breakpoints), the margin's breakpoint menu and the stepping actions. MainWindow only
// constructs it.
//
//   new Keel::Studio::DebugWorkspace(mainWindow, runWorkspace);
#pragma once

#include "debugcontroller.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QAction;
class QDockWidget;

namespace Keel::Studio {

class BreakpointsPanel;
class CallStackPanel;
class CodeEditor;
class DisassemblyPanel;
class MainWindow;
class MemoryPanel;
class RegistersPanel;
class RunWorkspace;
class VariablesPanel;

struct DebugActions {
    QAction* debug; // F9: start or attach; Continue while stopped
    QAction* pause;
    QAction* stepOver; // F10
    QAction* stepInto; // F11
    QAction* stepOut; // Shift+F11
    QAction* stepInstruction; // Ctrl+F11
    QAction* runToCursor; // Ctrl+F10
    QAction* detach;
};

class DebugWorkspace : public QObject {
    Q_OBJECT
public:
    static constexpr int kCurrentLineMarker = 2;
    static constexpr int kCurrentLineBackground = 3;
    static constexpr int kDisabledBreakpointMarker = 4;

    DebugWorkspace(MainWindow* window, RunWorkspace* run);

    DebugController* controller() const { return m_controller; }
    const DebugActions& actions() const { return m_actions; }
    RegistersPanel* registers() const { return m_registers; }
    CallStackPanel* callStack() const { return m_stack; }
    VariablesPanel* variables() const { return m_variables; }
    MemoryPanel* memory() const { return m_memory; }
    DisassemblyPanel* disassembly() const { return m_disassembly; }
    BreakpointsPanel* breakpointsPanel() const { return m_breakpoints; }
    // Where the current-line marker is: file and 1-based line; empty while not stopped.
    QString currentFile() const { return m_currentFile; }
    int currentLine() const { return m_currentLine; }

    void setBreakpointEnabled(const QString& file, int line, bool enabled);
    void setBreakpointCondition(const QString& file, int line, const QString& condition);

private:
    void createActions();
    void createDocks();
    QDockWidget* addDock(const QString& title, const QString& name, QWidget* widget);
    void placeDocks();
    void raiseDocksOnce();
    void sizeDocks();
    void prepareEditor(CodeEditor* editor);
    void showMarginMenu(CodeEditor* editor, int line);
    void syncBreakpoints();
    void startOrContinue();
    void onStopped(const GdbStopEvent& event);
    void refreshFrameViews();
    void readMemory();
    void showCurrentLine(const QString& file, int line);
    void clearCurrentLine();
    void onEnded(const QString& why);
    void updateActions();

    MainWindow* m_window;
    RunWorkspace* m_run;
    DebugController* m_controller;
    DebugActions m_actions {};
    RegistersPanel* m_registers = nullptr;
    CallStackPanel* m_stack = nullptr;
    VariablesPanel* m_variables = nullptr;
    MemoryPanel* m_memory = nullptr;
    DisassemblyPanel* m_disassembly = nullptr;
    BreakpointsPanel* m_breakpoints = nullptr;
    QList<QDockWidget*> m_docks;
    // The first dock of each of the three groups (see placeDocks()).
    QDockWidget* m_variablesDock = nullptr;
    QDockWidget* m_stackDock = nullptr;
    QDockWidget* m_registersDock = nullptr;
    bool m_raisePending = false; // a session started and has not stopped yet
    bool m_docksSized = false;
    QHash<QString, SourceBreakpoint> m_options; // enabled/condition by location
    QList<QPointer<CodeEditor>> m_prepared;
    QPointer<CodeEditor> m_markedEditor;
    QString m_currentFile;
    int m_currentLine = 0;
    bool m_refreshing = false;
};

} // namespace Keel::Studio
