// End to end: `keel build` on a project made from templates/hello, with the real kernel.
// What a user would see fail: no image, rebuilds that redo work, edits that do not rebuild,
// compile errors without a usable file:line, or a release image that still carries symbols.
#include "builder.h"
#include "elffile.h"
#include "projectcreator.h"
#include "sizereport.h"
#include "templatecatalog.h"
#include "testsupport.h"

#include <QDateTime>
#include <QFile>

using namespace Keel;
using KeelTest::renderAll;

namespace {

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(content);
    file.close();
    // Push the mtime clearly past the last build so ninja sees the edit at any clock resolution.
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    file.setFileTime(QDateTime::currentDateTime().addSecs(2), QFileDevice::FileModificationTime);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

TEST(EndToEnd, BuildsHelloIncrementallyWithDiagnosticsAndStrippedRelease)
{
    QString error;
    const auto tree = KeelTree::locate(&error);
    ASSERT_TRUE(tree) << qPrintable(error);
    ASSERT_TRUE(QFile::exists(tree->kernelDir() + "/core/module.toml")) << "the kernel's core module is missing";
    const auto hello = TemplateCatalog(tree->templatesDir()).find("hello");
    ASSERT_TRUE(hello) << "templates/hello/template.toml is missing";

    KeelTest::TempProject root;
    const QString dir = root.file("e2e");
    ASSERT_TRUE(ProjectCreator::create(*hello, dir, "e2e", &error)) << qPrintable(error);

    // 1. A clean debug build produces the image with its symbol table.
    BuildResult result = Builder::build(dir, BuildOptions{});
    ASSERT_TRUE(result.ok()) << qPrintable(renderAll(result.diagnostics));
    EXPECT_EQ(result.imagePath, dir + "/build/debug/e2e.elf");
    const auto image = ElfFile::load(result.imagePath, &error);
    ASSERT_TRUE(image) << qPrintable(error);
    ASSERT_TRUE(image->section(".keel_symbols"));
    EXPECT_GT(image->section(".keel_symbols")->size, 16u) << "debug images embed .keel_symbols";
    EXPECT_TRUE(result.compiled.contains("obj/app/src/main.cpp.o"));

    // 2. Nothing changed: no compile, no link.
    result = Builder::build(dir, BuildOptions{});
    ASSERT_TRUE(result.ok()) << qPrintable(renderAll(result.diagnostics));
    EXPECT_TRUE(result.steps.isEmpty()) << qPrintable(result.steps.join('\n'));

    // 3. Touching one app source recompiles exactly that object.
    const QString mainCpp = dir + "/src/main.cpp";
    const QByteArray original = readFile(mainCpp);
    writeFile(mainCpp, original + "\n// edited\n");
    result = Builder::build(dir, BuildOptions{});
    ASSERT_TRUE(result.ok()) << qPrintable(renderAll(result.diagnostics));
    EXPECT_EQ(result.compiled, QStringList{"obj/app/src/main.cpp.o"});

    // 4. A compile error in user code is a Diagnostic at its file:line, and the build fails.
    writeFile(mainCpp, "int main()\n{\n    return undeclaredThing;\n}\n");
    result = Builder::build(dir, BuildOptions{});
    EXPECT_EQ(result.status, BuildStatus::Failed);
    bool found = false;
    for (const Diagnostic &d : result.diagnostics)
        found |= d.severity == Severity::Error && d.file == mainCpp && d.line == 3 && d.column == 12
                 && d.message.contains("undeclaredThing");
    EXPECT_TRUE(found) << qPrintable(renderAll(result.diagnostics));

    // 5. Release: stripped image, unstripped twin for the size report.
    writeFile(mainCpp, original);
    result = Builder::build(dir, BuildOptions{Profile::Release, Iso::No});
    ASSERT_TRUE(result.ok()) << qPrintable(renderAll(result.diagnostics));
    const auto release = ElfFile::load(result.imagePath, &error);
    ASSERT_TRUE(release) << qPrintable(error);
    EXPECT_FALSE(release->hasSymbolTable()) << "release images are stripped";
    const auto report = SizeReport::create(result.unstrippedPath, result.mapPath, 5, &error);
    ASSERT_TRUE(report) << qPrintable(error);
    QStringList features;
    for (const FeatureSize &f : report->features)
        features << f.feature;
    EXPECT_TRUE(features.contains("core")) << qPrintable(report->toTable());
    EXPECT_TRUE(features.contains("app")) << qPrintable(report->toTable());
    EXPECT_EQ(report->topSymbols.size(), 5);
}
