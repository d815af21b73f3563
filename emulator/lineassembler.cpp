#include "lineassembler.h"

namespace Keel {

LineAssembler::LineAssembler(qsizetype maxLineLength)
    : m_maxLineLength(qMax<qsizetype>(1, maxLineLength))
{
}

QList<SerialLine> LineAssembler::feed(QByteArrayView bytes, qint64 milliseconds)
{
    QList<SerialLine> lines;
    for (const char c : bytes) {
        if (m_partial.isEmpty())
            m_partialStart = milliseconds;
        if (c == '\n') {
            if (m_partial.endsWith('\r'))
                m_partial.chop(1);
            lines.append(finish());
            continue;
        }
        m_partial.append(c);
        if (m_partial.size() >= m_maxLineLength)
            lines.append(finish());
    }
    return lines;
}

QList<SerialLine> LineAssembler::flush()
{
    if (m_partial.isEmpty())
        return {};
    return {finish()};
}

SerialLine LineAssembler::finish()
{
    SerialLine line{m_partialStart, QString::fromUtf8(m_partial)};
    m_partial.clear();
    return line;
}

} // namespace Keel
