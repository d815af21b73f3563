// The Locals and Watch dock: the selected frame's local variables and arguments, then the watch
// expressions with their values (or why they have none), and a field to add a watch. Delete
// removes the selected watch.
#pragma once

#include "emulator/gdbtypes.h"

#include <QWidget>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace Keel::Studio {

class VariablesPanel : public QWidget {
    Q_OBJECT
public:
    explicit VariablesPanel(QWidget* parent = nullptr);

    void setLocals(const QList<GdbVariable>& locals);
    void setWatches(const QList<GdbWatch>& watches);
    void clearValues();
    QString localValue(const QString& name) const; // tests
    QTreeWidget* tree() const { return m_tree; }
    QLineEdit* watchField() const { return m_watchField; }

signals:
    void watchAdded(const QString& expression);
    void watchRemoved(const QString& expression);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QTreeWidget* m_tree;
    QTreeWidgetItem* m_locals;
    QTreeWidgetItem* m_watches;
    QLineEdit* m_watchField;
};

} // namespace Keel::Studio
