#include "newprojectwizard.h"
#include "locationpage.h"
#include "machinepage.h"
#include "templatepage.h"

#include "projectcreator.h"

namespace Keel::Studio {

NewProjectWizard::NewProjectWizard(
    const QList<TemplateInfo>& templates, const QString& parentDir, QWidget* parent)
    : QWizard(parent)
    , m_templatePage(new TemplatePage(templates, this))
    , m_locationPage(new LocationPage(parentDir, this))
    , m_machinePage(new MachinePage(this))
{
    setWindowTitle(tr("New Keel Project"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    addPage(m_templatePage);
    addPage(m_locationPage);
    addPage(m_machinePage);
    connect(m_templatePage, &TemplatePage::templateChanged, this, [this](const TemplateInfo& t) {
        m_locationPage->suggestName(t.name);
        m_machinePage->showTemplate(t);
    });
    if (!templates.isEmpty())
        m_templatePage->select(templates.first().name);
}

void NewProjectWizard::selectTemplate(const QString& name)
{
    m_templatePage->select(name);
}

void NewProjectWizard::accept()
{
    const std::optional<TemplateInfo> templ = m_templatePage->selected();
    const QString target = m_locationPage->targetDir();
    m_error.clear();
    if (!templ)
        m_error = tr("Choose a template first.");
    else if (!ProjectCreator::create(*templ, target, m_locationPage->projectName(), &m_error))
        m_error = tr("Could not create the project: %1").arg(m_error);
    else if (!m_machinePage->writeChoices(target + QStringLiteral("/keel.toml"), &m_error))
        m_error = tr("The project was created in %1, but its machine settings could not be "
                     "written: %2").arg(target, m_error);
    if (!m_error.isEmpty()) {
        m_machinePage->showError(m_error); // stay open so the user can fix it
        return;
    }
    m_created = target;
    QWizard::accept();
}

} // namespace Keel::Studio
