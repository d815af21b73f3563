// `keel size`: bytes per section, per feature and per symbol.
#include "elffile.h"
#include "sizereport.h"
#include "testsupport.h"

#include <QProcess>

using namespace Keel;

TEST(SizeReport, SumsLinkerMapContributionsPerFeature)
{
    // Excerpt in the format of GNU ld 2.40's -Map output, including a wrapped long section
    // name, fill, a symbol line, a discarded section and a non-allocated debug section.
    const QString map = R"(Discarded input sections

 .text.unused   0x0000000000000000       0x99 obj/app/src/main.cpp.o

Memory Configuration

Linker script and memory map

                0x0000000000100000                . = 0x100000

.text           0x0000000000100000      0x200
 *(.text .text.*)
 .text.main     0x0000000000100000       0x20 obj/app/src/main.cpp.o
                0x0000000000100000                main
 .text._ZN4keel5panicEPKcz
                0x0000000000100020      0x100 obj/core/panic.cpp.o
 .text          0x0000000000100120       0x40 obj/core/__/arch/x86_64/boot.S.o
 *fill*         0x0000000000100160        0x8 
 .text.uart     0x0000000000100168       0x30 /tmp/p/build/debug/obj/serial/uart.cpp.o

.bss            0x0000000000101000     0x1000
 .bss.heap      0x0000000000101000     0x1000 obj/heap/heap.cpp.o

.keel_symbols   0x0000000000102000       0x50
 .keel_symbols  0x0000000000102000       0x50 obj/keel_symbols.o

.debug_info     0x0000000000000000      0x500
 .debug_info    0x0000000000000000      0x500 obj/core/panic.cpp.o
)";
    const QList<FeatureSize> features = SizeReport::featureSizesFromMap(map);
    QMap<QString, quint64> sizes;
    for (const FeatureSize &f : features)
        sizes[f.feature] = f.size;
    EXPECT_EQ(sizes.value("app"), 0x20u) << "discarded sections do not count";
    EXPECT_EQ(sizes.value("core"), 0x140u) << "debug info does not count";
    EXPECT_EQ(sizes.value("serial"), 0x30u);
    EXPECT_EQ(sizes.value("heap"), 0x1000u);
    EXPECT_EQ(sizes.value("symbols"), 0x50u);
    EXPECT_EQ(sizes.value("padding"), 0x8u);
    EXPECT_EQ(features.first().feature, "heap") << "largest first";
}

TEST(SizeReport, ReadsSectionsAndSymbolsOfARealElf)
{
    KeelTest::TempProject dir;
    dir.write("a.cpp", "int table[256];\nint bigFunction(int x) { for (int i = 0; i < 256; ++i) "
                       "table[i] = x * i; return table[7]; }\nint main() { return bigFunction(3); }\n");
    QProcess gcc;
    gcc.start("g++", {"-O1", "-o", dir.file("a.out"), dir.file("a.cpp")});
    ASSERT_TRUE(gcc.waitForFinished(60000));
    ASSERT_EQ(gcc.exitCode(), 0) << gcc.readAllStandardError().toStdString();

    QString error;
    const auto elf = ElfFile::load(dir.file("a.out"), &error);
    ASSERT_TRUE(elf) << qPrintable(error);
    EXPECT_TRUE(elf->hasSymbolTable());
    ASSERT_TRUE(elf->section(".text"));
    EXPECT_GT(elf->section(".text")->size, 0u);

    const auto report = SizeReport::create(dir.file("a.out"), QString(), 50, &error);
    ASSERT_TRUE(report) << qPrintable(error);
    bool foundTable = false, foundFunction = false;
    for (const SymbolSize &s : report->topSymbols) {
        foundTable |= s.name == "table" && s.size == 1024 && s.section == ".bss";
        foundFunction |= s.name == "bigFunction(int)" && s.section == ".text";
    }
    EXPECT_TRUE(foundTable) << qPrintable(report->toTable());
    EXPECT_TRUE(foundFunction) << "symbols are demangled: " << qPrintable(report->toTable());
    EXPECT_TRUE(report->toTable().contains(".text"));
}

TEST(SizeReport, RejectsNonElf)
{
    KeelTest::TempProject dir;
    dir.write("x", "not an elf at all, just some text that is long enough to have a header......");
    QString error;
    EXPECT_FALSE(ElfFile::load(dir.file("x"), &error));
    EXPECT_TRUE(error.contains("not an ELF file")) << qPrintable(error);
}
