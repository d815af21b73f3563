// Wizard page 3: the target machine, memory and initial kernel features the template sets.
// They are shown, not yet editable: changing them means rewriting keel.toml, which needs
// builder's keel.toml editor (requested); until then the fields say so in their tooltip.
#pragma once

#include "templatecatalog.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;

namespace Keel::Studio {

class MachinePage : public QWizardPage {
    Q_OBJECT
public:
    explicit MachinePage(QWidget* parent = nullptr);

    void showTemplate(const TemplateInfo& templ);
    void showError(const QString& message);
    QString machine() const;
    QString memory() const;
    QString features() const;

private:
    QComboBox* m_machine;
    QLineEdit* m_memory;
    QLabel* m_features;
    QLabel* m_error;
};

} // namespace Keel::Studio
