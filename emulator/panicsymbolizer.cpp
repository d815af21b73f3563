#include "panicsymbolizer.h"

#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

namespace Keel::PanicSymbolizer {

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

namespace {

// "func at file:line", or just what is known; empty when addr2line knows nothing.
QString describe(const QString &function, const QString &location)
{
    QString text;
    if (!function.isEmpty() && function != u"??")
        text = function;
    // Release images have no line tables; addr2line then answers "??:?" or "??:0".
    if (!location.isEmpty() && !location.startsWith(u"??") && !location.endsWith(u":?"))
        text += (text.isEmpty() ? QString() : QStringLiteral(" at ")) + location;
    return text;
}

// addr2line -a -f -i prints each address, then function/location pairs from the innermost
// inlined function out to the real one; this turns one group into " — main at … (inlined …)".
QString describeGroup(const QStringList &pairs)
{
    if (pairs.size() < 2)
        return {};
    const QString outer = describe(pairs[pairs.size() - 2], pairs.last());
    if (outer.isEmpty())
        return {};
    QString text = QStringLiteral(" — ") + outer;
    if (pairs.size() > 2) {
        if (const QString inner = describe(pairs[0], pairs[1]); !inner.isEmpty())
            text += QStringLiteral(" (inlined: %1)").arg(inner);
    }
    return text;
}

QList<QStringList> runAddr2line(const QString &image, const QStringList &addresses)
{
    QProcess addr2line;
    addr2line.start(QStringLiteral("addr2line"),
                    QStringList{QStringLiteral("-a"), QStringLiteral("-f"), QStringLiteral("-i"), QStringLiteral("-C"),
                                QStringLiteral("-e"), image} + addresses);
    if (!addr2line.waitForFinished(kAddr2lineTimeoutMilliseconds) || addr2line.exitCode() != 0)
        return {};
    QList<QStringList> groups;
    for (const QString &line : QString::fromUtf8(addr2line.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(QLatin1String("0x")) && groups.size() < addresses.size())
            groups.append(QStringList());
        else if (!groups.isEmpty())
            groups.last().append(line.trimmed());
    }
    return groups;
}

} // namespace

QStringList annotate(const QString &text, const QString &unstrippedImage)
{
    const QList<Frame> frames = parseFrames(text);
    if (frames.isEmpty() || !QFileInfo(unstrippedImage).isFile())
        return {};
    // Frames above #0 hold return addresses, which point after the call: look up the call. So
    // does #0 when panic() was called directly (the kernel marks RIP "caller of panic"); after a
    // CPU exception #0 is the faulting instruction itself.
    const bool firstIsReturnAddress =
        text.lastIndexOf(QLatin1String("(caller of panic)")) > text.lastIndexOf(QLatin1String("KERNEL PANIC"));
    QStringList addresses;
    for (const Frame &frame : frames) {
        const bool isReturnAddress = frame.index > 0 || firstIsReturnAddress;
        addresses << QStringLiteral("0x%1").arg(isReturnAddress ? frame.address - 1 : frame.address, 0, 16);
    }
    const QList<QStringList> groups = runAddr2line(unstrippedImage, addresses);
    if (groups.isEmpty())
        return {};
    QStringList lines;
    for (qsizetype i = 0; i < frames.size(); ++i)
        lines << QStringLiteral("  ") + frames[i].line + describeGroup(groups.value(i));
    return lines;
}

} // namespace Keel::PanicSymbolizer
