// x86 register decoding for the debugger's register view. A failure here means the IDE would name
// the wrong flags (e.g. claim paging is off) or misread a segment selector.
#include "emulator/hmpdisassembly.h"
#include "emulator/x86registers.h"

#include <gtest/gtest.h>

using namespace Keel;

TEST(X86Registers, NamesTheSetFlagsOfRflags)
{
    EXPECT_EQ(x86FlagNames(u"eflags", 0x246), (QStringList{u"PF"_qs, u"ZF"_qs, u"IF"_qs}));
    EXPECT_EQ(x86FlagNames(u"rflags", 0x3002), QStringList{u"IOPL=3"_qs});
    EXPECT_EQ(x86FlagNames(u"eflags", 0x2), QStringList());
}

TEST(X86Registers, DecodesControlRegistersAsKeelsBootLeavesThem)
{
    // The values gdb read from QEMU at main() in a Keel image.
    EXPECT_EQ(x86FlagNames(u"cr0", 0x80010013), (QStringList{u"PE"_qs, u"MP"_qs, u"ET"_qs, u"WP"_qs, u"PG"_qs}));
    EXPECT_EQ(x86FlagNames(u"cr4", 0x620), (QStringList{u"PAE"_qs, u"OSFXSR"_qs, u"OSXMMEXCPT"_qs}));
    EXPECT_EQ(x86FlagNames(u"efer", 0xd00), (QStringList{u"LME"_qs, u"LMA"_qs, u"NXE"_qs}));
    EXPECT_EQ(x86FlagNames(u"cr3", 0x2018), (QStringList{u"PWT"_qs, u"PCD"_qs}));
    EXPECT_EQ(x86RegisterDescription(u"cr3", 0x2018), u"page tables (PML4) at 0x2000");
    EXPECT_EQ(x86RegisterDescription(u"cr2", 0xdead), u"last page-fault address");
    EXPECT_TRUE(x86FlagNames(u"rax", 0xffff).isEmpty());
}

TEST(X86Registers, ReadsSegmentSelectorsAndGroupsRegisters)
{
    EXPECT_EQ(x86RegisterDescription(u"cs", 0x08), u"GDT entry 1, ring 0");
    EXPECT_EQ(x86RegisterDescription(u"ss", 0x2b), u"GDT entry 5, ring 3");
    EXPECT_EQ(x86RegisterDescription(u"ds", 0x0f), u"LDT entry 1, ring 3");
    EXPECT_EQ(x86RegisterDescription(u"fs", 0), u"null selector");
    EXPECT_EQ(x86RegisterGroup(u"rip"), X86RegisterGroup::General);
    EXPECT_EQ(x86RegisterGroup(u"eflags"), X86RegisterGroup::Flags);
    EXPECT_EQ(x86RegisterGroup(u"efer"), X86RegisterGroup::Control);
    EXPECT_EQ(x86RegisterGroup(u"gs_base"), X86RegisterGroup::Segment);
    EXPECT_EQ(x86RegisterGroup(u"xmm0"), X86RegisterGroup::Other);
}

TEST(HmpDisassembly, ParsesQemuMonitorOutputAndStopsAtUnreadableMemory)
{
    // Recorded from QEMU 7.2's `x/4i $pc` at the reset vector of a pc machine.
    const QString output = QStringLiteral("0xfffffff0:  ea 5b e0 00 f0           ljmpw    $0xf000:$0xe05b\n"
                                          "0xfffffff5: unable to read memory\n");
    const QList<GdbDisassemblyLine> lines = hmpDisassembly(output);
    ASSERT_EQ(lines.size(), 1);
    EXPECT_EQ(lines[0].address, 0xfffffff0u);
    EXPECT_EQ(lines[0].instruction, u"ljmpw $0xf000:$0xe05b");
    const QList<GdbDisassemblyLine> two = hmpDisassembly(QStringLiteral(
        "0x00100280:  fa                       cli      \n0x00100281:  f4                       hlt      \n"));
    ASSERT_EQ(two.size(), 2);
    EXPECT_EQ(two[1].address, 0x100281u);
    EXPECT_EQ(two[1].instruction, u"hlt");
    EXPECT_TRUE(hmpDisassembly(QStringLiteral("x: extraneous characters at the end of line\n")).isEmpty());
}
