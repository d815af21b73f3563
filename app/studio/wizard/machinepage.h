// Wizard page 3: the target machine, memory and initial kernel features, filled in from the
// template and editable. Finish writes only what the user changed into the new keel.toml
// (through builder's KeelTomlEditor, comments kept), so with the defaults the project is
// byte-identical to `keel new`'s.
#pragma once

#include "modulemanifest.h"
#include "templatecatalog.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace Keel::Studio {

class MachinePage : public QWizardPage {
    Q_OBJECT
public:
    explicit MachinePage(QWidget* parent = nullptr);

    // The modules offered as initial features (core is left out: it is always on).
    void setModules(const QList<ModuleManifest>& modules);
    // The machine to start with instead of the template's (Settings ▸ Default machine).
    void setPreferredMachine(const QString& machine);
    void showTemplate(const TemplateInfo& templ);
    void showError(const QString& message);

    QString machine() const;
    QString memory() const;
    QString features() const; // comma-separated, for display
    QStringList selectedFeatures() const;
    void setMachine(const QString& machine);
    void setMemory(const QString& memory);
    void setFeatureChecked(const QString& id, bool checked);
    QString problem() const; // empty when the memory size is valid
    bool isComplete() const override;

    // Writes the choices that differ from the template into tomlPath.
    bool writeChoices(const QString& tomlPath, QString* error) const;

private:
    void fillFeatures();

    QComboBox* m_machine;
    QLineEdit* m_memory;
    QListWidget* m_features;
    QLabel* m_error;
    QList<ModuleManifest> m_modules;
    QString m_preferredMachine;
    QString m_templateMachine;
    QString m_templateMemory;
    QStringList m_templateFeatures;
};

} // namespace Keel::Studio
