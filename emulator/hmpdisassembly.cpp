#include "hmpdisassembly.h"

#include <QRegularExpression>

namespace Keel {

QList<GdbDisassemblyLine> hmpDisassembly(const QString &output)
{
    // Address, colon, the instruction's bytes as hex pairs, then the instruction itself.
    static const QRegularExpression s_line(QStringLiteral("^0x([0-9a-fA-F]+):\\s+((?:[0-9a-f]{2} )+)\\s*(\\S.*?)\\s*$"));
    QList<GdbDisassemblyLine> lines;
    for (const QString &text : output.split(u'\n', Qt::SkipEmptyParts)) {
        const QRegularExpressionMatch match = s_line.match(text.trimmed());
        if (!match.hasMatch())
            break;
        GdbDisassemblyLine line;
        line.address = match.captured(1).toULongLong(nullptr, 16);
        line.instruction = match.captured(3).simplified();
        lines.append(line);
    }
    return lines;
}

} // namespace Keel
