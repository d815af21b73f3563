// Where an image's bytes go: per ELF section, per feature (from the linker map) and the
// largest symbols.
//
//   QString error;
//   auto report = Keel::SizeReport::create(result.unstrippedPath, result.mapPath, 10, &error);
//   std::fputs(qPrintable(report->toTable()), stdout);
#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace Keel {

struct SectionSize {
    QString name;
    quint64 address = 0;
    quint64 size = 0;
    bool inFile = true; // false for .bss-like sections
};

struct FeatureSize {
    QString feature; // module id, "app", or "other" (linker-generated, fill)
    quint64 size = 0;
};

struct SymbolSize {
    QString name;
    quint64 size = 0;
    QString section;
};

class SizeReport
{
public:
    // elfPath: the unstripped image. mapPath: the linker map (may be empty → no per-feature).
    static std::optional<SizeReport> create(const QString &elfPath, const QString &mapPath,
                                            int topSymbols, QString *error);

    // Per-feature sums from a linker map's text; objects under obj/<feature>/ belong to <feature>.
    static QList<FeatureSize> featureSizesFromMap(const QString &mapText);

    QList<SectionSize> sections;   // allocated sections, in address order
    QList<FeatureSize> features;   // largest first
    QList<SymbolSize> topSymbols;  // largest first
    quint64 imageFileSize = 0;     // bytes of the file on disk
    quint64 loadedSize = 0;        // sum of allocated sections

    QString toTable() const;
};

} // namespace Keel
