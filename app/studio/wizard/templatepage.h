// Wizard page 1: the template gallery with a description of what each template does.
#pragma once

#include "templatecatalog.h"

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace Keel::Studio {

class TemplatePage : public QWizardPage {
    Q_OBJECT
public:
    TemplatePage(const QList<TemplateInfo>& templates, QWidget* parent = nullptr);

    void select(const QString& name);
    std::optional<TemplateInfo> selected() const;
    bool isComplete() const override;

signals:
    void templateChanged(const Keel::TemplateInfo& templ);

private:
    void onSelectionChanged();

    QList<TemplateInfo> m_templates;
    QListWidget* m_list;
    QLabel* m_description;
};

} // namespace Keel::Studio
