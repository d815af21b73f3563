#include "settingsdialog.h"
#include "studiosettings.h"
#include "toolpaths.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace Keel::Studio {

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_qemu(new QLineEdit(this))
    , m_qemuStatus(new QLabel(this))
    , m_gdb(new QLineEdit(this))
    , m_gdbStatus(new QLabel(this))
    , m_machine(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_font(new QFontComboBox(this))
    , m_fontSize(new QSpinBox(this))
{
    setWindowTitle(tr("Keel Studio Settings"));
    m_machine->addItem(tr("The template's choice"), QString());
    for (const char* machine : {"microvm", "q35", "pc"})
        m_machine->addItem(QString::fromLatin1(machine), QString::fromLatin1(machine));
    m_theme->addItem(tr("Follow the system"), themeName(Theme::System));
    m_theme->addItem(tr("Light"), themeName(Theme::Light));
    m_theme->addItem(tr("Dark"), themeName(Theme::Dark));
    m_font->setFontFilters(QFontComboBox::MonospacedFonts);
    m_fontSize->setRange(6, 48);

    auto* fontRow = new QHBoxLayout;
    fontRow->addWidget(m_font, 1);
    fontRow->addWidget(m_fontSize);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&QEMU:"), toolRow(m_qemu, m_qemuStatus, ToolPaths::kQemu));
    form->addRow(QString(), m_qemuStatus);
    form->addRow(tr("&GDB:"), toolRow(m_gdb, m_gdbStatus, ToolPaths::kGdb));
    form->addRow(QString(), m_gdbStatus);
    form->addRow(tr("Default &machine:"), m_machine);
    form->addRow(tr("&Theme:"), m_theme);
    form->addRow(tr("Editor &font:"), fontRow);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    load();
}

QWidget* SettingsDialog::toolRow(QLineEdit* field, QLabel* status, const char* program)
{
    auto* row = new QWidget(this);
    auto* browse = new QPushButton(tr("Browse…"), row);
    auto* detect = new QPushButton(tr("Detect"), row);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(field, 1);
    layout->addWidget(browse);
    layout->addWidget(detect);
    field->setPlaceholderText(tr("not found on PATH"));
    status->setWordWrap(true);
    connect(field, &QLineEdit::editingFinished, this,
        [this, field, status, program] { recheck(field, status, program); });
    connect(detect, &QPushButton::clicked, this, [this, field, status, program] {
        field->setText(ToolPaths::detect(QString::fromLatin1(program)));
        recheck(field, status, program);
    });
    connect(browse, &QPushButton::clicked, this, [this, field, status, program] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose %1").arg(program),
            field->text().isEmpty() ? QStringLiteral("/usr/bin") : field->text());
        if (!path.isEmpty()) {
            field->setText(path);
            recheck(field, status, program);
        }
    });
    return row;
}

void SettingsDialog::recheck(QLineEdit* field, QLabel* status, const char* program)
{
    const QString path = field->text().trimmed();
    const ToolPaths::Check check
        = ToolPaths::check(path.isEmpty() ? ToolPaths::detect(QString::fromLatin1(program)) : path);
    m_toolsOk[field == m_gdb ? 1 : 0] = check.ok;
    status->setText(check.message);
    status->setStyleSheet(check.ok ? QString() : QStringLiteral("color: #d32f2f;"));
}

void SettingsDialog::load()
{
    m_qemu->setText(StudioSettings::qemuPath());
    m_gdb->setText(StudioSettings::gdbPath());
    recheck(m_qemu, m_qemuStatus, ToolPaths::kQemu);
    recheck(m_gdb, m_gdbStatus, ToolPaths::kGdb);
    m_machine->setCurrentIndex(qMax(0, m_machine->findData(StudioSettings::defaultMachine())));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(themeName(StudioSettings::theme()))));
    const QFont font = StudioSettings::editorFont();
    m_font->setCurrentFont(font);
    m_fontSize->setValue(font.pointSize() > 0 ? font.pointSize() : 10);
}

QString SettingsDialog::qemuStatus() const
{
    return m_qemuStatus->text();
}

QString SettingsDialog::gdbStatus() const
{
    return m_gdbStatus->text();
}

bool SettingsDialog::save()
{
    recheck(m_qemu, m_qemuStatus, ToolPaths::kQemu);
    recheck(m_gdb, m_gdbStatus, ToolPaths::kGdb);
    if (!m_toolsOk[0] || !m_toolsOk[1])
        return false;
    StudioSettings::setQemuPath(m_qemu->text().trimmed());
    StudioSettings::setGdbPath(m_gdb->text().trimmed());
    StudioSettings::setDefaultMachine(m_machine->currentData().toString());
    StudioSettings::setTheme(themeFromName(m_theme->currentData().toString()));
    QFont font = m_font->currentFont();
    font.setPointSize(m_fontSize->value());
    StudioSettings::setEditorFont(font);
    return true;
}

void SettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace Keel::Studio
