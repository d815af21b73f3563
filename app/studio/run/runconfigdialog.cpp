#include "runconfigdialog.h"
#include "runprofilesettings.h"

#include "keeltomleditor.h"
#include "sizestring.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

namespace Keel::Studio {

namespace {
constexpr int kMaxCpus = 255;
constexpr quint64 kMinMemory = 1024 * 1024;
} // namespace

RunConfigDialog::RunConfigDialog(const QString& tomlPath, const RunSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_tomlPath(tomlPath)
    , m_machine(new QComboBox(this))
    , m_memory(new QLineEdit(settings.memoryText, this))
    , m_cpus(new QSpinBox(this))
    , m_forwards(new QLineEdit(portForwardsText(settings.publish), this))
    , m_cmdline(new QLineEdit(settings.cmdline, this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Run Configuration"));
    m_machine->addItem(tr("microvm — fastest boot, serial only"), QStringLiteral("microvm"));
    m_machine->addItem(tr("pc — i440FX, VGA screen and PS/2 keyboard"), QStringLiteral("pc"));
    m_machine->addItem(tr("q35 — PCI Express, VGA screen"), QStringLiteral("q35"));
    m_machine->setCurrentIndex(m_machine->findData(machineName(settings.machine)));
    m_memory->setPlaceholderText(QStringLiteral("16M"));
    m_cpus->setRange(1, kMaxCpus);
    m_cpus->setValue(settings.cpus);
    m_forwards->setPlaceholderText(tr("HOST:GUEST, … e.g. 8080:80"));
    m_cmdline->setPlaceholderText(tr("argv[1..] of main()"));
    m_error->setStyleSheet(QStringLiteral("color: rgb(205, 49, 49);"));
    m_error->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Machine:"), m_machine);
    form->addRow(tr("M&emory:"), m_memory);
    form->addRow(tr("&CPUs:"), m_cpus);
    form->addRow(tr("&Port forwards:"), m_forwards);
    form->addRow(tr("Kernel command &line:"), m_cmdline);
    form->addRow(new QLabel(tr("Saved to the [run] table of %1.").arg(tomlPath), this));
    form->addRow(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

bool RunConfigDialog::apply()
{
    QString error;
    const std::optional<quint64> memory = SizeString::parse(m_memory->text().trimmed(), &error);
    if (!memory)
        return fail(tr("Memory: %1").arg(error));
    if (*memory < kMinMemory)
        return fail(tr("Memory: the guest needs at least 1M."));
    const auto forwards = portForwardsFromText(m_forwards->text(), &error);
    if (!forwards)
        return fail(tr("Port forwards: %1").arg(error));
    std::optional<KeelTomlEditor> editor = KeelTomlEditor::load(m_tomlPath, &error);
    if (!editor)
        return fail(error);
    editor->setValue(QStringLiteral("run"), QStringLiteral("machine"), m_machine->currentData().toString());
    editor->setValue(QStringLiteral("run"), QStringLiteral("memory"), m_memory->text().trimmed());
    editor->setValue(QStringLiteral("run"), QStringLiteral("cpus"), m_cpus->value());
    editor->setValue(QStringLiteral("run"), QStringLiteral("cmdline"), m_cmdline->text());
    const QStringList publish = portForwardsText(*forwards).split(QStringLiteral(", "), Qt::SkipEmptyParts);
    if (!publish.isEmpty() || editor->hasKey(QStringLiteral("run"), QStringLiteral("publish")))
        editor->setStringArray(QStringLiteral("run"), QStringLiteral("publish"), publish);
    if (!editor->save(m_tomlPath, &error))
        return fail(error);
    m_error->clear();
    return true;
}

bool RunConfigDialog::fail(const QString& message)
{
    m_error->setText(message);
    return false;
}

void RunConfigDialog::accept()
{
    if (apply())
        QDialog::accept();
}

} // namespace Keel::Studio
