#include "optioneditor.h"

#include "optionvalue.h"
#include "sizestring.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace Keel::Studio {

OptionEditor::OptionEditor(
    const QString& module, const ModuleOption& option, const QVariant& current, QWidget* parent)
    : QWidget(parent)
    , m_module(module)
    , m_option(option)
    , m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("option-%1.%2").arg(module, option.name));
    m_input = makeInput(current);
    m_input->setToolTip(
        QStringLiteral("%1\n%2").arg(option.help, OptionValue::describeAccepted(option)));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f;"));
    m_error->hide();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_input);
    layout->addWidget(m_error);
}

QWidget* OptionEditor::makeInput(const QVariant& current)
{
    if (m_option.type == OptionType::Bool) {
        auto* box = new QCheckBox(this);
        box->setChecked(current.toBool());
        connect(box, &QCheckBox::toggled, this,
            [this](bool on) { emit edited(m_module, m_option.name, on); });
        return box;
    }
    if (m_option.type == OptionType::Choice) {
        auto* combo = new QComboBox(this);
        combo->addItems(m_option.choices);
        combo->setCurrentText(current.toString());
        connect(combo, &QComboBox::textActivated, this,
            [this](const QString& text) { emit edited(m_module, m_option.name, text); });
        return combo;
    }
    auto* line = new QLineEdit(this);
    line->setText(m_option.type == OptionType::Size
            ? SizeString::format(quint64(current.toLongLong()))
            : current.toString());
    line->setPlaceholderText(OptionValue::describeAccepted(m_option));
    connect(line, &QLineEdit::editingFinished, this, [this, line] {
        if (line->isModified())
            emit edited(m_module, m_option.name, rawFromText(line->text().trimmed()));
        line->setModified(false);
    });
    return line;
}

// keel.toml writes ints as numbers and sizes as strings ("1M"); text that is no number stays
// text so the check can say what is wrong with it.
QVariant OptionEditor::rawFromText(const QString& text) const
{
    if (m_option.type != OptionType::Int)
        return text;
    bool ok = false;
    const qint64 number = text.toLongLong(&ok);
    return ok ? QVariant(number) : QVariant(text);
}

void OptionEditor::showError(const QString& message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace Keel::Studio
