#include "ansitext.h"

#include <QStringList>

namespace Keel {

namespace {
constexpr QChar kEscape = QChar(0x1b);
constexpr qsizetype kMaxParameters = 64; // a runaway sequence is dropped, not grown
} // namespace

QList<AnsiRun> AnsiText::feed(const QString &text)
{
    QList<AnsiRun> runs;
    for (const QChar c : text) {
        switch (m_mode) {
        case Mode::Text:
            if (c == kEscape)
                m_mode = Mode::Escape;
            else
                m_text += c;
            break;
        case Mode::Escape:
            // Only CSI (ESC [) is interpreted; any other escape is dropped with its next character.
            m_mode = c == u'[' ? Mode::Csi : Mode::Text;
            m_parameters.clear();
            break;
        case Mode::Csi:
            if (c.unicode() >= 0x40 && c.unicode() <= 0x7e) {
                m_mode = Mode::Text;
                if (c == u'm') {
                    flushRun(runs);
                    applySgr(m_parameters);
                }
            } else if (m_parameters.size() < kMaxParameters) {
                m_parameters += c;
            }
            break;
        }
    }
    flushRun(runs);
    return runs;
}

void AnsiText::applySgr(const QString &parameters)
{
    const QStringList codes = parameters.isEmpty() ? QStringList {QStringLiteral("0")} : parameters.split(u';');
    for (const QString &code : codes) {
        const int value = code.isEmpty() ? 0 : code.toInt();
        if (value == 0) {
            m_colour = AnsiRun::kDefaultColour;
            m_bold = false;
        } else if (value == 1) {
            m_bold = true;
        } else if (value == 22) {
            m_bold = false;
        } else if (value >= 30 && value <= 37) {
            m_colour = value - 30;
        } else if (value == 39) {
            m_colour = AnsiRun::kDefaultColour;
        } else if (value >= 90 && value <= 97) {
            m_colour = value - 90 + 8;
        }
    }
}

void AnsiText::flushRun(QList<AnsiRun> &runs)
{
    if (m_text.isEmpty())
        return;
    if (!runs.isEmpty() && runs.last().colour == m_colour && runs.last().bold == m_bold)
        runs.last().text += m_text;
    else
        runs.append({m_text, m_colour, m_bold});
    m_text.clear();
}

} // namespace Keel
