#include "panicsymbolizer.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace Keel::Cli::PanicSymbolizer {

namespace {
constexpr int kAddr2lineTimeoutMilliseconds = 5000;
}

QList<Frame> parseFrames(const QString &text)
{
    const qsizetype start = text.lastIndexOf(QLatin1String("KERNEL PANIC"));
    if (start < 0)
        return {};
    static const QRegularExpression s_frame(QStringLiteral("^\\s*#(\\d+)\\s+0x([0-9a-fA-F]+)\\b.*$"),
                                            QRegularExpression::MultilineOption);
    QList<Frame> frames;
    auto it = s_frame.globalMatch(text, start);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        frames.append({match.captured(1).toInt(), match.captured(2).toULongLong(nullptr, 16),
                       match.captured(0).trimmed()});
    }
    return frames;
}

QStringList annotate(const QString &text, const QString &unstrippedImage)
{
    const QList<Frame> frames = parseFrames(text);
    if (frames.isEmpty() || !QFileInfo(unstrippedImage).isFile())
        return {};
    QStringList arguments{QStringLiteral("-f"), QStringLiteral("-C"), QStringLiteral("-e"), unstrippedImage};
    for (const Frame &frame : frames) {
        // Frames above #0 hold return addresses, which point after the call: look up the call.
        const quint64 address = frame.index == 0 ? frame.address : frame.address - 1;
        arguments << QStringLiteral("0x%1").arg(address, 0, 16);
    }
    QProcess addr2line;
    addr2line.start(QStringLiteral("addr2line"), arguments);
    if (!addr2line.waitForFinished(kAddr2lineTimeoutMilliseconds) || addr2line.exitCode() != 0)
        return {};
    const QStringList output = QString::fromUtf8(addr2line.readAllStandardOutput()).split(u'\n');
    QStringList lines;
    for (qsizetype i = 0; i < frames.size(); ++i) {
        const QString function = output.value(2 * i);
        const QString location = output.value(2 * i + 1);
        QString line = QStringLiteral("  ") + frames[i].line;
        if (!function.isEmpty() && function != u"??")
            line += QStringLiteral(" — %1 at %2").arg(function, location);
        lines << line;
    }
    return lines;
}

} // namespace Keel::Cli::PanicSymbolizer
