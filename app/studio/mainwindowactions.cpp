#include "mainwindowactions.h"

#include <QDockWidget>
#include <QIcon>
#include <QMenuBar>
#include <QToolBar>

namespace Keel::Studio {

namespace {

QAction* make(
    QObject* owner, const QString& text, const QString& icon, const QKeySequence& shortcut = {})
{
    auto* action = new QAction(QIcon::fromTheme(icon), text, owner);
    action->setShortcut(shortcut);
    if (!shortcut.isEmpty())
        action->setToolTip(
            QStringLiteral("%1 (%2)").arg(QString(text).remove('&').remove(QStringLiteral("…")),
                shortcut.toString(QKeySequence::NativeText)));
    return action;
}

} // namespace

MainWindowActions::MainWindowActions(QObject* owner)
    : newProject(make(owner, QObject::tr("&New Project…"), "document-new", QKeySequence::New))
    , openProject(make(owner, QObject::tr("&Open Project…"), "document-open",
          QKeySequence(Qt::CTRL | Qt::Key_O)))
    , openFile(make(owner, QObject::tr("Open &File…"), "document-open",
          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)))
    , save(make(owner, QObject::tr("&Save"), "document-save", QKeySequence(Qt::CTRL | Qt::Key_S)))
    , saveAll(make(owner, QObject::tr("Save A&ll"), "document-save-all",
          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)))
    , revert(make(owner, QObject::tr("&Revert to Saved"), "document-revert"))
    , closeTab(make(
          owner, QObject::tr("&Close File"), "document-close", QKeySequence(Qt::CTRL | Qt::Key_W)))
    , closeProject(make(owner, QObject::tr("Close &Project"), "project-development-close"))
    , quit(
          make(owner, QObject::tr("&Quit"), "application-exit", QKeySequence(Qt::CTRL | Qt::Key_Q)))
    , undo(make(owner, QObject::tr("&Undo"), "edit-undo", QKeySequence::Undo))
    , redo(make(owner, QObject::tr("&Redo"), "edit-redo", QKeySequence::Redo))
    , find(make(
          owner, QObject::tr("&Find / Replace…"), "edit-find", QKeySequence(Qt::CTRL | Qt::Key_F)))
    , goToLine(
          make(owner, QObject::tr("&Go to Line…"), "go-jump", QKeySequence(Qt::CTRL | Qt::Key_G)))
    , build(make(owner, QObject::tr("&Build"), "run-build", QKeySequence(Qt::CTRL | Qt::Key_B)))
    , cancelBuild(make(owner, QObject::tr("&Cancel Build"), "process-stop"))
    , run(make(owner, QObject::tr("&Run"), "media-playback-start", QKeySequence(Qt::Key_F5)))
    , settings(make(owner, QObject::tr("&Settings…"), "preferences-system",
          QKeySequence(Qt::CTRL | Qt::Key_Comma)))
    , about(make(owner, QObject::tr("&About Keel Studio"), "help-about"))
{
    cancelBuild->setEnabled(false);
}

void MainWindowActions::populate(
    QMenuBar* menuBar, QToolBar* toolBar, const QList<QDockWidget*>& docks) const
{
    QMenu* file = menuBar->addMenu(QObject::tr("&File"));
    file->addActions({newProject, openProject, openFile});
    file->addSeparator();
    file->addActions({save, saveAll, revert});
    file->addSeparator();
    file->addActions({closeTab, closeProject});
    file->addSeparator();
    file->addAction(quit);
    QMenu* edit = menuBar->addMenu(QObject::tr("&Edit"));
    edit->addActions({undo, redo});
    edit->addSeparator();
    edit->addActions({find, goToLine});
    edit->addSeparator();
    edit->addAction(settings);
    menuBar->addMenu(QObject::tr("&Build"))->addActions({build, cancelBuild});
    menuBar->addMenu(QObject::tr("&Run"))->addAction(run);
    QMenu* view = menuBar->addMenu(QObject::tr("&View"));
    for (QDockWidget* dock : docks)
        view->addAction(dock->toggleViewAction());
    menuBar->addMenu(QObject::tr("&Help"))->addAction(about);

    // Text beside icons: themes without these icon names still show a usable toolbar.
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({newProject, openProject, save, saveAll});
    toolBar->addSeparator();
    toolBar->addActions({build, cancelBuild, run});
}

void MainWindowActions::markUnavailable(QAction* action, const QString& why)
{
    action->setEnabled(false);
    action->setToolTip(why);
    action->setStatusTip(why);
}

} // namespace Keel::Studio
