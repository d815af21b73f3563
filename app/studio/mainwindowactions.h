// Every QAction of the main window with its shortcut, in one place so menus, toolbar and
// tests share them. MainWindow connects them; this file only creates them.
#pragma once

#include <QAction>

class QDockWidget;
class QMenuBar;
class QToolBar;

namespace Keel::Studio {

struct MainWindowActions {
    explicit MainWindowActions(QObject* owner);

    QAction* newProject;
    QAction* openProject; // Ctrl+O
    QAction* openFile;
    QAction* save; // Ctrl+S
    QAction* saveAll; // Ctrl+Shift+S
    QAction* revert;
    QAction* closeTab; // Ctrl+W
    QAction* closeProject;
    QAction* quit; // Ctrl+Q
    QAction* undo;
    QAction* redo;
    QAction* find; // Ctrl+F
    QAction* goToLine; // Ctrl+G
    QAction* build; // Ctrl+B
    QAction* cancelBuild;
    QAction* run; // F5
    QAction* settings; // Ctrl+,
    QAction* about;

    // Fills the menu bar (File, Edit, Build, Run, View with one entry per dock, Help) and the
    // toolbar.
    void populate(QMenuBar* menuBar, QToolBar* toolBar, const QList<QDockWidget*>& docks) const;

    // Disables an action that needs a piece that has not landed yet, saying which.
    static void markUnavailable(QAction* action, const QString& why);
};

} // namespace Keel::Studio
