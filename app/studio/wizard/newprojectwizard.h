// File ▸ New Project: template (with its description), name and location (validated as you
// type), target machine, memory and initial features; Finish calls builder's ProjectCreator —
// the same code as `keel new` — so with the defaults kept the project on disk is identical to
// the CLI's; what the user changed on the machine page is then written into its keel.toml.
//
//   Keel::Studio::NewProjectWizard wizard(catalog.templates(), parentDir, this);
//   if (wizard.exec() == QDialog::Accepted) openProject(wizard.createdProjectDir());
#pragma once

#include "templatecatalog.h"

#include <QWizard>

namespace Keel::Studio {

class LocationPage;
class MachinePage;
class TemplatePage;

class NewProjectWizard : public QWizard {
    Q_OBJECT
public:
    NewProjectWizard(
        const QList<TemplateInfo>& templates, const QString& parentDir, QWidget* parent = nullptr);

    void selectTemplate(const QString& name);
    QString createdProjectDir() const { return m_created; }
    QString lastError() const { return m_error; }

    TemplatePage* templatePage() const { return m_templatePage; }
    LocationPage* locationPage() const { return m_locationPage; }
    MachinePage* machinePage() const { return m_machinePage; }

    void accept() override;

private:
    TemplatePage* m_templatePage;
    LocationPage* m_locationPage;
    MachinePage* m_machinePage;
    QString m_created;
    QString m_error;
};

} // namespace Keel::Studio
