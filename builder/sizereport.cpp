#include "sizereport.h"

#include "elffile.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <algorithm>
#include <cstdlib>
#include <cxxabi.h>

namespace Keel {

namespace {

// Objects are laid out as obj/<feature>/…; the debug symbol table is obj/keel_symbols.o.
QString featureOfObject(const QString &path)
{
    static const QRegularExpression objPath(QStringLiteral("(?:^|/)obj/([^/]+)/"));
    if (const auto m = objPath.match(path); m.hasMatch())
        return m.captured(1);
    if (path.endsWith(QLatin1String("keel_symbols.o")))
        return QStringLiteral("symbols");
    return QStringLiteral("other");
}

QString demangled(const QString &name)
{
    int status = 0;
    char *text = abi::__cxa_demangle(name.toUtf8().constData(), nullptr, nullptr, &status);
    const QString result = status == 0 && text ? QString::fromUtf8(text) : name;
    std::free(text);
    return result;
}

QString padded(const QString &text, int width)
{
    return text.leftJustified(width, QLatin1Char(' '));
}

QString number(quint64 value, int width)
{
    return QString::number(value).rightJustified(width, QLatin1Char(' '));
}

} // namespace

QList<FeatureSize> SizeReport::featureSizesFromMap(const QString &mapText)
{
    static const QRegularExpression outputSection(
        QStringLiteral("^(\\S+)(?:\\s+0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+))?"));
    static const QRegularExpression inputSection(
        QStringLiteral("^ (\\S+)(?:\\s+0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+)(?:\\s+(\\S.*?))?)?\\s*$"));
    static const QRegularExpression continuation(
        QStringLiteral("^\\s+0x([0-9a-fA-F]+)\\s+0x([0-9a-fA-F]+)\\s+(\\S.*)$"));

    QMap<QString, quint64> sums;
    const QStringList lines = mapText.split(QLatin1Char('\n'));
    const qsizetype start = lines.indexOf(QStringLiteral("Linker script and memory map"));
    bool allocated = false;
    QString pendingInput; // an input section whose numbers wrapped onto the next line
    for (qsizetype i = std::max<qsizetype>(start, 0); start >= 0 && i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        if (!line.isEmpty() && !line.at(0).isSpace()) {
            // Non-allocated output sections (debug info, comments) sit at address 0.
            const auto m = outputSection.match(line);
            allocated = m.hasMatch() && line.startsWith(QLatin1Char('.'))
                        && !m.captured(2).isEmpty() && m.captured(2).toULongLong(nullptr, 16) != 0;
            pendingInput.clear();
            continue;
        }
        if (!allocated)
            continue;
        QString file;
        quint64 size = 0;
        if (const auto m = inputSection.match(line); m.hasMatch() && !line.startsWith(QLatin1String("  "))) {
            if (m.captured(2).isEmpty()) {
                pendingInput = m.captured(1);
                continue;
            }
            size = m.captured(3).toULongLong(nullptr, 16);
            file = m.captured(1) == QLatin1String("*fill*") ? QString()
                   : m.captured(4).isEmpty() ? QStringLiteral("other") : m.captured(4);
        } else if (const auto c = continuation.match(line); c.hasMatch() && !pendingInput.isEmpty()) {
            size = c.captured(2).toULongLong(nullptr, 16);
            file = c.captured(3);
            pendingInput.clear();
        } else {
            continue;
        }
        if (size)
            sums[file.isEmpty() ? QStringLiteral("padding") : featureOfObject(file)] += size;
    }
    QList<FeatureSize> features;
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        features << FeatureSize{it.key(), it.value()};
    std::stable_sort(features.begin(), features.end(),
                     [](const FeatureSize &a, const FeatureSize &b) { return a.size > b.size; });
    return features;
}

std::optional<SizeReport> SizeReport::create(const QString &elfPath, const QString &mapPath,
                                             int topSymbols, QString *error)
{
    const auto elf = ElfFile::load(elfPath, error);
    if (!elf)
        return std::nullopt;
    SizeReport report;
    report.imageFileSize = quint64(QFileInfo(elfPath).size());
    for (const ElfSection &section : elf->sections()) {
        if (!section.isAllocated() || section.size == 0)
            continue;
        report.sections << SectionSize{section.name, section.address, section.size,
                                       section.occupiesFile()};
        report.loadedSize += section.size;
    }
    std::sort(report.sections.begin(), report.sections.end(),
              [](const SectionSize &a, const SectionSize &b) { return a.address < b.address; });
    if (!mapPath.isEmpty()) {
        QFile map(mapPath);
        if (map.open(QIODevice::ReadOnly))
            report.features = featureSizesFromMap(QString::fromUtf8(map.readAll()));
    }
    QList<SymbolSize> symbols;
    for (const ElfSymbol &symbol : elf->symbols()) {
        if ((symbol.isFunction() || symbol.isObject()) && symbol.size > 0)
            symbols << SymbolSize{demangled(symbol.name), symbol.size,
                                  elf->sections().value(symbol.sectionIndex).name};
    }
    std::stable_sort(symbols.begin(), symbols.end(),
                     [](const SymbolSize &a, const SymbolSize &b) { return a.size > b.size; });
    report.topSymbols = symbols.mid(0, topSymbols);
    return report;
}

QString SizeReport::toTable() const
{
    QString text = QStringLiteral("Image: %1 bytes on disk, %2 bytes loaded\n\n")
                       .arg(imageFileSize).arg(loadedSize);
    text += QStringLiteral("%1 %2 %3\n").arg(padded(QStringLiteral("Section"), 20),
                                             padded(QStringLiteral("Address"), 18),
                                             QStringLiteral("    Size"));
    for (const SectionSize &s : sections)
        text += QStringLiteral("%1 0x%2 %3%4\n")
                    .arg(padded(s.name, 20), QString::number(s.address, 16).rightJustified(16, QLatin1Char('0')),
                         number(s.size, 8), s.inFile ? QString() : QStringLiteral("  (zeroed)"));
    if (!features.isEmpty()) {
        text += QStringLiteral("\n%1 %2\n").arg(padded(QStringLiteral("Feature"), 20),
                                                QStringLiteral("    Size"));
        for (const FeatureSize &f : features)
            text += QStringLiteral("%1 %2\n").arg(padded(f.feature, 20), number(f.size, 8));
    }
    if (!topSymbols.isEmpty()) {
        text += QStringLiteral("\n%1 %2 %3\n").arg(QStringLiteral("    Size"),
                                                   padded(QStringLiteral("Section"), 20),
                                                   QStringLiteral("Symbol"));
        for (const SymbolSize &s : topSymbols)
            text += QStringLiteral("%1 %2 %3\n").arg(number(s.size, 8), padded(s.section, 20), s.name);
    }
    return text;
}

} // namespace Keel
