// An application-wide QAction for the run and debug workspaces, with its shortcut in the tooltip.
#pragma once

#include <QAction>

namespace Keel::Studio {

inline QAction* makeWorkspaceAction(QObject* owner, const QString& text, const QString& icon,
    const QKeySequence& keys = {})
{
    auto* action = new QAction(QIcon::fromTheme(icon), text, owner);
    action->setShortcut(keys);
    // The docks hold focus as often as the editor does; the shortcuts must work from either.
    action->setShortcutContext(Qt::ApplicationShortcut);
    if (!keys.isEmpty())
        action->setToolTip(QStringLiteral("%1 (%2)").arg(QString(text).remove(u'&'),
            keys.toString(QKeySequence::NativeText)));
    return action;
}

} // namespace Keel::Studio
