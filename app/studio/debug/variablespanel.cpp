#include "variablespanel.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keel::Studio {

VariablesPanel::VariablesPanel(QWidget* parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_watchField(new QLineEdit(this))
{
    setObjectName(QStringLiteral("variablesPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_tree->setHeaderLabels({tr("Name"), tr("Value"), tr("Type")});
    m_tree->setUniformRowHeights(true);
    m_tree->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_locals = new QTreeWidgetItem(m_tree, {tr("Locals")});
    m_watches = new QTreeWidgetItem(m_tree, {tr("Watch")});
    m_locals->setExpanded(true);
    m_watches->setExpanded(true);
    m_watchField->setObjectName(QStringLiteral("watchField"));
    m_watchField->setPlaceholderText(tr("Add a watch expression (Enter), e.g. memory / 1024"));
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_watchField);
    connect(m_watchField, &QLineEdit::returnPressed, this, [this] {
        const QString expression = m_watchField->text().trimmed();
        if (!expression.isEmpty())
            emit watchAdded(expression);
        m_watchField->clear();
    });
}

void VariablesPanel::setLocals(const QList<GdbVariable>& locals)
{
    qDeleteAll(m_locals->takeChildren());
    for (const GdbVariable& variable : locals) {
        const QString value = variable.value.isEmpty() ? tr("{…}") : variable.value;
        auto* item = new QTreeWidgetItem(m_locals, {variable.name, value, variable.type});
        if (variable.isArgument)
            item->setToolTip(0, tr("argument"));
    }
}

void VariablesPanel::setWatches(const QList<GdbWatch>& watches)
{
    qDeleteAll(m_watches->takeChildren());
    for (const GdbWatch& watch : watches) {
        auto* item = new QTreeWidgetItem(m_watches,
            {watch.expression, watch.error.isEmpty() ? watch.value : watch.error, {}});
        if (!watch.error.isEmpty())
            item->setForeground(1, palette().color(QPalette::PlaceholderText));
    }
}

void VariablesPanel::clearValues()
{
    qDeleteAll(m_locals->takeChildren());
    for (int i = 0; i < m_watches->childCount(); ++i)
        m_watches->child(i)->setText(1, QString());
}

QString VariablesPanel::localValue(const QString& name) const
{
    for (int i = 0; i < m_locals->childCount(); ++i) {
        if (m_locals->child(i)->text(0) == name)
            return m_locals->child(i)->text(1);
    }
    return {};
}

void VariablesPanel::keyPressEvent(QKeyEvent* event)
{
    QTreeWidgetItem* item = m_tree->currentItem();
    if (event->key() == Qt::Key_Delete && item && item->parent() == m_watches) {
        emit watchRemoved(item->text(0));
        delete item;
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Keel::Studio
