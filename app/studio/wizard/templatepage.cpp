#include "templatepage.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace Keel::Studio {

TemplatePage::TemplatePage(const QList<TemplateInfo>& templates, QWidget* parent)
    : QWizardPage(parent)
    , m_templates(templates)
    , m_list(new QListWidget(this))
    , m_description(new QLabel(this))
{
    setTitle(tr("Template"));
    setSubTitle(tr("What should the new project start from?"));
    for (const TemplateInfo& templ : templates) {
        auto* item = new QListWidgetItem(templ.title.isEmpty() ? templ.name : templ.title, m_list);
        item->setData(Qt::UserRole, templ.name);
    }
    m_description->setWordWrap(true);
    m_description->setMinimumHeight(60);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_description);
    connect(m_list, &QListWidget::currentRowChanged, this, &TemplatePage::onSelectionChanged);
}

void TemplatePage::select(const QString& name)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toString() == name)
            m_list->setCurrentRow(row);
    }
}

std::optional<TemplateInfo> TemplatePage::selected() const
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_templates.size())
        return std::nullopt;
    return m_templates.at(row);
}

bool TemplatePage::isComplete() const
{
    return selected().has_value();
}

void TemplatePage::onSelectionChanged()
{
    const std::optional<TemplateInfo> templ = selected();
    m_description->setText(templ ? templ->description : QString());
    emit completeChanged();
    if (templ)
        emit templateChanged(*templ);
}

} // namespace Keel::Studio
