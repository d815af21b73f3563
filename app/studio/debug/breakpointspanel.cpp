#include "breakpointspanel.h"

#include <QFileInfo>
#include <QHeaderView>

namespace Keel::Studio {

namespace {
constexpr int kFileRole = Qt::UserRole;
constexpr int kLineRole = Qt::UserRole + 1;
constexpr int kConditionColumn = 1;
} // namespace

BreakpointsPanel::BreakpointsPanel(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("breakpointsPanel"));
    setHeaderLabels({tr("Location"), tr("Condition"), tr("gdb")});
    setRootIsDecorated(false);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Only the condition is editable in place; the location is the editor margin's business.
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(this, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int column) {
        if (column == kConditionColumn)
            editItem(item, column);
    });
    connect(this, &QTreeWidget::itemChanged, this, &BreakpointsPanel::onItemChanged);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        emit lineRequested(item->data(0, kFileRole).toString(), item->data(0, kLineRole).toInt());
    });
}

void BreakpointsPanel::setBreakpoints(const QList<SourceBreakpoint>& breakpoints, const QHash<QString, int>& numbers)
{
    m_filling = true;
    clear();
    for (const SourceBreakpoint& breakpoint : breakpoints) {
        const int number = numbers.value(breakpoint.location());
        auto* item = new QTreeWidgetItem(this,
            {QStringLiteral("%1:%2").arg(QFileInfo(breakpoint.file).fileName()).arg(breakpoint.line),
                breakpoint.condition, number > 0 ? QStringLiteral("#%1").arg(number) : QString()});
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsEditable);
        item->setCheckState(0, breakpoint.enabled ? Qt::Checked : Qt::Unchecked);
        item->setData(0, kFileRole, breakpoint.file);
        item->setData(0, kLineRole, breakpoint.line);
        item->setToolTip(0, breakpoint.file);
        item->setToolTip(kConditionColumn, tr("Double-click to set a condition, e.g. i == 3"));
    }
    m_filling = false;
}

void BreakpointsPanel::onItemChanged(QTreeWidgetItem* item, int column)
{
    if (m_filling)
        return;
    const QString file = item->data(0, kFileRole).toString();
    const int line = item->data(0, kLineRole).toInt();
    if (column == 0)
        emit enabledChanged(file, line, item->checkState(0) == Qt::Checked);
    else if (column == kConditionColumn)
        emit conditionChanged(file, line, item->text(kConditionColumn).trimmed());
}

} // namespace Keel::Studio
