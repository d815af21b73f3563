// The Registers dock: gdb's registers grouped (general, flags, control, segment), values that
// changed since the previous stop in bold red, and the set bits of RFLAGS, CR0, CR4 and EFER by
// name beside the value (decoded by emulator/x86registers through GdbSession).
#pragma once

#include "emulator/gdbtypes.h"

#include <QHash>
#include <QTreeWidget>

namespace Keel::Studio {

class RegistersPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit RegistersPanel(QWidget* parent = nullptr);

    void setRegisters(const QList<GdbRegister>& registers);
    void clearRegisters(); // session over: values kept greyed out would mislead
    QString valueOf(const QString& name) const;
    QStringList changedNames() const { return m_changed; }

private:
    QTreeWidgetItem* groupItem(X86RegisterGroup group);

    QHash<QString, QString> m_previous;
    QStringList m_changed;
};

} // namespace Keel::Studio
