#include "disassemblypanel.h"

#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QTextBlock>

namespace Keel::Studio {

DisassemblyPanel::DisassemblyPanel(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("disassemblyPanel"));
    setReadOnly(true);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("Instructions at the current pc appear here while the program is stopped."));
}

QString DisassemblyPanel::sourceText(const QString& file, int line)
{
    if (file != m_cachedFile) {
        m_cachedFile = file;
        QFile source(file);
        m_cachedLines = source.open(QIODevice::ReadOnly) ? QString::fromUtf8(source.readAll()).split(u'\n')
                                                          : QStringList();
    }
    return m_cachedLines.value(line - 1).trimmed();
}

void DisassemblyPanel::setLines(const QList<GdbDisassemblyLine>& lines, quint64 pc)
{
    QStringList rows;
    QList<QTextEdit::ExtraSelection> selections;
    m_currentBlock = -1;
    QString lastSource;
    for (const GdbDisassemblyLine& line : lines) {
        const QString source = line.file.isEmpty() ? QString() : line.file + u':' + QString::number(line.line);
        if (source != lastSource && !source.isEmpty()) {
            rows << QStringLiteral("%1:%2    %3").arg(QFileInfo(line.file).fileName()).arg(line.line)
                        .arg(sourceText(line.file, line.line));
            lastSource = source;
        }
        const bool current = line.address == pc;
        if (current)
            m_currentBlock = int(rows.size());
        const QString where = line.function.isEmpty() ? QString()
                                                      : QStringLiteral("<%1+%2>").arg(line.function).arg(line.offset);
        rows << QStringLiteral("%1 0x%2 %3  %4").arg(current ? QStringLiteral("▶") : QStringLiteral(" "))
                    .arg(line.address, 16, 16, QLatin1Char('0')).arg(where, -24).arg(line.instruction);
    }
    setPlainText(rows.join(u'\n'));
    if (m_currentBlock < 0)
        return setExtraSelections({});
    QTextEdit::ExtraSelection selection;
    selection.format.setBackground(QColor(255, 220, 0, 90));
    selection.format.setProperty(QTextFormat::FullWidthSelection, true);
    selection.cursor = QTextCursor(document()->findBlockByNumber(m_currentBlock));
    setExtraSelections({selection});
    setTextCursor(selection.cursor);
    centerCursor();
}

QString DisassemblyPanel::currentLineText() const
{
    return m_currentBlock < 0 ? QString() : document()->findBlockByNumber(m_currentBlock).text();
}

} // namespace Keel::Studio
