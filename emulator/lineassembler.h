// LineAssembler: serial bytes → complete lines, each stamped with the time its first byte arrived
// (milliseconds since QEMU was spawned). "\r\n" and "\n" both end a line; a line longer than the
// limit is cut there, so a guest that never prints a newline cannot grow memory without bound.
//
//   Keel::LineAssembler lines;
//   for (const Keel::SerialLine &line : lines.feed(bytes, clock.elapsed())) log(line);
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keel {

struct SerialLine {
    qint64 milliseconds = 0;
    QString text; // without the line ending
};

class LineAssembler
{
public:
    static constexpr qsizetype kDefaultMaxLineLength = 16 * 1024;

    explicit LineAssembler(qsizetype maxLineLength = kDefaultMaxLineLength);

    QList<SerialLine> feed(QByteArrayView bytes, qint64 milliseconds);
    // The unfinished last line, if any (e.g. when the guest exits without a final newline).
    QList<SerialLine> flush();

private:
    SerialLine finish();

    qsizetype m_maxLineLength;
    QByteArray m_partial;
    qint64 m_partialStart = 0;
};

} // namespace Keel
