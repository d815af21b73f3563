#include "machinepage.h"

#include "projectloader.h"

#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace Keel::Studio {

MachinePage::MachinePage(QWidget* parent)
    : QWizardPage(parent)
    , m_machine(new QComboBox(this))
    , m_memory(new QLineEdit(this))
    , m_features(new QLabel(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("Target machine"));
    setSubTitle(tr("Where the image boots and with which kernel features. You can change all "
                   "of this later in keel.toml."));
    m_machine->addItems({QStringLiteral("microvm"), QStringLiteral("q35"), QStringLiteral("pc")});
    const QString why = tr("Set by the template. Choosing another value here needs builder/'s "
                           "keel.toml editor, which has not landed yet; edit [run] in keel.toml "
                           "after creating the project.");
    for (QWidget* field : {static_cast<QWidget*>(m_machine), static_cast<QWidget*>(m_memory)}) {
        field->setEnabled(false);
        field->setToolTip(why);
    }
    m_features->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Machine:"), m_machine);
    form->addRow(tr("M&emory:"), m_memory);
    form->addRow(tr("Kernel features:"), m_features);
    form->addRow(m_error);
}

void MachinePage::showTemplate(const TemplateInfo& templ)
{
    const QString tomlPath = templ.directory + QStringLiteral("/keel.toml");
    QFile file(tomlPath);
    Diagnostics diagnostics;
    std::optional<Project> project;
    if (file.open(QIODevice::ReadOnly)) {
        // The template's name is "{{name}}", which is no valid project name; any valid one
        // will do to read the [run] and [kernel] sections.
        const QString text = QString::fromUtf8(file.readAll())
                                 .replace(QStringLiteral("{{name}}"), QStringLiteral("template"));
        project = ProjectLoader::parse(text, tomlPath, &diagnostics);
    }
    if (!project) {
        m_features->setText(tr("(the template's keel.toml could not be read)"));
        return;
    }
    m_machine->setCurrentText(machineName(project->run.machine));
    m_memory->setText(project->run.memoryText);
    QStringList features;
    for (const FeatureRequest& feature : project->features)
        features << feature.id;
    m_features->setText(features.isEmpty() ? tr("core only") : features.join(QStringLiteral(", ")));
}

void MachinePage::showError(const QString& message)
{
    m_error->setText(message);
}

QString MachinePage::machine() const
{
    return m_machine->currentText();
}

QString MachinePage::memory() const
{
    return m_memory->text();
}

QString MachinePage::features() const
{
    return m_features->text();
}

} // namespace Keel::Studio
