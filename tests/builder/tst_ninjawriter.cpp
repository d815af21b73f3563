// build.ninja generation: the objects, flags and link steps `keel build` runs.
#include "builder.h"
#include "ninjawriter.h"
#include "projectloader.h"
#include "testsupport.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QThread>

using namespace Keel;
using KeelTest::TempProject;
using KeelTest::renderAll;

namespace {

struct Fixture {
    TempProject tree;    // a miniature Keel tree
    TempProject project;
    Configuration config;

    Fixture()
    {
        tree.write("templates/.keep", "");
        tree.write("kernel/core/module.toml", "id = \"core\"\nsources = [\"*.cpp\", \"../arch/*.S\"]\n");
        tree.write("kernel/core/kmain.cpp", "");
        tree.write("kernel/arch/boot.S", "");
        tree.write("kernel/serial/module.toml", "id = \"serial\"\ndefault = true\nsources = [\"uart.cpp\"]\n"
                                               "defines = [\"KEEL_UART=1\"]\n");
        tree.write("kernel/serial/uart.cpp", "");
        tree.write("kernel/heap/module.toml", "id = \"heap\"\nsources = [\"heap.cpp\"]\n");
        tree.write("kernel/heap/heap.cpp", "");
        project.write("keel.toml", "[project]\nname = \"demo\"\n[run]\ncmdline = \"x=1\"\n");
        project.write("src/main.cpp", "int main() { return 0; }\n");
        project.write("src/util/strings.cpp", "");
        Diagnostics diagnostics;
        config.tree = KeelTree(tree.path());
        config.project = *ProjectLoader::load(project.path(), &diagnostics);
        config.registry = std::make_unique<ManifestRegistry>();
        EXPECT_TRUE(config.registry->discover(tree.file("kernel"), &diagnostics)) << qPrintable(renderAll(diagnostics));
        config.resolver = std::make_unique<FeatureResolver>(*config.registry);
        config.resolved = config.resolver->resolve(config.project, &diagnostics);
        EXPECT_TRUE(config.resolved) << qPrintable(renderAll(diagnostics));
    }

    QString ninja(Profile profile, Iso iso = Iso::No)
    {
        Diagnostics diagnostics;
        const auto plan = Builder::prepare(config, BuildOptions{profile, iso}, &diagnostics);
        EXPECT_TRUE(plan) << qPrintable(renderAll(diagnostics));
        QFile file(plan->ninjaPath());
        EXPECT_TRUE(file.open(QIODevice::ReadOnly));
        return QString::fromUtf8(file.readAll());
    }
};

} // namespace

TEST(NinjaWriter, CompilesEnabledModulesAndAppOnly)
{
    Fixture f;
    const QString ninja = f.ninja(Profile::Debug);
    EXPECT_TRUE(ninja.contains("build obj/core/kmain.cpp.o: cxx " + f.tree.file("kernel/core/kmain.cpp")));
    EXPECT_TRUE(ninja.contains("build obj/core/__/arch/boot.S.o: as " + f.tree.file("kernel/arch/boot.S")));
    EXPECT_TRUE(ninja.contains("build obj/serial/uart.cpp.o: cxx"));
    EXPECT_TRUE(ninja.contains("build obj/app/src/main.cpp.o: cxx " + f.project.file("src/main.cpp")));
    EXPECT_TRUE(ninja.contains("build obj/app/src/util/strings.cpp.o: cxx"));
    EXPECT_FALSE(ninja.contains("heap")) << "a feature that is off contributes no objects";
    EXPECT_TRUE(ninja.contains("deps = gcc"));
    EXPECT_TRUE(ninja.contains("-MMD -MF $out.d"));
    EXPECT_TRUE(ninja.contains("-fdiagnostics-format=json"));
    EXPECT_TRUE(ninja.contains("-DKEEL_UART=1"));
}

TEST(NinjaWriter, DebugFlagsAndTwoStageLink)
{
    Fixture f;
    const QString ninja = f.ninja(Profile::Debug);
    const QString cflags = ninja.section("cflags = ", 1).section('\n', 0, 0);
    for (const char *flag : {"-std=gnu++20", "-ffreestanding", "-fno-exceptions", "-fno-rtti",
                             "-mno-red-zone", "-nostdlib", "-fno-pic", "-fno-pie", "-mcmodel=small",
                             "-fstack-protector-strong", "-fno-omit-frame-pointer",
                             "-ffunction-sections", "-fdata-sections", "-Wall", "-Wextra", "-O2", "-g"})
        EXPECT_TRUE(cflags.split(' ').contains(QLatin1String(flag))) << flag;
    EXPECT_TRUE(cflags.contains("-I" + f.tree.file("kernel/include")));
    EXPECT_TRUE(cflags.contains("-I" + f.project.file("build/debug/gen")));
    const QString ldflags = ninja.section("ldflags = ", 1).section('\n', 0, 0);
    EXPECT_EQ(ldflags, "-nostdlib -static -no-pie -z max-page-size=0x1000 -z noexecstack "
                       "--gc-sections -T " + f.tree.file("kernel/arch/x86_64/linker.ld"));
    EXPECT_TRUE(ninja.contains("build demo.stage1.elf: link"));
    EXPECT_TRUE(ninja.contains("build obj/keel_symbols.o: symtab demo.stage1.elf"));
    EXPECT_TRUE(ninja.contains("build demo.elf | demo.map: link obj/core/kmain.cpp.o"));
    EXPECT_TRUE(ninja.contains("obj/keel_symbols.o | "));
    EXPECT_FALSE(ninja.contains(": strip "));
}

TEST(NinjaWriter, ReleaseIsOptimisedForSizeAndStripped)
{
    Fixture f;
    const QString ninja = f.ninja(Profile::Release);
    const QStringList cflags = ninja.section("cflags = ", 1).section('\n', 0, 0).split(' ');
    EXPECT_TRUE(cflags.contains("-Os"));
    EXPECT_FALSE(cflags.contains("-g"));
    EXPECT_FALSE(cflags.contains("-O2"));
    EXPECT_TRUE(ninja.contains("build demo.full.elf | demo.map: link"));
    EXPECT_TRUE(ninja.contains("build demo.elf: strip demo.full.elf"));
    EXPECT_TRUE(ninja.contains("objcopy --strip-all"));
    EXPECT_FALSE(ninja.contains("build obj/keel_symbols.o"));
}

TEST(NinjaWriter, IsoUsesGrubWithTheCommandLine)
{
    Fixture f;
    const QString ninja = f.ninja(Profile::Debug, Iso::Yes);
    EXPECT_TRUE(ninja.contains("build demo.iso: iso demo.elf | gen/grub.cfg"));
    EXPECT_TRUE(ninja.contains("grub-mkrescue -o $out iso"));
    QFile cfg(f.project.file("build/debug/gen/grub.cfg"));
    ASSERT_TRUE(cfg.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(cfg.readAll());
    EXPECT_TRUE(text.contains("set timeout=0"));
    EXPECT_TRUE(text.contains("multiboot2 /boot/demo.elf x=1\n    boot\n"));
}

TEST(NinjaWriter, EnabledModuleWithMissingSourceFailsTheBuild)
{
    Fixture f;
    f.tree.write("kernel/net/module.toml", "id = \"net\"\nsources = [\"tcp.cpp\"]\n");
    Diagnostics diagnostics;
    f.config.registry = std::make_unique<ManifestRegistry>();
    ASSERT_TRUE(f.config.registry->discover(f.tree.file("kernel"), &diagnostics));
    f.config.resolver = std::make_unique<FeatureResolver>(*f.config.registry);
    EXPECT_TRUE(Builder::prepare(f.config, BuildOptions{}, &diagnostics)) << "net is off: no error";
    f.config.project.features << FeatureRequest{"net", {}};
    f.config.resolved = f.config.resolver->resolve(f.config.project, &diagnostics);
    ASSERT_TRUE(f.config.resolved);
    EXPECT_FALSE(Builder::prepare(f.config, BuildOptions{}, &diagnostics));
    EXPECT_TRUE(renderAll(diagnostics).contains("module.toml:2: error: module 'net': source "
                                                "\"tcp.cpp\" matches no file"))
        << qPrintable(renderAll(diagnostics));
}

TEST(NinjaWriter, RegeneratedOnlyWhenInputsChange)
{
    Fixture f;
    f.ninja(Profile::Debug);
    const QString path = f.project.file("build/debug/build.ninja");
    const QDateTime first = QFileInfo(path).lastModified();
    QThread::msleep(20);
    f.ninja(Profile::Debug);
    EXPECT_EQ(QFileInfo(path).lastModified(), first);
    EXPECT_EQ(QFileInfo(f.project.file("build/debug/gen/keel/config.h")).lastModified().isValid(), true);

    f.project.write("src/extra.cpp", "");
    Diagnostics diagnostics;
    ASSERT_TRUE(ProjectLoader::resolveFiles(f.config.project, &diagnostics));
    EXPECT_TRUE(f.ninja(Profile::Debug).contains("obj/app/src/extra.cpp.o"));
    EXPECT_NE(QFileInfo(path).lastModified(), first);
}

TEST(NinjaWriter, SymbolTableScriptProducesTheKeelSymbolsLayout)
{
    // Runs the generated awk program on nm-style input, as the debug link does.
    TempProject dir;
    dir.write("symtab.awk", NinjaWriter::symbolTableScript());
    dir.write("nm.txt", "0000000000100000 0000000000000010 T keelKernelMain\n"
                        "0000000000100010 T noSize\n"
                        "0000000000100020 0000000000000008 D dataSymbol\n"
                        "0000000000100030 0000000000000020 t keel::panic(char const*, ...)\n");
    QProcess awk;
    awk.setStandardInputFile(dir.file("nm.txt"));
    awk.start("awk", {"-f", dir.file("symtab.awk")});
    ASSERT_TRUE(awk.waitForFinished());
    const QString out = QString::fromUtf8(awk.readAllStandardOutput());
    EXPECT_TRUE(out.contains(".section .keel_symbols, \"a\"")) << qPrintable(out);
    EXPECT_TRUE(out.contains(".quad 0x4c4f424d59534b4b\n    .quad 3\n")) << qPrintable(out);
    EXPECT_TRUE(out.contains(".quad 0x0000000000100000\n    .long 0x0000000000000010\n    .long 0\n"));
    EXPECT_TRUE(out.contains(".quad 0x0000000000100010\n    .long 0x0\n    .long 15\n"));
    EXPECT_TRUE(out.contains(".long 22\n    .asciz \"keelKernelMain\"")) << qPrintable(out);
    EXPECT_TRUE(out.contains(".asciz \"keel::panic(char const*, ...)\""));
    EXPECT_FALSE(out.contains("dataSymbol"));
}
