// A minimal ELF64 little-endian reader: section headers and the symbol table.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace Keel {

struct ElfSection {
    QString name;
    quint32 type = 0;
    quint64 flags = 0;
    quint64 address = 0;
    quint64 size = 0;
    bool isAllocated() const { return flags & 0x2; } // SHF_ALLOC
    bool occupiesFile() const { return type != 8; }  // not SHT_NOBITS
};

struct ElfSymbol {
    QString name;
    quint64 address = 0;
    quint64 size = 0;
    quint8 type = 0;      // STT_*
    quint16 sectionIndex = 0;
    bool isFunction() const { return type == 2; }
    bool isObject() const { return type == 1; }
};

class ElfFile
{
public:
    static std::optional<ElfFile> load(const QString &path, QString *error);
    static std::optional<ElfFile> parse(const QByteArray &data, QString *error);

    const QList<ElfSection> &sections() const { return m_sections; }
    const QList<ElfSymbol> &symbols() const { return m_symbols; }
    bool hasSymbolTable() const { return m_hasSymtab; }
    quint64 entry() const { return m_entry; }
    std::optional<ElfSection> section(const QString &name) const;

private:
    QList<ElfSection> m_sections;
    QList<ElfSymbol> m_symbols;
    bool m_hasSymtab = false;
    quint64 m_entry = 0;
};

} // namespace Keel
