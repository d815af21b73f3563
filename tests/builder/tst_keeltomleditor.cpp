// keel.toml edits made by Keel Studio (features panel, wizard, run settings): what a user would
// see fail is a lost comment, a reformatted file, a key in the wrong table, or a file the
// loader no longer accepts after the IDE touched it.
#include "keeltomleditor.h"
#include "projectloader.h"
#include "testsupport.h"

#include <QFile>

using namespace Keel;
using KeelTest::TempProject;

namespace {

const char* const kHello = R"(# My pico VM
[project]
name = "hello"   # the image name
version = "0.1.0"

[kernel]
features = ["serial", "heap"]  # what the kernel carries

[kernel.options]
heap.size = "0"          # 0 = all free RAM

[run]
machine = "microvm"      # pc | q35 | microvm
memory = "16M"
)";

std::optional<Project> reload(const QString& text)
{
    Diagnostics diagnostics;
    auto project = ProjectLoader::parse(text, QStringLiteral("/p/keel.toml"), &diagnostics);
    EXPECT_TRUE(project.has_value()) << qPrintable(KeelTest::renderAll(diagnostics));
    return project;
}

} // namespace

TEST(KeelTomlEditor, ReplacesOnlyTheValueKeepingComments)
{
    KeelTomlEditor editor(QString::fromUtf8(kHello));
    editor.setValue("run", "memory", "32M");
    editor.setValue("run", "machine", "q35");
    QString expected = QString::fromUtf8(kHello);
    expected.replace("memory = \"16M\"", "memory = \"32M\"");
    expected.replace("machine = \"microvm\"      #", "machine = \"q35\"      #");
    EXPECT_EQ(editor.text(), expected);
    const auto project = reload(editor.text());
    ASSERT_TRUE(project);
    EXPECT_EQ(project->run.memoryText, "32M");
    EXPECT_EQ(project->run.machine, Machine::Q35);
}

TEST(KeelTomlEditor, UnchangedValueLeavesTextByteIdentical)
{
    KeelTomlEditor editor(QString::fromUtf8(kHello));
    editor.setValue("run", "memory", "16M");
    editor.setStringArray("kernel", "features", {"serial", "heap"});
    EXPECT_EQ(editor.text(), QString::fromUtf8(kHello));
}

TEST(KeelTomlEditor, InsertsMissingKeyAtTheEndOfItsTable)
{
    KeelTomlEditor editor(QString::fromUtf8(kHello));
    editor.setValue("run", "cpus", 2);
    editor.setValue("project", "sources", QStringList {"src/**/*.cpp"});
    EXPECT_TRUE(editor.text().endsWith("memory = \"16M\"\ncpus = 2\n"))
        << qPrintable(editor.text());
    EXPECT_TRUE(
        editor.text().contains("version = \"0.1.0\"\nsources = [\"src/**/*.cpp\"]\n\n[kernel]"))
        << qPrintable(editor.text());
    const auto project = reload(editor.text());
    ASSERT_TRUE(project);
    EXPECT_EQ(project->run.cpus, 2);
    EXPECT_EQ(project->sourceGlobs, QStringList {"src/**/*.cpp"});
}

TEST(KeelTomlEditor, InsertsMissingSectionUnderItsParent)
{
    KeelTomlEditor editor(QStringLiteral("[project]\nname = \"a\"\n\n[kernel]\nfeatures = []\n\n"
                                         "[run]\nmemory = \"16M\"\n"));
    editor.setValue("kernel.options", "pci.max-devices", 8);
    editor.setValue("deploy", "replicas", 3);
    EXPECT_EQ(editor.text(),
        QStringLiteral(
            "[project]\nname = \"a\"\n\n[kernel]\nfeatures = []\n\n[kernel.options]\n"
            "pci.max-devices = 8\n\n[run]\nmemory = \"16M\"\n\n[deploy]\nreplicas = 3\n"));
    QString error;
    EXPECT_TRUE(editor.isValid(&error)) << qPrintable(error);
}

TEST(KeelTomlEditor, MultiLineArrayKeepsItsLinesAndComments)
{
    const QString text = QStringLiteral("[kernel]\nfeatures = [\n    \"serial\",  # console\n"
                                        "    \"heap\",    # new/delete\n    \"rtc\"\n]\n"
                                        "disable = []\n");
    KeelTomlEditor editor(text);
    editor.setStringArray("kernel", "features", {"serial", "rtc", "timer"});
    EXPECT_EQ(editor.text(),
        QStringLiteral("[kernel]\nfeatures = [\n    \"serial\",  # console\n    \"rtc\",\n"
                       "    \"timer\",\n]\ndisable = []\n"));
    EXPECT_EQ(editor.stringArray("kernel", "features"), (QStringList {"serial", "rtc", "timer"}));
}

TEST(KeelTomlEditor, SingleLineArrayIsRewrittenOnItsLine)
{
    KeelTomlEditor editor(QString::fromUtf8(kHello));
    editor.setStringArray("kernel", "features", {"serial", "heap", "timer"});
    EXPECT_TRUE(editor.text().contains(
        "features = [\"serial\", \"heap\", \"timer\"]  # what the kernel carries\n"));
    const auto project = reload(editor.text());
    ASSERT_TRUE(project);
    ASSERT_EQ(project->features.size(), 3);
    EXPECT_EQ(project->features.at(2).id, "timer");
}

TEST(KeelTomlEditor, DottedKeysFindTablesWrittenEitherWay)
{
    KeelTomlEditor editor(QStringLiteral("[kernel.options.heap]\nsize = \"1M\" # cap\n"));
    EXPECT_TRUE(editor.hasKey("kernel.options", "heap.size"));
    editor.setValue("kernel.options", "heap.size", "2M");
    EXPECT_EQ(editor.text(), QStringLiteral("[kernel.options.heap]\nsize = \"2M\" # cap\n"));
    EXPECT_EQ(editor.value("kernel.options", "heap.size").toString(), "2M");
}

TEST(KeelTomlEditor, InlineTablesAndTrickyStringsAreSkippedWhole)
{
    const QString text = QStringLiteral(
        "[run]\nextra = { a = \"]\", b = [1, 2] } # } not the end\n"
        "cmdline = \"say \\\"hi\\\" # not a comment\"\nlong = \"\"\"\nx = 1\n[fake]\n\"\"\"\n"
        "memory = \"16M\"\n");
    KeelTomlEditor editor(text);
    editor.setValue("run", "memory", "64M");
    editor.setValue("run", "cmdline", "a \"b\"");
    QString expected = text;
    expected.replace("\"16M\"", "\"64M\"");
    expected.replace("\"say \\\"hi\\\" # not a comment\"", "\"a \\\"b\\\"\"");
    EXPECT_EQ(editor.text(), expected);
    EXPECT_FALSE(editor.hasKey("fake", "x"));
    EXPECT_EQ(editor.value("run", "cmdline").toString(), "a \"b\"");
    QString error;
    EXPECT_TRUE(editor.isValid(&error)) << qPrintable(error);
}

TEST(KeelTomlEditor, RemovesAKeyWithItsLineOnly)
{
    KeelTomlEditor editor(QString::fromUtf8(kHello));
    EXPECT_TRUE(editor.removeKey("kernel.options", "heap.size"));
    EXPECT_FALSE(editor.removeKey("kernel.options", "heap.size"));
    EXPECT_TRUE(editor.text().contains("[kernel.options]\n\n[run]")) << qPrintable(editor.text());
}

TEST(KeelTomlEditor, FileRoundTripThroughTheLoaderIsAtomicAndValidated)
{
    TempProject project;
    project.write("keel.toml", kHello);
    project.write("src/main.cpp", "int main() { return 0; }\n");
    QString error;
    auto editor = KeelTomlEditor::load(project.file("keel.toml"), &error);
    ASSERT_TRUE(editor) << qPrintable(error);
    editor->setStringArray("kernel", "features", {"serial", "timer"});
    editor->setValue("kernel.options", "heap.size", "1M");
    ASSERT_TRUE(editor->save(project.file("keel.toml"), &error)) << qPrintable(error);
    EXPECT_FALSE(QFile::exists(project.file("keel.toml") + ".tmp"));

    Diagnostics diagnostics;
    const auto loaded = ProjectLoader::load(project.path(), &diagnostics);
    ASSERT_TRUE(loaded) << qPrintable(KeelTest::renderAll(diagnostics));
    ASSERT_EQ(loaded->features.size(), 2);
    EXPECT_EQ(loaded->features.at(1).id, "timer");
    ASSERT_EQ(loaded->options.size(), 1);
    EXPECT_EQ(loaded->options.first().value.toString(), "1M");
    EXPECT_TRUE(editor->text().startsWith("# My pico VM\n"));

    // A broken file is refused with its line, never overwritten.
    project.write("keel.toml", "[run\nmemory = 1\n");
    EXPECT_FALSE(KeelTomlEditor::load(project.file("keel.toml"), &error));
    EXPECT_TRUE(error.contains("keel.toml:1:")) << qPrintable(error);
}
