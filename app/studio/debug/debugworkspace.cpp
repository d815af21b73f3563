#include "debugworkspace.h"
#include "breakpointspanel.h"
#include "callstackpanel.h"
#include "disassemblypanel.h"
#include "memorypanel.h"
#include "registerspanel.h"
#include "variablespanel.h"

#include "editor/editortabs.h"
#include "mainwindow.h"
#include "run/workspaceaction.h"
#include "run/runworkspace.h"

#include <QDockWidget>
#include <QLayout>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

namespace Keel::Studio {

namespace {

constexpr int kDisassemblyCount = 40;

} // namespace

DebugWorkspace::DebugWorkspace(MainWindow* window, RunWorkspace* run)
    : QObject(window)
    , m_window(window)
    , m_run(run)
    , m_controller(new DebugController(run->controller(), this))
{
    setObjectName(QStringLiteral("debugWorkspace"));
    createActions();
    createDocks();
    connect(m_controller, &DebugController::stateChanged, this, &DebugWorkspace::updateActions);
    connect(m_controller, &DebugController::stopped, this, &DebugWorkspace::onStopped);
    connect(m_controller, &DebugController::ended, this, &DebugWorkspace::onEnded);
    connect(m_controller, &DebugController::message, this,
        [this](const QString& text) { m_window->statusBar()->showMessage(text, 10000); });
    connect(m_controller, &DebugController::stateChanged, this, [this](DebugController::State state) {
        if (state == DebugController::State::Running)
            clearCurrentLine();
    });
    connect(m_window->editorTabs(), &EditorTabs::currentEditorChanged, this, &DebugWorkspace::prepareEditor);
    updateActions();
}

void DebugWorkspace::createActions()
{
    m_actions.debug = makeWorkspaceAction(this, tr("Start &Debugging"), QStringLiteral("debug-run"), Qt::Key_F9);
    m_actions.pause = makeWorkspaceAction(this, tr("&Interrupt"), QStringLiteral("media-playback-pause"),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F9));
    m_actions.stepOver = makeWorkspaceAction(this, tr("Step &Over"), QStringLiteral("debug-step-over"), Qt::Key_F10);
    m_actions.stepInto = makeWorkspaceAction(this, tr("Step &Into"), QStringLiteral("debug-step-into"), Qt::Key_F11);
    m_actions.stepOut = makeWorkspaceAction(this, tr("Step O&ut"), QStringLiteral("debug-step-out"),
        QKeySequence(Qt::SHIFT | Qt::Key_F11));
    m_actions.stepInstruction = makeWorkspaceAction(this, tr("Step I&nstruction"),
        QStringLiteral("debug-step-instruction"), QKeySequence(Qt::CTRL | Qt::Key_F11));
    m_actions.runToCursor = makeWorkspaceAction(this, tr("Run to &Cursor"), QStringLiteral("debug-run-cursor"),
        QKeySequence(Qt::CTRL | Qt::Key_F10));
    m_actions.detach = makeWorkspaceAction(this, tr("De&tach Debugger"), QStringLiteral("debug-detach"));
    connect(m_actions.debug, &QAction::triggered, this, &DebugWorkspace::startOrContinue);
    connect(m_actions.pause, &QAction::triggered, m_controller, &DebugController::pause);
    connect(m_actions.stepOver, &QAction::triggered, m_controller, &DebugController::stepOver);
    connect(m_actions.stepInto, &QAction::triggered, m_controller, &DebugController::stepInto);
    connect(m_actions.stepOut, &QAction::triggered, m_controller, &DebugController::stepOut);
    connect(m_actions.stepInstruction, &QAction::triggered, m_controller, &DebugController::stepInstruction);
    connect(m_actions.runToCursor, &QAction::triggered, this, [this] {
        if (CodeEditor* editor = m_window->editorTabs()->currentEditor())
            m_controller->runToLine(editor->filePath(), editor->currentLineNumber());
    });
    connect(m_actions.detach, &QAction::triggered, m_controller, &DebugController::detach);

    const QList<QAction*> all = {m_actions.debug, m_actions.pause, m_actions.stepOver,
        m_actions.stepInto, m_actions.stepOut, m_actions.stepInstruction, m_actions.runToCursor,
        m_actions.detach, m_run->actions().stop};
    QMenu* menu = new QMenu(tr("&Debug"), m_window);
    menu->addActions(all);
    QAction* help = m_window->menuBar()->actions().isEmpty() ? nullptr : m_window->menuBar()->actions().last();
    m_window->menuBar()->insertMenu(help, menu);
    if (auto* bar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"))) {
        bar->addAction(m_actions.debug);
        bar->addActions({m_actions.stepOver, m_actions.stepInto, m_actions.stepOut});
    }
}

QDockWidget* DebugWorkspace::addDock(const QString& title, const QString& name, QWidget* widget)
{
    auto* dock = new QDockWidget(title, m_window);
    dock->setObjectName(name);
    dock->setWidget(widget);
    m_window->addDockWidget(Qt::RightDockWidgetArea, dock); // placed by createDocks()
    m_docks << dock;
    for (QMenu* menu : m_window->menuBar()->findChildren<QMenu*>()) {
        if (menu->menuAction()->text() == tr("&View"))
            menu->addAction(dock->toggleViewAction());
    }
    return dock;
}

void DebugWorkspace::createDocks()
{
    m_registers = new RegistersPanel(m_window);
    m_stack = new CallStackPanel(m_window);
    m_variables = new VariablesPanel(m_window);
    m_memory = new MemoryPanel(m_window);
    m_disassembly = new DisassemblyPanel(m_window);
    m_breakpoints = new BreakpointsPanel(m_window);
    m_variablesDock = addDock(tr("Locals and Watch"), QStringLiteral("variablesDock"), m_variables);
    m_stackDock = addDock(tr("Call Stack"), QStringLiteral("callStackDock"), m_stack);
    QDockWidget* breakpoints = addDock(tr("Breakpoints"), QStringLiteral("breakpointsDock"), m_breakpoints);
    m_registersDock = addDock(tr("Registers"), QStringLiteral("registersDock"), m_registers);
    QDockWidget* memory = addDock(tr("Memory"), QStringLiteral("memoryDock"), m_memory);
    QDockWidget* disassembly = addDock(tr("Disassembly"), QStringLiteral("disassemblyDock"), m_disassembly);
    placeDocks();
    m_window->tabifyDockWidget(m_stackDock, breakpoints);
    m_window->tabifyDockWidget(m_registersDock, memory);
    m_window->tabifyDockWidget(memory, disassembly);
    // The debugger docks are out of the way until a session starts.
    for (QDockWidget* dock : std::as_const(m_docks))
        dock->hide();
    connect(m_stack, &CallStackPanel::frameSelected, this, [this](const GdbFrame& frame) {
        if (m_controller->selectFrame(frame.level))
            refreshFrameViews();
        if (!frame.file.isEmpty())
            m_window->editorTabs()->openFile(frame.file, frame.line);
    });
    connect(m_variables, &VariablesPanel::watchAdded, this, [this](const QString& expression) {
        if (GdbSession* gdb = m_controller->gdb())
            gdb->addWatch(expression);
        refreshFrameViews();
    });
    connect(m_variables, &VariablesPanel::watchRemoved, this, [this](const QString& expression) {
        if (GdbSession* gdb = m_controller->gdb())
            gdb->removeWatch(expression);
    });
    connect(m_memory, &MemoryPanel::readRequested, this, &DebugWorkspace::readMemory);
    connect(m_breakpoints, &BreakpointsPanel::enabledChanged, this, &DebugWorkspace::setBreakpointEnabled);
    connect(m_breakpoints, &BreakpointsPanel::conditionChanged, this, &DebugWorkspace::setBreakpointCondition);
    connect(m_breakpoints, &BreakpointsPanel::lineRequested, this,
        [this](const QString& file, int line) { m_window->editorTabs()->openFile(file, line); });
}

// Three groups, so no panel is squeezed to a sliver on a laptop screen: Locals and Watch joins
// the right-hand tabs (Kernel Features, History, Image Size), Registers/Memory/Disassembly go
// below them, Call Stack/Breakpoints right of the bottom tabs (Build Output … Emulator).
// addDockWidget() with the area's own orientation appends a new group; splitDockWidget() on a
// tabbed dock would only add another tab.
void DebugWorkspace::placeDocks()
{
    if (auto* rightTabs = m_window->findChild<QDockWidget*>(QStringLiteral("imageSizeDock")))
        m_window->tabifyDockWidget(rightTabs, m_variablesDock);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_registersDock, Qt::Vertical);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_stackDock, Qt::Horizontal);
}

// Raises the first panel of each group, once per session: the build that Debug starts raises
// Image Size and Build Output when it ends, and later stops should leave the user's tab choice.
void DebugWorkspace::raiseDocksOnce()
{
    if (!m_raisePending)
        return;
    m_raisePending = false;
    for (QDockWidget* dock : {m_variablesDock, m_stackDock, m_registersDock})
        dock->raise();
}

void DebugWorkspace::startOrContinue()
{
    if (m_controller->state() == DebugController::State::Stopped)
        return m_controller->continueExecution();
    if (m_controller->isActive() || m_window->projectDir().isEmpty())
        return;
    if (!m_window->editorTabs()->saveAll())
        return;
    syncBreakpoints();
    if (!m_controller->start(m_window->projectDir())) {
        m_window->statusBar()->showMessage(m_controller->lastError(), 10000);
        return;
    }
    for (QDockWidget* dock : std::as_const(m_docks))
        dock->show();
    m_raisePending = true;
    if (!m_docksSized)
        sizeDocks();
}

// New groups come up at their minimum size; on the first session the right-hand column is
// shared half and half, and Call Stack gets room for function names.
void DebugWorkspace::sizeDocks()
{
    m_docksSized = true;
    m_window->layout()->activate();
    const int column = m_variablesDock->height() + m_registersDock->height();
    m_window->resizeDocks({m_variablesDock, m_registersDock}, {column / 2, column - column / 2}, Qt::Vertical);
    m_window->resizeDocks({m_stackDock}, {m_window->width() / 3}, Qt::Horizontal);
}

void DebugWorkspace::onStopped(const GdbStopEvent& event)
{
    raiseDocksOnce();
    if (!event.frame.file.isEmpty())
        showCurrentLine(event.frame.file, event.frame.line);
    refreshFrameViews();
    // gdb numbered the breakpoints when it connected, after the panel last showed them.
    m_breakpoints->setBreakpoints(m_controller->breakpoints(), m_controller->gdbNumbers());
    updateActions();
}

void DebugWorkspace::refreshFrameViews()
{
    GdbSession* gdb = m_controller->gdb();
    if (!gdb || m_refreshing || m_controller->state() != DebugController::State::Stopped)
        return;
    // The inspection calls wait for gdb's answers; stepping meanwhile would interleave them.
    m_refreshing = true;
    updateActions();
    m_registers->setRegisters(gdb->registers());
    m_stack->setFrames(gdb->stack());
    m_variables->setLocals(gdb->locals());
    m_variables->setWatches(gdb->watches());
    m_disassembly->setLines(gdb->disassembleAtPc(kDisassemblyCount), gdb->lastStop().frame.address);
    if (!m_memory->expression().isEmpty())
        readMemory();
    m_refreshing = false;
    updateActions();
}

void DebugWorkspace::readMemory()
{
    GdbSession* gdb = m_controller->gdb();
    if (!gdb || m_controller->state() != DebugController::State::Stopped)
        return m_memory->setError(tr("Memory can be read while the program is stopped."));
    const QString expression = m_memory->expression();
    const std::optional<QString> address = gdb->evaluate(QStringLiteral("(unsigned long)(%1)").arg(expression));
    const std::optional<QByteArray> bytes = gdb->readMemory(expression, m_memory->size());
    if (!address || !bytes)
        return m_memory->setError(tr("Cannot read memory at %1: %2").arg(expression, gdb->errorString()));
    m_memory->setMemory(address->section(u' ', 0, 0).toULongLong(nullptr, 0), *bytes);
}

void DebugWorkspace::onEnded(const QString& why)
{
    clearCurrentLine();
    m_registers->clearRegisters();
    m_stack->setFrames({});
    m_variables->clearValues();
    m_disassembly->setLines({}, 0);
    m_window->statusBar()->showMessage(why, 10000);
    syncBreakpoints(); // the gdb numbers are gone
    updateActions();
}

void DebugWorkspace::updateActions()
{
    const DebugController::State state = m_controller->state();
    const bool stopped = state == DebugController::State::Stopped && !m_refreshing;
    m_actions.debug->setText(stopped ? tr("&Continue") : tr("Start &Debugging"));
    m_actions.debug->setEnabled(stopped || !m_controller->isActive());
    m_actions.pause->setEnabled(state == DebugController::State::Running);
    for (QAction* action : {m_actions.stepOver, m_actions.stepInto, m_actions.stepOut,
             m_actions.stepInstruction, m_actions.runToCursor})
        action->setEnabled(stopped);
    m_actions.detach->setEnabled(stopped || state == DebugController::State::Running);
}

} // namespace Keel::Studio
