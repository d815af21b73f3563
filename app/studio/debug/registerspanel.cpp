#include "registerspanel.h"

#include <QFontDatabase>
#include <QHeaderView>

namespace Keel::Studio {

namespace {

QString groupTitle(X86RegisterGroup group)
{
    switch (group) {
    case X86RegisterGroup::General:
        return QObject::tr("General");
    case X86RegisterGroup::Flags:
        return QObject::tr("Flags");
    case X86RegisterGroup::Control:
        return QObject::tr("Control");
    case X86RegisterGroup::Segment:
        return QObject::tr("Segment");
    case X86RegisterGroup::Other:
        return QObject::tr("Other");
    }
    return {};
}

} // namespace

RegistersPanel::RegistersPanel(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("registersPanel"));
    setHeaderLabels({tr("Register"), tr("Value"), tr("Meaning")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

QTreeWidgetItem* RegistersPanel::groupItem(X86RegisterGroup group)
{
    const QString title = groupTitle(group);
    for (int i = 0; i < topLevelItemCount(); ++i) {
        if (topLevelItem(i)->text(0) == title)
            return topLevelItem(i);
    }
    auto* item = new QTreeWidgetItem(this, {title});
    item->setFirstColumnSpanned(true);
    // Vector and x87 registers are many and rarely wanted: that group starts folded.
    item->setExpanded(group != X86RegisterGroup::Other);
    return item;
}

void RegistersPanel::setRegisters(const QList<GdbRegister>& registers)
{
    const bool first = m_previous.isEmpty();
    m_changed.clear();
    QHash<QString, bool> expanded;
    for (int i = 0; i < topLevelItemCount(); ++i)
        expanded.insert(topLevelItem(i)->text(0), topLevelItem(i)->isExpanded());
    clear();
    for (const GdbRegister& reg : registers) {
        QString meaning = reg.flags.join(u' ');
        if (!reg.description.isEmpty())
            meaning += (meaning.isEmpty() ? QString() : QStringLiteral(" — ")) + reg.description;
        auto* item = new QTreeWidgetItem(groupItem(reg.group), {reg.name, reg.value, meaning});
        item->setToolTip(2, meaning);
        if (!first && m_previous.value(reg.name) != reg.value) {
            m_changed << reg.name;
            QFont bold = font();
            bold.setBold(true);
            for (int column : {0, 1}) {
                item->setFont(column, bold);
                item->setForeground(column, QColor(205, 49, 49));
            }
        }
        m_previous.insert(reg.name, reg.value);
    }
    for (int i = 0; i < topLevelItemCount(); ++i) {
        QTreeWidgetItem* group = topLevelItem(i);
        group->setExpanded(expanded.value(group->text(0), group->isExpanded()));
    }
}

void RegistersPanel::clearRegisters()
{
    clear();
    m_previous.clear();
    m_changed.clear();
}

QString RegistersPanel::valueOf(const QString& name) const
{
    const QList<QTreeWidgetItem*> found = findItems(name, Qt::MatchExactly | Qt::MatchRecursive, 0);
    return found.isEmpty() ? QString() : found.first()->text(1);
}

} // namespace Keel::Studio
