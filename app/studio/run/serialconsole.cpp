#include "serialconsole.h"
#include "serialview.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSaveFile>
#include <QScrollBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {

QToolButton* button(const QString& text, const QString& icon, QWidget* parent)
{
    auto* tool = new QToolButton(parent);
    tool->setText(text);
    tool->setIcon(QIcon::fromTheme(icon));
    tool->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tool->setAutoRaise(true);
    return tool;
}

} // namespace

SerialConsole::SerialConsole(QWidget* parent)
    : QWidget(parent)
    , m_view(new SerialView(this))
    , m_search(new QLineEdit(this))
    , m_input(new QLineEdit(this))
    , m_pausedHint(new QLabel(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(makeToolBar());
    layout->addWidget(m_view, 1);
    m_input->setObjectName(QStringLiteral("serialInput"));
    m_input->setPlaceholderText(tr("Send to the guest's serial port (Enter sends the line)"));
    layout->addWidget(m_input);
    connect(m_input, &QLineEdit::returnPressed, this, &SerialConsole::sendInput);
    connect(m_view, &SerialView::followingChanged, m_pausedHint, [this](bool following) {
        m_pausedHint->setVisible(!following);
    });
    setInputEnabled(false);
}

QWidget* SerialConsole::makeToolBar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(2, 2, 2, 0);
    m_search->setObjectName(QStringLiteral("serialSearch"));
    m_search->setPlaceholderText(tr("Search the log (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMaximumWidth(260);
    connect(m_search, &QLineEdit::returnPressed, this, [this] { findNext(m_search->text()); });
    QToolButton* copy = button(tr("Copy"), QStringLiteral("edit-copy"), bar);
    copy->setToolTip(tr("Copy the selection, or the whole log when nothing is selected"));
    QToolButton* clear = button(tr("Clear"), QStringLiteral("edit-clear"), bar);
    QToolButton* save = button(tr("Save…"), QStringLiteral("document-save-as"), bar);
    connect(copy, &QToolButton::clicked, this, &SerialConsole::copyText);
    connect(clear, &QToolButton::clicked, m_view, &SerialView::clearLog);
    connect(save, &QToolButton::clicked, this, &SerialConsole::saveWithDialog);
    m_pausedHint->setText(tr("Auto-scroll paused — scroll to the end to follow again"));
    m_pausedHint->setStyleSheet(QStringLiteral("color: palette(link);"));
    m_pausedHint->hide();
    row->addWidget(m_search);
    row->addWidget(copy);
    row->addWidget(clear);
    row->addWidget(save);
    row->addStretch(1);
    row->addWidget(m_pausedHint);
    return bar;
}

bool SerialConsole::findNext(const QString& text)
{
    if (text.isEmpty())
        return false;
    m_view->flush();
    if (m_view->find(text))
        return true;
    m_view->moveCursor(QTextCursor::Start);
    return m_view->find(text);
}

bool SerialConsole::saveTo(const QString& path, QString* error)
{
    m_view->flush();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_view->toPlainText().toUtf8()) < 0
        || !file.commit()) {
        if (error)
            *error = tr("Cannot save the serial log to %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void SerialConsole::saveWithDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Serial Log"),
        QStringLiteral("serial.log"), tr("Log files (*.log *.txt)"));
    QString error;
    if (!path.isEmpty() && !saveTo(path, &error))
        QMessageBox::warning(this, tr("Save Serial Log"), error);
}

void SerialConsole::copyText()
{
    m_view->flush();
    QString selected = m_view->textCursor().selectedText();
    selected.replace(QChar::ParagraphSeparator, u'\n');
    QApplication::clipboard()->setText(selected.isEmpty() ? m_view->toPlainText() : selected);
}

void SerialConsole::sendInput()
{
    emit sendRequested(m_input->text().toUtf8() + '\n');
    m_input->clear();
}

void SerialConsole::setInputEnabled(bool enabled)
{
    m_input->setEnabled(enabled);
}

} // namespace Keel::Studio
