#include "elffile.h"

#include <QFile>
#include <QtEndian>

namespace Keel {

namespace {

// Offsets within the ELF64 file header, section header (64 bytes) and symbol (24 bytes),
// from the System V gABI.
constexpr int kShdrSize = 64;
constexpr int kSymSize = 24;
constexpr quint32 kShtSymtab = 2;

template<typename T>
bool read(const QByteArray &data, quint64 offset, T *out)
{
    if (offset > quint64(data.size()) || sizeof(T) > quint64(data.size()) - offset)
        return false;
    *out = qFromLittleEndian<T>(data.constData() + offset);
    return true;
}

QString readString(const QByteArray &data, quint64 tableOffset, quint64 tableSize, quint32 index)
{
    if (index >= tableSize || tableOffset + tableSize > quint64(data.size()))
        return {};
    const char *start = data.constData() + tableOffset + index;
    const qsizetype max = qsizetype(tableSize - index);
    return QString::fromUtf8(start, qstrnlen(start, max));
}

} // namespace

std::optional<ElfFile> ElfFile::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    auto elf = parse(file.readAll(), error);
    if (!elf && error)
        *error = path + QStringLiteral(": ") + *error;
    return elf;
}

std::optional<ElfFile> ElfFile::parse(const QByteArray &data, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<ElfFile> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (data.size() < 64 || !data.startsWith("\x7f" "ELF"))
        return fail(QStringLiteral("not an ELF file"));
    if (data[4] != 2 || data[5] != 1)
        return fail(QStringLiteral("not a little-endian ELF64 file"));
    ElfFile elf;
    quint64 shoff = 0;
    quint16 shentsize = 0, shnum = 0, shstrndx = 0;
    read(data, 24, &elf.m_entry);
    read(data, 40, &shoff);
    read(data, 58, &shentsize);
    read(data, 60, &shnum);
    read(data, 62, &shstrndx);
    if (shnum == 0 || shentsize != kShdrSize || shstrndx >= shnum
        || shoff + quint64(shnum) * kShdrSize > quint64(data.size()))
        return fail(QStringLiteral("section headers are missing or truncated"));

    struct Raw { quint32 name, type; quint64 flags, addr, offset, size; quint32 link; quint64 entsize; };
    QList<Raw> raws;
    for (quint16 i = 0; i < shnum; ++i) {
        const quint64 at = shoff + quint64(i) * kShdrSize;
        Raw r{};
        read(data, at, &r.name);
        read(data, at + 4, &r.type);
        read(data, at + 8, &r.flags);
        read(data, at + 16, &r.addr);
        read(data, at + 24, &r.offset);
        read(data, at + 32, &r.size);
        read(data, at + 40, &r.link);
        read(data, at + 56, &r.entsize);
        raws << r;
    }
    const Raw &names = raws[shstrndx];
    for (const Raw &r : raws)
        elf.m_sections << ElfSection{readString(data, names.offset, names.size, r.name), r.type,
                                     r.flags, r.addr, r.size};

    for (const Raw &r : raws) {
        if (r.type != kShtSymtab || r.link >= raws.size())
            continue;
        elf.m_hasSymtab = true;
        const Raw &strings = raws[r.link];
        for (quint64 at = r.offset; at + kSymSize <= r.offset + r.size; at += kSymSize) {
            ElfSymbol symbol;
            quint32 name = 0;
            quint8 info = 0;
            if (!read(data, at, &name) || !read(data, at + 4, &info))
                return fail(QStringLiteral("symbol table is truncated"));
            read(data, at + 6, &symbol.sectionIndex);
            read(data, at + 8, &symbol.address);
            read(data, at + 16, &symbol.size);
            symbol.type = info & 0xf;
            symbol.name = readString(data, strings.offset, strings.size, name);
            elf.m_symbols << symbol;
        }
    }
    return elf;
}

std::optional<ElfSection> ElfFile::section(const QString &name) const
{
    for (const ElfSection &s : m_sections) {
        if (s.name == name)
            return s;
    }
    return std::nullopt;
}

} // namespace Keel
