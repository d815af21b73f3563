// PicoVmModel: the Deploy panel's table — one row per Keel pico VM on the connected host.
#pragma once

#include "deploy/deployrequest.h"

#include <QAbstractTableModel>

namespace Keel::Studio {

class PicoVmModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, State, Uptime, Memory, Version, Host, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setVms(const QList<PicoVm>& vms);
    const PicoVm& vm(int row) const { return m_vms.at(row); }
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QString formatUptime(qint64 milliseconds);

private:
    QString text(const PicoVm& vm, int column) const;

    QList<PicoVm> m_vms;
};

} // namespace Keel::Studio
