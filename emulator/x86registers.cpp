#include "x86registers.h"

#include <array>
#include <utility>

namespace Keel {

namespace {

using BitName = std::pair<int, const char16_t *>;

constexpr std::array kRflagsBits{
    BitName{0, u"CF"}, BitName{2, u"PF"}, BitName{4, u"AF"}, BitName{6, u"ZF"}, BitName{7, u"SF"},
    BitName{8, u"TF"}, BitName{9, u"IF"}, BitName{10, u"DF"}, BitName{11, u"OF"}, BitName{14, u"NT"},
    BitName{16, u"RF"}, BitName{17, u"VM"}, BitName{18, u"AC"}, BitName{19, u"VIF"}, BitName{20, u"VIP"},
    BitName{21, u"ID"}};
constexpr std::array kCr0Bits{
    BitName{0, u"PE"}, BitName{1, u"MP"}, BitName{2, u"EM"}, BitName{3, u"TS"}, BitName{4, u"ET"},
    BitName{5, u"NE"}, BitName{16, u"WP"}, BitName{18, u"AM"}, BitName{29, u"NW"}, BitName{30, u"CD"},
    BitName{31, u"PG"}};
constexpr std::array kCr4Bits{
    BitName{0, u"VME"}, BitName{1, u"PVI"}, BitName{2, u"TSD"}, BitName{3, u"DE"}, BitName{4, u"PSE"},
    BitName{5, u"PAE"}, BitName{6, u"MCE"}, BitName{7, u"PGE"}, BitName{8, u"PCE"}, BitName{9, u"OSFXSR"},
    BitName{10, u"OSXMMEXCPT"}, BitName{11, u"UMIP"}, BitName{12, u"LA57"}, BitName{13, u"VMXE"},
    BitName{14, u"SMXE"}, BitName{16, u"FSGSBASE"}, BitName{17, u"PCIDE"}, BitName{18, u"OSXSAVE"},
    BitName{20, u"SMEP"}, BitName{21, u"SMAP"}, BitName{22, u"PKE"}, BitName{23, u"CET"}, BitName{24, u"PKS"}};
constexpr std::array kCr3Bits{BitName{3, u"PWT"}, BitName{4, u"PCD"}};
constexpr std::array kEferBits{
    BitName{0, u"SCE"}, BitName{8, u"LME"}, BitName{10, u"LMA"}, BitName{11, u"NXE"}, BitName{12, u"SVME"},
    BitName{13, u"LMSLE"}, BitName{14, u"FFXSR"}, BitName{15, u"TCE"}};

template<size_t N>
QStringList setBits(const std::array<BitName, N> &bits, quint64 value)
{
    QStringList names;
    for (const auto &[bit, name] : bits) {
        if (value & (quint64(1) << bit))
            names.append(QString::fromUtf16(name));
    }
    return names;
}

bool isOneOf(QStringView name, std::initializer_list<const char16_t *> names)
{
    for (const char16_t *candidate : names) {
        if (name == QStringView(candidate))
            return true;
    }
    return false;
}

} // namespace

X86RegisterGroup x86RegisterGroup(QStringView name)
{
    if (isOneOf(name, {u"eflags", u"rflags"}))
        return X86RegisterGroup::Flags;
    if (isOneOf(name, {u"cr0", u"cr2", u"cr3", u"cr4", u"cr8", u"efer"}))
        return X86RegisterGroup::Control;
    if (isOneOf(name, {u"cs", u"ss", u"ds", u"es", u"fs", u"gs", u"fs_base", u"gs_base", u"k_gs_base"}))
        return X86RegisterGroup::Segment;
    if (isOneOf(name, {u"rax", u"rbx", u"rcx", u"rdx", u"rsi", u"rdi", u"rbp", u"rsp", u"r8", u"r9", u"r10",
                       u"r11", u"r12", u"r13", u"r14", u"r15", u"rip"}))
        return X86RegisterGroup::General;
    return X86RegisterGroup::Other;
}

QStringList x86FlagNames(QStringView name, quint64 value)
{
    if (isOneOf(name, {u"eflags", u"rflags"})) {
        QStringList names = setBits(kRflagsBits, value);
        if (const int iopl = int((value >> 12) & 3); iopl != 0)
            names.append(QStringLiteral("IOPL=%1").arg(iopl));
        return names;
    }
    if (name == u"cr0")
        return setBits(kCr0Bits, value);
    if (name == u"cr3")
        return setBits(kCr3Bits, value);
    if (name == u"cr4")
        return setBits(kCr4Bits, value);
    if (name == u"efer")
        return setBits(kEferBits, value);
    return {};
}

QString x86RegisterDescription(QStringView name, quint64 value)
{
    if (name == u"cr2")
        return QStringLiteral("last page-fault address");
    if (name == u"cr3")
        return QStringLiteral("page tables (PML4) at 0x%1").arg(value & 0x000ffffffffff000ull, 0, 16);
    if (isOneOf(name, {u"cs", u"ss", u"ds", u"es", u"fs", u"gs"})) {
        if ((value & ~quint64(3)) == 0)
            return QStringLiteral("null selector");
        return QStringLiteral("%1 entry %2, ring %3")
            .arg(value & 4 ? u"LDT" : u"GDT").arg(value >> 3).arg(value & 3);
    }
    return {};
}

} // namespace Keel
