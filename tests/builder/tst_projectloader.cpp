// keel.toml parsing: what a user sees when their project file is valid, malformed or odd.
#include "projectloader.h"
#include "sizestring.h"
#include "testsupport.h"

using namespace Keel;
using KeelTest::TempProject;
using KeelTest::renderAll;

namespace {

struct Parsed {
    std::optional<Project> project;
    Diagnostics diagnostics;
};

Parsed parse(const char *toml)
{
    Parsed result;
    result.project = ProjectLoader::parse(QString::fromUtf8(toml), QStringLiteral("/p/keel.toml"),
                                          &result.diagnostics);
    return result;
}

// The first error must be at /p/keel.toml:line:column and mention `text`.
void expectError(const char *toml, int line, int column, const char *text)
{
    const Parsed parsed = parse(toml);
    EXPECT_FALSE(parsed.project.has_value()) << toml;
    ASSERT_FALSE(parsed.diagnostics.isEmpty()) << toml;
    const Diagnostic &d = parsed.diagnostics.first();
    EXPECT_EQ(d.severity, Severity::Error);
    EXPECT_EQ(d.location(), QStringLiteral("/p/keel.toml:%1:%2").arg(line).arg(column))
        << qPrintable(d.render());
    EXPECT_TRUE(d.message.contains(QLatin1String(text))) << qPrintable(d.render());
    EXPECT_FALSE(d.hint.isEmpty()) << "every error needs a how-to-fix hint: " << qPrintable(d.render());
}

} // namespace

TEST(ProjectLoader, ReadsEveryField)
{
    const Parsed parsed = parse(R"(
[project]
name = "hello"
version = "1.2.3"
sources = ["src/*.cpp", "lib/**/*.cpp"]
assets = ["assets/*"]
[kernel]
features = ["serial", "heap"]
disable = ["console"]
[kernel.options]
heap.size = "1M"
serial.baud = 9600
[run]
machine = "q35"
memory = "32M"
cpus = 2
accel = "tcg"
cmdline = "a b"
publish = ["8080:80", "2222:22"]
)");
    ASSERT_TRUE(parsed.project) << qPrintable(renderAll(parsed.diagnostics));
    EXPECT_TRUE(parsed.diagnostics.isEmpty()) << qPrintable(renderAll(parsed.diagnostics));
    const Project &p = *parsed.project;
    EXPECT_EQ(p.name, "hello");
    EXPECT_EQ(p.version, "1.2.3");
    EXPECT_EQ(p.sourceGlobs, QStringList({"src/*.cpp", "lib/**/*.cpp"}));
    EXPECT_EQ(p.assetGlobs, QStringList({"assets/*"}));
    ASSERT_EQ(p.features.size(), 2);
    EXPECT_EQ(p.features[1].id, "heap");
    EXPECT_EQ(p.features[1].where.line, 8);
    EXPECT_EQ(p.features[1].where.column, 23);
    ASSERT_EQ(p.disabled.size(), 1);
    EXPECT_EQ(p.disabled[0].id, "console");
    ASSERT_EQ(p.options.size(), 2);
    EXPECT_EQ(p.options[0].module, "heap");
    EXPECT_EQ(p.options[0].name, "size");
    EXPECT_EQ(p.options[0].value.toString(), "1M");
    EXPECT_EQ(p.options[0].where.line, 11);
    EXPECT_EQ(p.options[1].value.toLongLong(), 9600);
    EXPECT_EQ(p.run.machine, Machine::Q35);
    EXPECT_EQ(p.run.memoryBytes, 32u << 20);
    EXPECT_EQ(p.run.memoryText, "32M");
    EXPECT_EQ(p.run.cpus, 2);
    EXPECT_EQ(p.run.accel, Accel::Tcg);
    EXPECT_EQ(p.run.cmdline, "a b");
    ASSERT_EQ(p.run.publish.size(), 2);
    EXPECT_EQ(p.run.publish[0].host, 8080);
    EXPECT_EQ(p.run.publish[0].guest, 80);
}

TEST(ProjectLoader, AppliesDefaults)
{
    const Parsed parsed = parse("[project]\nname = \"x\"\n");
    ASSERT_TRUE(parsed.project);
    EXPECT_EQ(parsed.project->sourceGlobs, QStringList{"src/**/*.cpp"});
    EXPECT_EQ(parsed.project->run.machine, Machine::Microvm);
    EXPECT_EQ(parsed.project->run.memoryBytes, 16u << 20);
    EXPECT_EQ(parsed.project->run.cpus, 1);
    EXPECT_EQ(parsed.project->run.accel, Accel::Auto);
}

TEST(ProjectLoader, SyntaxErrorPointsAtLineAndColumn)
{
    expectError("[project]\nname = \"x\"\nversion = 1.2.3\n", 3, 14, "invalid TOML");
}

TEST(ProjectLoader, MissingProjectTable)
{
    expectError("[run]\nmachine = \"pc\"\n", 1, 1, "no [project]");
}

TEST(ProjectLoader, MissingName)
{
    expectError("\n[project]\nversion = \"1\"\n", 2, 1, "no name");
}

TEST(ProjectLoader, InvalidName)
{
    expectError("[project]\nname = \"my app!\"\n", 2, 8, "not valid");
}

TEST(ProjectLoader, NameOfWrongType)
{
    expectError("[project]\nname = 42\n", 2, 8, "must be a string");
}

TEST(ProjectLoader, FeaturesMustBeStrings)
{
    expectError("[project]\nname = \"x\"\n[kernel]\nfeatures = [\"serial\", 3]\n", 4, 23,
                "must be a string");
}

TEST(ProjectLoader, BadMachine)
{
    expectError("[project]\nname = \"x\"\n[run]\nmachine = \"vax\"\n", 4, 11, "machine");
}

TEST(ProjectLoader, BadMemory)
{
    expectError("[project]\nname = \"x\"\n[run]\nmemory = \"lots\"\n", 4, 10, "not a size");
}

TEST(ProjectLoader, CpusOutOfRange)
{
    expectError("[project]\nname = \"x\"\n[run]\ncpus = 0\n", 4, 8, "out of range");
}

TEST(ProjectLoader, BadPublish)
{
    expectError("[project]\nname = \"x\"\n[run]\npublish = [\"80\"]\n", 4, 12, "HOST:GUEST");
}

TEST(ProjectLoader, OptionMustNameModuleAndOption)
{
    expectError("[project]\nname = \"x\"\n[kernel.options]\nheap = 5\n", 4, 8, "kernel.options.heap");
}

TEST(ProjectLoader, UnknownKeyWarnsWithNearestKey)
{
    const Parsed parsed = parse("[project]\nname = \"x\"\nverison = \"1\"\n");
    ASSERT_TRUE(parsed.project);
    ASSERT_EQ(parsed.diagnostics.size(), 1);
    const Diagnostic &d = parsed.diagnostics.first();
    EXPECT_EQ(d.severity, Severity::Warning);
    EXPECT_EQ(d.location(), "/p/keel.toml:3:1");
    EXPECT_TRUE(d.message.contains("verison"));
    EXPECT_TRUE(d.hint.contains("'version'")) << qPrintable(d.render());
}

TEST(ProjectLoader, SourceGlobMatchingNothingIsAnError)
{
    TempProject dir;
    dir.write("keel.toml", "[project]\nname = \"x\"\nsources = [\"src/*.cpp\", \"app/**/*.cc\"]\n");
    dir.write("src/main.cpp", "int main() { return 0; }\n");
    Diagnostics diagnostics;
    EXPECT_FALSE(ProjectLoader::load(dir.path(), &diagnostics));
    ASSERT_EQ(diagnostics.size(), 1) << qPrintable(renderAll(diagnostics));
    EXPECT_EQ(diagnostics[0].line, 3);
    EXPECT_EQ(diagnostics[0].column, 25);
    EXPECT_TRUE(diagnostics[0].message.contains("\"app/**/*.cc\" matches no file"));
}

TEST(ProjectLoader, MissingListedSourceIsAnError)
{
    TempProject dir;
    dir.write("keel.toml", "[project]\nname = \"x\"\nsources = [\"src/main.cpp\"]\n");
    Diagnostics diagnostics;
    EXPECT_FALSE(ProjectLoader::load(dir.path(), &diagnostics));
    ASSERT_EQ(diagnostics.size(), 1);
    EXPECT_EQ(diagnostics[0].location(), dir.file("keel.toml") + ":3:12");
    EXPECT_TRUE(diagnostics[0].message.contains("does not exist"));
}

TEST(ProjectLoader, FindsProjectFromSubfolderAndResolvesSources)
{
    TempProject dir;
    dir.write("keel.toml", "[project]\nname = \"x\"\n");
    dir.write("src/main.cpp", "");
    dir.write("src/net/http.cpp", "");
    dir.write("src/notes.txt", "");
    dir.write("build/debug/obj/stale.cpp", ""); // build output is never a source
    Diagnostics diagnostics;
    const auto project = ProjectLoader::load(dir.file("src/net"), &diagnostics);
    ASSERT_TRUE(project) << qPrintable(renderAll(diagnostics));
    EXPECT_EQ(project->rootDir, QDir(dir.path()).absolutePath());
    EXPECT_EQ(project->sources, QStringList({dir.file("src/main.cpp"), dir.file("src/net/http.cpp")}));
}

TEST(ProjectLoader, NoProjectFileSaysHowToCreateOne)
{
    TempProject dir;
    Diagnostics diagnostics;
    EXPECT_FALSE(ProjectLoader::load(dir.path(), &diagnostics));
    ASSERT_EQ(diagnostics.size(), 1);
    EXPECT_TRUE(diagnostics[0].hint.contains("keel new"));
}

TEST(SizeString, AcceptsUnits)
{
    QString error;
    EXPECT_EQ(SizeString::parse(u"4096", &error), 4096u);
    EXPECT_EQ(SizeString::parse(u"64K", &error), 64u << 10);
    EXPECT_EQ(SizeString::parse(u"16M", &error), 16u << 20);
    EXPECT_EQ(SizeString::parse(u"1G", &error), 1u << 30);
    EXPECT_EQ(SizeString::parse(u"64KiB", &error), 64u << 10);
    EXPECT_EQ(SizeString::parse(u"16mib", &error), 16u << 20);
    EXPECT_EQ(SizeString::parse(u"2GiB", &error), 2ull << 30);
    EXPECT_EQ(SizeString::parse(u"0", &error), 0u);
}

TEST(SizeString, RejectsGarbageWithAClearMessage)
{
    for (const char16_t *bad : {u"", u"M", u"-1M", u"1.5M", u"12Q", u"16 MB", u"99999999999999999999G"}) {
        QString error;
        EXPECT_FALSE(SizeString::parse(QStringView(bad), &error)) << QString::fromUtf16(bad).toStdString();
        EXPECT_FALSE(error.isEmpty());
    }
    QString error;
    SizeString::parse(u"12Q", &error);
    EXPECT_TRUE(error.contains("unknown size unit 'Q'")) << qPrintable(error);
    EXPECT_EQ(SizeString::format(16u << 20), "16M");
    EXPECT_EQ(SizeString::format(1000), "1000");
}
