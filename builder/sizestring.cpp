#include "sizestring.h"

#include <algorithm>

namespace Keel::SizeString {

namespace {

std::optional<quint64> unitMultiplier(const QString &unit)
{
    const QString u = unit.toUpper();
    if (u.isEmpty() || u == QLatin1String("B"))
        return 1;
    if (u == QLatin1String("K") || u == QLatin1String("KIB"))
        return quint64(1) << 10;
    if (u == QLatin1String("M") || u == QLatin1String("MIB"))
        return quint64(1) << 20;
    if (u == QLatin1String("G") || u == QLatin1String("GIB"))
        return quint64(1) << 30;
    return std::nullopt;
}

// Digits, then letters, with optional spaces around either: "<number><unit>" split in two, or
// nullopt. Spelled out rather than a regular expression: every `keel run` parses its memory size,
// and a first regular expression costs a process ~0.1 ms.
std::optional<std::pair<QStringView, QStringView>> splitNumberAndUnit(QStringView text)
{
    text = text.trimmed();
    qsizetype digits = 0;
    while (digits < text.size() && text[digits] >= u'0' && text[digits] <= u'9')
        ++digits;
    const QStringView unit = text.mid(digits).trimmed();
    const auto isLetter = [](QChar c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z'); };
    if (digits == 0 || !std::all_of(unit.begin(), unit.end(), isLetter))
        return std::nullopt;
    return std::pair{text.left(digits), unit};
}

} // namespace

std::optional<quint64> parse(QStringView text, QString *error)
{
    const QString input = text.toString();
    const auto fail = [&](const QString &why) -> std::optional<quint64> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const auto parts = splitNumberAndUnit(text);
    if (!parts)
        return fail(QStringLiteral("'%1' is not a size; write a number with an optional unit, "
                                   "e.g. \"4096\", \"64K\", \"16M\" or \"1G\"").arg(input));
    const QString unit = parts->second.toString();
    const auto multiplier = unitMultiplier(unit);
    if (!multiplier)
        return fail(QStringLiteral("unknown size unit '%1' in '%2'; use K, M, G (or KiB, MiB, GiB)").arg(unit, input));
    bool ok = false;
    const quint64 number = parts->first.toULongLong(&ok);
    if (!ok || (number != 0 && *multiplier > std::numeric_limits<quint64>::max() / number))
        return fail(QStringLiteral("size '%1' is too large").arg(input));
    return number * *multiplier;
}

QString format(quint64 bytes)
{
    static const struct { quint64 factor; const char *suffix; } units[] = {
        {quint64(1) << 30, "G"}, {quint64(1) << 20, "M"}, {quint64(1) << 10, "K"}};
    for (const auto &unit : units) {
        if (bytes != 0 && bytes % unit.factor == 0)
            return QString::number(bytes / unit.factor) + QLatin1String(unit.suffix);
    }
    return QString::number(bytes);
}

} // namespace Keel::SizeString
