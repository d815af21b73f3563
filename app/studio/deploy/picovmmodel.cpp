#include "picovmmodel.h"

#include <QBrush>
#include <QColor>

namespace Keel::Studio {

void PicoVmModel::setVms(const QList<PicoVm>& vms)
{
    // Same names in the same order (the common periodic refresh): update cells in place so
    // the selection and scroll position survive.
    bool sameRows = vms.size() == m_vms.size();
    for (qsizetype i = 0; sameRows && i < vms.size(); ++i)
        sameRows = vms[i].name == m_vms[i].name;
    if (!sameRows) {
        beginResetModel();
        m_vms = vms;
        endResetModel();
        return;
    }
    m_vms = vms;
    if (!m_vms.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_vms.size()) - 1, ColumnCount - 1));
}

int PicoVmModel::rowOf(const QString& name) const
{
    for (qsizetype i = 0; i < m_vms.size(); ++i) {
        if (m_vms[i].name == name)
            return int(i);
    }
    return -1;
}

int PicoVmModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_vms.size());
}

int PicoVmModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PicoVmModel::formatUptime(qint64 milliseconds)
{
    if (milliseconds < 0)
        return QStringLiteral("–");
    const qint64 seconds = milliseconds / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds / 60 % 60);
}

QString PicoVmModel::text(const PicoVm& vm, int column) const
{
    switch (column) {
    case Name: return vm.name;
    case State: return vm.state;
    case Uptime: return formatUptime(vm.uptimeMs);
    case Memory: return QStringLiteral("%1 MiB").arg(double(vm.memoryBytes) / (1024 * 1024), 0, 'f', 1);
    case Version:
        return QStringLiteral("%1 (%2)").arg(vm.metadata.version, vm.metadata.imageHash.left(8));
    case Host: return vm.host;
    default: return {};
    }
}

QVariant PicoVmModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_vms.size())
        return {};
    const PicoVm& vm = m_vms[index.row()];
    if (role == Qt::DisplayRole)
        return text(vm, index.column());
    if (role == Qt::ForegroundRole && index.column() == State && vm.state != u"running")
        return QBrush(QColor(0x9a, 0x6a, 0x00));
    if (role == Qt::ToolTipRole)
        return tr("%1: replica %2 of deployment %3, image %4")
            .arg(vm.name).arg(vm.metadata.replica).arg(vm.metadata.deployment, vm.metadata.imageHash);
    return {};
}

QVariant PicoVmModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char* const kTitles[] = {"Name", "State", "Uptime", "Memory", "Version", "Host"};
    return section >= 0 && section < ColumnCount ? tr(kTitles[section]) : QVariant();
}

} // namespace Keel::Studio
