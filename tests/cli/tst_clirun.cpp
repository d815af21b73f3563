// keel run, features and size on a real project built from templates/hello. A failure here means
// `keel run` would not boot the image, would exit with the wrong code, or hang in CI.
#include "keelprocess.h"

#include <QDir>
#include <QFileInfo>
#include <gtest/gtest.h>

namespace {

// A PATH of links to every tool on PATH (the first of each name) in <base>/bin, but for those
// whose name starts with leaveOut.
QProcessEnvironment linkedPath(const QTemporaryDir &base, const QString &leaveOut = {})
{
    const QString bin = base.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    for (const QString &directory : qEnvironmentVariable("PATH").split(u':', Qt::SkipEmptyParts)) {
        for (const QFileInfo &tool : QDir(directory).entryInfoList(QDir::Files | QDir::Executable)) {
            if (leaveOut.isEmpty() || !tool.fileName().startsWith(leaveOut))
                QFile::link(tool.absoluteFilePath(), bin + u'/' + tool.fileName());
        }
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("PATH"), bin);
    return environment;
}

QProcessEnvironment withoutQemu(const QTemporaryDir &base)
{
    return linkedPath(base, QStringLiteral("qemu-system"));
}

} // namespace

TEST(CliRun, BootsTheImageAndExitsWithTheGuestsStatus)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const QString src = project + QStringLiteral("/src");

    const KeelOutput run = runKeel({QStringLiteral("run"), QStringLiteral("--headless"), QStringLiteral("--accel"),
                                    QStringLiteral("tcg"), QStringLiteral("--cmdline"), QStringLiteral("one two")}, src);
    ASSERT_EQ(run.exitCode, 0) << qPrintable(run.err);
    EXPECT_TRUE(run.out.startsWith(u"Hello from Keel!")) << "stdout is the guest's alone: " << qPrintable(run.out);
    EXPECT_TRUE(run.out.contains(u"one")) << qPrintable(run.out);
    EXPECT_TRUE(run.err.contains(u"[1/")) << "build progress goes to stderr: " << qPrintable(run.err);
    EXPECT_TRUE(run.err.contains(u"guest exited with status 0")) << qPrintable(run.err);

    const KeelOutput expect = runKeel({QStringLiteral("run"), QStringLiteral("--expect"), QStringLiteral("Hello from K.el")}, project);
    EXPECT_EQ(expect.exitCode, 0) << qPrintable(expect.err);

    const KeelOutput timeout = runKeel({QStringLiteral("run"), QStringLiteral("--expect"), QStringLiteral("never printed"),
                                        QStringLiteral("--timeout"), QStringLiteral("60")}, project);
    EXPECT_EQ(timeout.exitCode, 1) << "the guest exits before the timeout: " << qPrintable(timeout.err);
    EXPECT_TRUE(timeout.err.contains(u"before 'never printed' appeared")) << qPrintable(timeout.err);

    const KeelOutput noQemu = runKeel({QStringLiteral("run")}, project, withoutQemu(base));
    EXPECT_EQ(noQemu.exitCode, 127) << qPrintable(noQemu.err);
    EXPECT_TRUE(noQemu.err.contains(u"apt-get install qemu-system-x86")) << qPrintable(noQemu.err);

    writeFile(src + QStringLiteral("/main.cpp"), "int main()\n{\n    return 3;\n}\n");
    const KeelOutput status = runKeel({QStringLiteral("run")}, project);
    EXPECT_EQ(status.exitCode, 3) << qPrintable(status.err);

    writeFile(src + QStringLiteral("/main.cpp"),
              "#include <keel/system.h>\n\nint main()\n{\n    keel::panic(\"on purpose\");\n}\n");
    const KeelOutput panic = runKeel({QStringLiteral("run")}, project);
    EXPECT_EQ(panic.exitCode, 101) << qPrintable(panic.err);
    EXPECT_TRUE(panic.out.contains(u"KERNEL PANIC: on purpose")) << qPrintable(panic.out);
    EXPECT_TRUE(panic.err.contains(u"stack trace, resolved")) << qPrintable(panic.err);
    EXPECT_TRUE(panic.err.contains(u"main.cpp:5")) << "addr2line finds the panic's line: " << qPrintable(panic.err);

    writeFile(src + QStringLiteral("/main.cpp"), "int main()\n{\n    for (;;) {\n    }\n}\n");
    const KeelOutput hang = runKeel({QStringLiteral("run"), QStringLiteral("--timeout"), QStringLiteral("2")}, project);
    EXPECT_EQ(hang.exitCode, 124) << qPrintable(hang.err);
    EXPECT_TRUE(hang.err.contains(u"still running after 2 s")) << qPrintable(hang.err);
}

TEST(CliRun, FeaturesAndSizeDescribeTheProject)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const KeelOutput features = runKeel({QStringLiteral("features")}, project + QStringLiteral("/src"));
    EXPECT_EQ(features.exitCode, 0) << qPrintable(features.err);
    EXPECT_TRUE(features.out.contains(u"[x] serial")) << qPrintable(features.out);
    EXPECT_TRUE(features.out.contains(u"[x] core")) << qPrintable(features.out);
    const KeelOutput explain = runKeel({QStringLiteral("features"), QStringLiteral("--explain"), QStringLiteral("heap")}, project);
    EXPECT_EQ(explain.exitCode, 0);
    EXPECT_TRUE(explain.out.contains(u"requested in keel.toml")) << qPrintable(explain.out);
    const KeelOutput unknown = runKeel({QStringLiteral("features"), QStringLiteral("--explain"), QStringLiteral("hep")}, project);
    EXPECT_EQ(unknown.exitCode, 1);
    EXPECT_TRUE(unknown.err.contains(u"'heap'")) << qPrintable(unknown.err);
    const KeelOutput size = runKeel({QStringLiteral("size"), QStringLiteral("--release")}, project);
    EXPECT_EQ(size.exitCode, 0) << qPrintable(size.err);
    EXPECT_TRUE(size.out.contains(u".text")) << qPrintable(size.out);
}

// The freshness stamp: when nothing the last build read changed, `keel run` boots the image
// without configuring the project or running ninja; any edit sends it back to ninja.
TEST(CliRun, BootsAnUnchangedImageWithoutNinjaAndRebuildsAfterAnEdit)
{
    QTemporaryDir base;
    const QString project = newProject(base);
    const QProcessEnvironment environment = linkedPath(base);
    ASSERT_EQ(runKeel({QStringLiteral("build")}, project, environment).exitCode, 0);
    const KeelOutput first = runKeel({QStringLiteral("run"), QStringLiteral("--accel"), QStringLiteral("tcg")}, project, environment);
    ASSERT_EQ(first.exitCode, 0) << qPrintable(first.err);
    ASSERT_TRUE(QFileInfo::exists(project + QStringLiteral("/build/debug/.keel-fresh")));

    const QString ninja = base.filePath(QStringLiteral("bin/ninja"));
    ASSERT_TRUE(QFile::remove(ninja));
    writeFile(ninja, "#!/bin/sh\necho 'ninja was asked' >&2\nexit 1\n");
    QFile::setPermissions(ninja, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    const KeelOutput fresh = runKeel({QStringLiteral("run"), QStringLiteral("--accel"), QStringLiteral("tcg")}, project, environment);
    EXPECT_EQ(fresh.exitCode, 0) << qPrintable(fresh.err);
    EXPECT_TRUE(fresh.out.startsWith(u"Hello from Keel!")) << qPrintable(fresh.out);
    EXPECT_FALSE(fresh.err.contains(u"ninja was asked")) << qPrintable(fresh.err);

    writeFile(project + QStringLiteral("/src/main.cpp"), "int main()\n{\n    return 3;\n}\n");
    const KeelOutput edited = runKeel({QStringLiteral("run"), QStringLiteral("--accel"), QStringLiteral("tcg")}, project, environment);
    EXPECT_NE(edited.exitCode, 0) << qPrintable(edited.err);
    EXPECT_NE(edited.exitCode, 3) << "the stale image must not boot: " << qPrintable(edited.err);
    EXPECT_FALSE(edited.out.contains(u"Hello from Keel!")) << qPrintable(edited.out);
    EXPECT_TRUE(edited.err.contains(u"ninja was asked")) << qPrintable(edited.err);
}
