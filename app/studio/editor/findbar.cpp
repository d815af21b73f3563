#include "findbar.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace Keel::Studio {

namespace {

QToolButton* button(const QString& text, QWidget* parent)
{
    auto* result = new QToolButton(parent);
    result->setText(text);
    result->setAutoRaise(true);
    return result;
}

} // namespace

FindBar::FindBar(QWidget* parent)
    : QWidget(parent)
    , m_find(new QLineEdit(this))
    , m_replace(new QLineEdit(this))
    , m_matchCase(new QCheckBox(tr("Match case"), this))
    , m_status(new QLabel(this))
{
    m_find->setPlaceholderText(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    auto* next = button(tr("Next"), this);
    auto* previous = button(tr("Previous"), this);
    auto* replace = button(tr("Replace"), this);
    auto* replaceAll = button(tr("Replace All"), this);
    auto* close = button(QStringLiteral("✕"), this);
    close->setToolTip(tr("Close (Escape)"));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_find, 0, 0);
    layout->addWidget(previous, 0, 1);
    layout->addWidget(next, 0, 2);
    layout->addWidget(m_matchCase, 0, 3);
    layout->addWidget(m_status, 0, 4);
    layout->addWidget(close, 0, 5);
    layout->addWidget(m_replace, 1, 0);
    layout->addWidget(replace, 1, 1);
    layout->addWidget(replaceAll, 1, 2);
    layout->setColumnStretch(0, 1);

    connect(m_find, &QLineEdit::returnPressed, this, &FindBar::findNext);
    connect(m_replace, &QLineEdit::returnPressed, this, &FindBar::replaceOne);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(replace, &QToolButton::clicked, this, &FindBar::replaceOne);
    connect(replaceAll, &QToolButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &FindBar::hide);
}

void FindBar::setEditor(CodeEditor* editor)
{
    m_editor = editor;
    m_status->clear();
}

void FindBar::openFind(const QString& initialText)
{
    show();
    if (!initialText.isEmpty() && !initialText.contains('\n'))
        m_find->setText(initialText);
    m_find->setFocus();
    m_find->selectAll();
}

CaseSensitivity FindBar::caseSensitivity() const
{
    return m_matchCase->isChecked() ? CaseSensitivity::Sensitive : CaseSensitivity::Insensitive;
}

void FindBar::showResult(bool found)
{
    m_status->setText(found ? QString() : tr("Not found"));
}

bool FindBar::findNext()
{
    const bool found
        = m_editor && m_editor->find(m_find->text(), FindDirection::Forward, caseSensitivity());
    showResult(found);
    return found;
}

bool FindBar::findPrevious()
{
    const bool found
        = m_editor && m_editor->find(m_find->text(), FindDirection::Backward, caseSensitivity());
    showResult(found);
    return found;
}

bool FindBar::replaceOne()
{
    const bool done = m_editor
        && m_editor->replaceCurrent(m_find->text(), m_replace->text(), caseSensitivity());
    showResult(done);
    return done;
}

int FindBar::replaceAll()
{
    const int count
        = m_editor ? m_editor->replaceAll(m_find->text(), m_replace->text(), caseSensitivity()) : 0;
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace Keel::Studio
