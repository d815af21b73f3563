// The Breakpoints dock: every breakpoint with a check box (enabled), its file:line, its
// condition (double-click to edit) and whether gdb placed it. Activating a row opens the line.
#pragma once

#include "debugcontroller.h"

#include <QTreeWidget>

namespace Keel::Studio {

class BreakpointsPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit BreakpointsPanel(QWidget* parent = nullptr);

    // numbers: gdb's number per location (0 or absent: not placed).
    void setBreakpoints(const QList<SourceBreakpoint>& breakpoints, const QHash<QString, int>& numbers);

signals:
    void enabledChanged(const QString& file, int line, bool enabled);
    void conditionChanged(const QString& file, int line, const QString& condition);
    void lineRequested(const QString& file, int line);

private:
    void onItemChanged(QTreeWidgetItem* item, int column);

    bool m_filling = false;
};

} // namespace Keel::Studio
