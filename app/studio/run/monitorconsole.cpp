#include "monitorconsole.h"

#include "emulator/qmpclient.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {
constexpr int kMaxHistory = 200;
}

const QStringList& MonitorConsole::commonCommands()
{
    static const QStringList kCommands = {QStringLiteral("help"), QStringLiteral("info status"),
        QStringLiteral("info registers"), QStringLiteral("info cpus"), QStringLiteral("info mtree"),
        QStringLiteral("info pci"), QStringLiteral("info qtree"), QStringLiteral("info network"),
        QStringLiteral("info usernet"), QStringLiteral("info block"), QStringLiteral("info mem"),
        QStringLiteral("info tlb"), QStringLiteral("info irq"), QStringLiteral("info pic"),
        QStringLiteral("info lapic"), QStringLiteral("info version"), QStringLiteral("x /8xg "),
        QStringLiteral("xp /8xg "), QStringLiteral("x /10i $pc"), QStringLiteral("stop"),
        QStringLiteral("cont"), QStringLiteral("system_reset"), QStringLiteral("system_powerdown"),
        QStringLiteral("sendkey "), QStringLiteral("screendump "), QStringLiteral("nmi"),
        QStringLiteral("print $pc"), QStringLiteral("quit")};
    return kCommands;
}

MonitorConsole::MonitorConsole(QWidget* parent)
    : QWidget(parent)
    , m_output(new QPlainTextEdit(this))
    , m_input(new QLineEdit(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setMaximumBlockCount(10000);
    m_output->setPlaceholderText(tr("QEMU monitor (HMP). Try `info registers` or `info mtree`."));
    m_input->setObjectName(QStringLiteral("monitorInput"));
    m_input->setFont(m_output->font());
    m_input->setPlaceholderText(tr("(qemu) command — Up/Down: history, Tab: complete"));
    auto* completer = new QCompleter(commonCommands(), m_input);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_input->setCompleter(completer);
    m_input->installEventFilter(this);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_input);
    connect(m_input, &QLineEdit::returnPressed, this, [this] {
        execute(m_input->text().trimmed());
        m_input->clear();
    });
    setClient(nullptr);
}

void MonitorConsole::setClient(QmpClient* qmp)
{
    m_qmp = qmp;
    m_input->setEnabled(qmp != nullptr);
}

void MonitorConsole::execute(const QString& command)
{
    if (command.isEmpty())
        return;
    m_history.removeAll(command);
    m_history.append(command);
    if (m_history.size() > kMaxHistory)
        m_history.removeFirst();
    m_historyIndex = int(m_history.size());
    m_output->appendPlainText(QStringLiteral("(qemu) ") + command);
    if (!m_qmp) {
        m_output->appendPlainText(tr("No machine is running: start one with Run (F5)."));
        return;
    }
    m_qmp->humanMonitorCommand(command, [this, command](const QString& text, const QString& error) {
        const QString shown = error.isEmpty() ? text : tr("error: %1").arg(error);
        if (!shown.trimmed().isEmpty())
            m_output->appendPlainText(shown.trimmed());
        emit replied(command, shown);
    });
}

bool MonitorConsole::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        const bool popupOpen = m_input->completer() && m_input->completer()->popup()->isVisible();
        if (!popupOpen && (key == Qt::Key_Up || key == Qt::Key_Down)) {
            showHistoryEntry(m_historyIndex + (key == Qt::Key_Up ? -1 : 1));
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void MonitorConsole::showHistoryEntry(int index)
{
    m_historyIndex = qBound(0, index, int(m_history.size()));
    m_input->setText(m_history.value(m_historyIndex));
}

} // namespace Keel::Studio
