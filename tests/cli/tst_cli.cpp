// The keel CLI's help, usage errors and project creation, run on the real binary. A failure here
// means a user typing a command would get no help, a wrong exit code, or a damaged folder.
#include "keelprocess.h"

#include <QDir>
#include <gtest/gtest.h>

namespace {
const QStringList kCommands{QStringLiteral("new"), QStringLiteral("build"), QStringLiteral("run"),
                            QStringLiteral("features"), QStringLiteral("size"), QStringLiteral("templates")};
}

TEST(Cli, HelpListsEveryCommand)
{
    const KeelOutput help = runKeel({QStringLiteral("--help")}, QDir::tempPath());
    EXPECT_EQ(help.exitCode, 0);
    for (const QString &command : kCommands)
        EXPECT_TRUE(help.out.contains(QStringLiteral("  ") + command + u' ')) << qPrintable(command);
}

TEST(Cli, EveryCommandHasHelp)
{
    for (const QString &command : kCommands) {
        const KeelOutput help = runKeel({command, QStringLiteral("--help")}, QDir::tempPath());
        EXPECT_EQ(help.exitCode, 0) << qPrintable(command);
        EXPECT_TRUE(help.out.startsWith(QStringLiteral("Usage: keel ") + command)) << qPrintable(help.out);
        EXPECT_TRUE(help.out.contains(u"--help")) << qPrintable(command);
    }
    EXPECT_TRUE(runKeel({QStringLiteral("run"), QStringLiteral("--help")}, QDir::tempPath()).out.contains(u"--expect"));
}

TEST(Cli, PrintsItsVersion)
{
    const KeelOutput version = runKeel({QStringLiteral("--version")}, QDir::tempPath());
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(version.out.startsWith(u"keel 0.")) << qPrintable(version.out);
}

TEST(Cli, UsageErrorsExitTwo)
{
    const KeelOutput none = runKeel({}, QDir::tempPath());
    EXPECT_EQ(none.exitCode, 2);
    const KeelOutput typo = runKeel({QStringLiteral("buld")}, QDir::tempPath());
    EXPECT_EQ(typo.exitCode, 2);
    EXPECT_TRUE(typo.err.startsWith(u"keel: error: unknown command 'buld'")) << qPrintable(typo.err);
    EXPECT_TRUE(typo.err.contains(u"'build'")) << qPrintable(typo.err);
    const KeelOutput option = runKeel({QStringLiteral("build"), QStringLiteral("--fast")}, QDir::tempPath());
    EXPECT_EQ(option.exitCode, 2);
    EXPECT_TRUE(option.err.contains(u"keel: error: Unknown option 'fast'")) << qPrintable(option.err);
    EXPECT_TRUE(option.err.contains(u"keel build --help")) << qPrintable(option.err);
    const KeelOutput extra = runKeel({QStringLiteral("templates"), QStringLiteral("more")}, QDir::tempPath());
    EXPECT_EQ(extra.exitCode, 2);
    EXPECT_EQ(runKeel({QStringLiteral("new")}, QDir::tempPath()).exitCode, 2);
}

TEST(Cli, RunOptionsOutOfRangeAreUsageErrors)
{
    const QList<QStringList> bad{{QStringLiteral("--cpus"), QStringLiteral("0")},
                                 {QStringLiteral("--cpus"), QStringLiteral("many")},
                                 {QStringLiteral("--memory"), QStringLiteral("12Q")},
                                 {QStringLiteral("--memory"), QStringLiteral("4K")},
                                 {QStringLiteral("--machine"), QStringLiteral("isapc")},
                                 {QStringLiteral("--accel"), QStringLiteral("hvf")},
                                 {QStringLiteral("--timeout"), QStringLiteral("-3")},
                                 {QStringLiteral("--expect"), QStringLiteral("Hello(")}};
    for (const QStringList &options : bad) {
        const KeelOutput run = runKeel(QStringList{QStringLiteral("run")} + options, QDir::tempPath());
        EXPECT_EQ(run.exitCode, 2) << qPrintable(options.join(u' ') + u'\n' + run.err);
        EXPECT_TRUE(run.err.startsWith(QStringLiteral("keel: error: ") + options.first())) << qPrintable(run.err);
    }
}

TEST(Cli, ListsTemplates)
{
    const KeelOutput templates = runKeel({QStringLiteral("templates")}, QDir::tempPath());
    EXPECT_EQ(templates.exitCode, 0);
    EXPECT_TRUE(templates.out.contains(u"hello")) << qPrintable(templates.out);
    EXPECT_TRUE(templates.out.contains(u"bare"));
}

TEST(Cli, NewCreatesAProjectFromTheTemplate)
{
    QTemporaryDir base;
    const QString project = newProject(base, QStringLiteral("my-app"));
    const QByteArray toml = readFile(project + QStringLiteral("/keel.toml"));
    EXPECT_TRUE(toml.contains("name = \"my-app\"")) << toml.constData();
    EXPECT_FALSE(readFile(project + QStringLiteral("/src/main.cpp")).isEmpty());
    EXPECT_FALSE(QFileInfo::exists(project + QStringLiteral("/template.toml")));
}

TEST(Cli, NewRefusesANonEmptyFolderAndLeavesItAlone)
{
    QTemporaryDir base;
    const QString target = base.filePath(QStringLiteral("busy"));
    writeFile(target + QStringLiteral("/notes.txt"), "mine\n");
    const KeelOutput created = runKeel({QStringLiteral("new"), QStringLiteral("busy")}, base.path());
    EXPECT_EQ(created.exitCode, 1);
    EXPECT_TRUE(created.err.contains(u"not empty")) << qPrintable(created.err);
    EXPECT_EQ(QDir(target).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{u"notes.txt"_qs});
    EXPECT_EQ(readFile(target + QStringLiteral("/notes.txt")), "mine\n");
}

TEST(Cli, NewRejectsAnUnknownTemplateWithASuggestion)
{
    QTemporaryDir base;
    const KeelOutput created = runKeel({QStringLiteral("new"), QStringLiteral("x"), QStringLiteral("--template"),
                                        QStringLiteral("helo")}, base.path());
    EXPECT_EQ(created.exitCode, 2);
    EXPECT_TRUE(created.err.contains(u"'hello'")) << qPrintable(created.err);
    EXPECT_FALSE(QFileInfo::exists(base.filePath(QStringLiteral("x"))));
}

TEST(Cli, CommandsOutsideAProjectSaySo)
{
    QTemporaryDir empty;
    const KeelOutput build = runKeel({QStringLiteral("build")}, empty.path());
    EXPECT_EQ(build.exitCode, 1);
    EXPECT_TRUE(build.err.contains(u"keel.toml")) << qPrintable(build.err);
}
