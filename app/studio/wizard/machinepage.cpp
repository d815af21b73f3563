#include "machinepage.h"

#include "keeltomleditor.h"
#include "projectloader.h"
#include "sizestring.h"

#include <QComboBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <algorithm>

namespace Keel::Studio {

namespace {
constexpr quint64 kMinimumMemory = 1024 * 1024; // docs/keel-toml.md: at least 1M
}

MachinePage::MachinePage(QWidget* parent)
    : QWizardPage(parent)
    , m_machine(new QComboBox(this))
    , m_memory(new QLineEdit(this))
    , m_features(new QListWidget(this))
    , m_error(new QLabel(this))
{
    setTitle(tr("Target machine"));
    setSubTitle(tr("Where the image boots, with how much memory and which kernel features. "
                   "You can change all of this later in keel.toml or the Kernel Features panel."));
    m_machine->addItems({QStringLiteral("microvm"), QStringLiteral("q35"), QStringLiteral("pc")});
    m_machine->setToolTip(tr("microvm boots fastest; q35 and pc have a display and PCI."));
    m_memory->setToolTip(tr("Guest RAM, e.g. 16M or 1G (at least 1M)."));
    m_features->setToolTip(tr("Kernel features turned on from the start; core is always on."));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Machine:"), m_machine);
    form->addRow(tr("M&emory:"), m_memory);
    form->addRow(tr("Kernel &features:"), m_features);
    form->addRow(m_error);
    connect(m_memory, &QLineEdit::textChanged, this, [this] {
        m_error->setText(problem());
        emit completeChanged();
    });
}

void MachinePage::setModules(const QList<ModuleManifest>& modules)
{
    m_modules.clear();
    for (const ModuleManifest& module : modules) {
        if (module.id != QLatin1String("core"))
            m_modules.append(module);
    }
    fillFeatures();
}

void MachinePage::setPreferredMachine(const QString& machine)
{
    m_preferredMachine = machine;
    if (!machine.isEmpty())
        setMachine(machine);
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
        m_error->setText(tr("The template's keel.toml could not be read: %1")
                             .arg(diagnostics.isEmpty() ? tomlPath : diagnostics.first().render()));
        return;
    }
    m_templateMachine = machineName(project->run.machine);
    m_templateMemory = project->run.memoryText;
    m_templateFeatures.clear();
    for (const FeatureRequest& feature : project->features)
        m_templateFeatures << feature.id;
    setMachine(m_preferredMachine.isEmpty() ? m_templateMachine : m_preferredMachine);
    m_memory->setText(m_templateMemory);
    fillFeatures();
}

void MachinePage::fillFeatures()
{
    m_features->clear();
    for (const ModuleManifest& module : std::as_const(m_modules)) {
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(module.id, module.title));
        item->setData(Qt::UserRole, module.id);
        item->setToolTip(module.help);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(m_templateFeatures.contains(module.id) ? Qt::Checked : Qt::Unchecked);
        m_features->addItem(item);
    }
    m_features->setVisible(!m_modules.isEmpty());
}

QStringList MachinePage::selectedFeatures() const
{
    if (m_modules.isEmpty())
        return m_templateFeatures;
    QStringList ids = m_templateFeatures; // keep the template's order for those kept
    QStringList checked;
    for (int i = 0; i < m_features->count(); ++i) {
        if (m_features->item(i)->checkState() == Qt::Checked)
            checked << m_features->item(i)->data(Qt::UserRole).toString();
    }
    ids.erase(std::remove_if(
                  ids.begin(), ids.end(), [&](const QString& id) { return !checked.contains(id); }),
        ids.end());
    for (const QString& id : std::as_const(checked)) {
        if (!ids.contains(id))
            ids << id;
    }
    return ids;
}

void MachinePage::setFeatureChecked(const QString& id, bool checked)
{
    for (int i = 0; i < m_features->count(); ++i) {
        if (m_features->item(i)->data(Qt::UserRole).toString() == id)
            m_features->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    }
}

QString MachinePage::problem() const
{
    QString error;
    const std::optional<quint64> bytes = SizeString::parse(m_memory->text().trimmed(), &error);
    if (!bytes)
        return tr("Memory: %1").arg(error);
    if (*bytes < kMinimumMemory)
        return tr("Memory: at least 1M is needed to boot");
    return {};
}

bool MachinePage::isComplete() const
{
    return problem().isEmpty();
}

bool MachinePage::writeChoices(const QString& tomlPath, QString* error) const
{
    const QStringList features = selectedFeatures();
    if (machine() == m_templateMachine && memory() == m_templateMemory
        && features == m_templateFeatures)
        return true; // nothing to change: the project stays exactly as `keel new` makes it
    std::optional<KeelTomlEditor> editor = KeelTomlEditor::load(tomlPath, error);
    if (!editor)
        return false;
    if (machine() != m_templateMachine)
        editor->setValue(QStringLiteral("run"), QStringLiteral("machine"), machine());
    if (memory() != m_templateMemory)
        editor->setValue(QStringLiteral("run"), QStringLiteral("memory"), memory());
    if (features != m_templateFeatures)
        editor->setStringArray(QStringLiteral("kernel"), QStringLiteral("features"), features);
    return editor->save(tomlPath, error);
}

void MachinePage::showError(const QString& message)
{
    m_error->setText(message);
}

QString MachinePage::machine() const
{
    return m_machine->currentText();
}

void MachinePage::setMachine(const QString& machine)
{
    m_machine->setCurrentText(machine);
}

QString MachinePage::memory() const
{
    return m_memory->text().trimmed();
}

void MachinePage::setMemory(const QString& memory)
{
    m_memory->setText(memory);
}

QString MachinePage::features() const
{
    const QStringList ids = selectedFeatures();
    return ids.isEmpty() ? tr("core only") : ids.join(QStringLiteral(", "));
}

} // namespace Keel::Studio
