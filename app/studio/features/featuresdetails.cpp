// FeaturesPanel's lower half: the selected feature's help, why it is on or off, and one
// editor per option. Kept apart from featurespanel.cpp, which handles the tree.
#include "featurespanel.h"
#include "optioneditor.h"

#include <QFormLayout>
#include <QLabel>
#include <QTreeWidget>

namespace Keel::Studio {

void FeaturesPanel::showDetails()
{
    // deleteLater: this may run from inside an option editor's own signal.
    while (m_options->rowCount() > 0) {
        QFormLayout::TakeRowResult row = m_options->takeRow(0);
        for (QLayoutItem* part : {row.labelItem, row.fieldItem}) {
            if (part && part->widget()) {
                part->widget()->setProperty("stale", true);
                part->widget()->deleteLater();
            }
            delete part;
        }
    }
    QTreeWidgetItem* item = m_tree->currentItem();
    const QString id = item ? item->data(0, Qt::UserRole).toString() : QString();
    const ModuleManifest* module = m_selection->registry().find(id);
    m_title->setVisible(module);
    m_help->setVisible(module);
    m_why->setVisible(module && m_selection->isLoaded());
    m_optionsBox->setVisible(module && !module->options.isEmpty());
    if (!module)
        return;
    const FeatureResolver& resolver = m_selection->resolver();
    m_title->setText(QStringLiteral("%1 (%2)").arg(module->title, module->id));
    m_help->setText(module->help);
    m_why->setText(resolver.isEnabled(id) ? tr("On: %1.").arg(resolver.why(id))
                                          : tr("Off: %1.").arg(resolver.whyNot(id)));
    for (const ModuleOption& option : module->options) {
        auto* editor = new OptionEditor(
            module->id, option, m_selection->optionValue(module->id, option.name), m_optionsBox);
        editor->setEnabled(resolver.isEnabled(id));
        connect(editor, &OptionEditor::edited, this, &FeaturesPanel::onOptionEdited);
        auto* label = new QLabel(option.name + QLatin1Char(':'), m_optionsBox);
        label->setToolTip(option.help);
        m_options->addRow(label, editor);
    }
}

void FeaturesPanel::onOptionEdited(const QString& module, const QString& name, const QVariant& raw)
{
    QString error;
    if (m_selection->setOption(module, name, raw, &error))
        return; // the selection reloads and showDetails() builds fresh editors
    if (OptionEditor* editor = optionEditor(module, name))
        editor->showError(error);
}

OptionEditor* FeaturesPanel::optionEditor(const QString& module, const QString& name) const
{
    for (OptionEditor* editor : m_optionsBox->findChildren<OptionEditor*>()) {
        if (editor->module() == module && editor->name() == name
            && !editor->property("stale").toBool())
            return editor;
    }
    return nullptr;
}

QString FeaturesPanel::detailsText() const
{
    return QStringList {m_title->text(), m_help->text(), m_why->text()}.join(QLatin1Char('\n'));
}

} // namespace Keel::Studio
