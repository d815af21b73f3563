// Module manifests: what a kernel module author sees for valid and malformed module.toml files.
#include "manifestregistry.h"
#include "modulemanifest.h"
#include "testsupport.h"

using namespace Keel;
using KeelTest::TempProject;
using KeelTest::renderAll;

namespace {

Diagnostics parseErrors(const char *toml)
{
    Diagnostics diagnostics;
    EXPECT_FALSE(ModuleManifest::parse(QString::fromUtf8(toml), "/k/x/module.toml", &diagnostics)) << toml;
    return diagnostics;
}

} // namespace

TEST(ModuleManifest, ReadsEveryField)
{
    Diagnostics diagnostics;
    const auto m = ModuleManifest::parse(R"(id = "serial"
title = "Serial console"
category = "Console"
help = "16550 UART."
default = true
depends = "core && !tiny"
selects = ["ring"]
conflicts = ["vga"]
sources = ["serialport.cpp", "../arch/x86_64/*.S"]
defines = ["KEEL_SERIAL=1"]

[options.baud]
type = "int"
default = 9600
min = 1
max = 115200
help = "Line speed."

[options.buffer]
type = "size"
default = "4K"

[options.parity]
type = "choice"
choices = ["none", "even"]
default = "even"
)", "/k/serial/module.toml", &diagnostics);
    ASSERT_TRUE(m) << qPrintable(renderAll(diagnostics));
    EXPECT_EQ(m->id, "serial");
    EXPECT_EQ(m->title, "Serial console");
    EXPECT_EQ(m->category, "Console");
    EXPECT_TRUE(m->defaultOn);
    EXPECT_EQ(m->depends.identifiers(), QStringList({"core", "tiny"}));
    EXPECT_EQ(m->dependsLine, 6);
    EXPECT_EQ(m->selects, QStringList{"ring"});
    EXPECT_EQ(m->conflicts, QStringList{"vga"});
    EXPECT_EQ(m->sourceGlobs.size(), 2);
    EXPECT_EQ(m->defines, QStringList{"KEEL_SERIAL=1"});
    ASSERT_EQ(m->options.size(), 3);
    const ModuleOption *baud = m->option("baud");
    ASSERT_TRUE(baud);
    EXPECT_EQ(baud->type, OptionType::Int);
    EXPECT_EQ(baud->defaultValue.toLongLong(), 9600);
    EXPECT_EQ(baud->min, 1);
    EXPECT_EQ(baud->max, 115200);
    EXPECT_EQ(m->option("buffer")->defaultValue.toLongLong(), 4096);
    EXPECT_EQ(m->option("parity")->defaultValue.toString(), "even");
}

TEST(ModuleManifest, MalformedManifestsNameFileLineColumn)
{
    Diagnostics d = parseErrors("id = \"x\"\ndepends = \"core &&\"\n");
    ASSERT_EQ(d.size(), 1);
    // The value starts at column 11 (the quote); the expression's column 8 is column 19.
    EXPECT_EQ(d[0].location(), "/k/x/module.toml:2:19") << qPrintable(renderAll(d));
    EXPECT_TRUE(d[0].message.contains("invalid depends expression"));

    d = parseErrors("id = \"x\"\n[options.speed]\ntype = \"float\"\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d[0].location(), "/k/x/module.toml:3:8");

    d = parseErrors("id = \"x\"\n[options.speed]\ntype = \"int\"\ndefault = 500\nmax = 100\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d[0].location(), "/k/x/module.toml:4:11");
    EXPECT_TRUE(d[0].message.contains("out of range")) << qPrintable(renderAll(d));

    d = parseErrors("id = \"Bad_Id\"\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d[0].location(), "/k/x/module.toml:1:6");

    d = parseErrors("id = \"x\"\nselects = \"y\"\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d[0].location(), "/k/x/module.toml:2:11");

    d = parseErrors("id = \"x\"\n[options.mode]\ntype = \"choice\"\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_TRUE(d[0].message.contains("without choices"));

    d = parseErrors("id = \"x\"\ntitle = \"unterminated\n");
    ASSERT_EQ(d.size(), 1);
    EXPECT_EQ(d[0].line, 2);
}

TEST(ManifestRegistry, DiscoversModulesAndChecksReferences)
{
    TempProject kernel;
    kernel.write("core/module.toml", "id = \"core\"\nsources = [\"*.cpp\", \"../lib/*.cpp\"]\n");
    kernel.write("core/main.cpp", "");
    kernel.write("lib/string.cpp", "");
    kernel.write("serial/module.toml", "id = \"serial\"\ndepends = \"core && heep\"\n");
    kernel.write("include/keel/print.h", ""); // folders without module.toml are not modules
    ManifestRegistry registry;
    Diagnostics diagnostics;
    EXPECT_FALSE(registry.discover(kernel.path(), &diagnostics));
    EXPECT_EQ(registry.ids(), QStringList({"core", "serial"}));
    ASSERT_EQ(diagnostics.size(), 1);
    EXPECT_EQ(diagnostics[0].location(), kernel.file("serial/module.toml") + ":2");
    EXPECT_TRUE(diagnostics[0].message.contains("unknown module 'heep'"));
    EXPECT_EQ(registry.find("core")->sources,
              QStringList({kernel.file("core/main.cpp"), kernel.file("lib/string.cpp")}));
}

TEST(ManifestRegistry, IdMustMatchFolderAndMissingSourcesAreRecorded)
{
    TempProject kernel;
    kernel.write("core/module.toml", "id = \"kore\"\n");
    kernel.write("heap/module.toml", "id = \"heap\"\nsources = [\"heap.cpp\"]\n");
    ManifestRegistry registry;
    Diagnostics diagnostics;
    EXPECT_FALSE(registry.discover(kernel.path(), &diagnostics));
    const QString errors = renderAll(diagnostics);
    EXPECT_TRUE(errors.contains("differs from its folder \"core\"")) << qPrintable(errors);
    // A module whose sources are missing is only an error when a build turns it on
    // (tst_ninjawriter checks that); discovery keeps it so other builds still work.
    ASSERT_TRUE(registry.find("heap"));
    const Diagnostics problems = registry.find("heap")->sourceProblems();
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems[0].render(), kernel.file("heap/module.toml") + ":2: error: module 'heap': "
              "source \"heap.cpp\" matches no file\n  hint: paths are relative to "
              + kernel.file("heap") + "; fix the entry or add the file");
}

TEST(ManifestRegistry, RealKernelManifestsAreValid)
{
    const QString kernelDir = QStringLiteral(KEEL_SOURCE_ROOT "/kernel");
    ASSERT_TRUE(QFileInfo::exists(kernelDir + "/core/module.toml"));
    ManifestRegistry registry;
    Diagnostics diagnostics;
    EXPECT_TRUE(registry.discover(kernelDir, &diagnostics)) << qPrintable(renderAll(diagnostics));
    EXPECT_TRUE(registry.find("core"));
}
