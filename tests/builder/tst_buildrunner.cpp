// BuildRunner: missing tools name their Debian package; a running build can be cancelled;
// progress comes from ninja's status lines.
#include "buildrunner.h"
#include "testsupport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

using namespace Keel;
using KeelTest::TempProject;

namespace {

// A build dir whose build.ninja runs `command` as its only step.
BuildPlan planRunning(const TempProject &dir, const QByteArray &command)
{
    dir.write("build.ninja", "rule run\n  command = " + command + "\n  description = CXX $out\n"
                             "build out.o: run\ndefault out.o\n");
    BuildPlan plan;
    plan.projectName = "t";
    plan.buildDir = dir.path();
    return plan;
}

class PathOverride
{
public:
    explicit PathOverride(const QByteArray &path) : m_saved(qgetenv("PATH")) { qputenv("PATH", path); }
    ~PathOverride() { qputenv("PATH", m_saved); }

private:
    QByteArray m_saved;
};

} // namespace

TEST(BuildRunner, MissingToolsNameTheirPackage)
{
    TempProject empty;
    PathOverride path(empty.path().toUtf8());
    const Diagnostics missing = BuildRunner::checkTools(Iso::Yes);
    const QString text = KeelTest::renderAll(missing);
    EXPECT_TRUE(text.contains("error: ninja not found on PATH\n  hint: install it with: apt-get install ninja-build"))
        << qPrintable(text);
    EXPECT_TRUE(text.contains("apt-get install binutils"));
    EXPECT_TRUE(text.contains("apt-get install g++"));
    EXPECT_TRUE(text.contains("apt-get install xorriso"));
    EXPECT_TRUE(text.contains("apt-get install mtools"));
    EXPECT_TRUE(text.contains("grub-pc-bin"));

    TempProject dir;
    BuildRunner runner(planRunning(dir, "true"));
    const BuildResult result = runner.run();
    EXPECT_EQ(result.status, BuildStatus::MissingTool);
}

TEST(BuildRunner, ReportsProgressAndFailure)
{
    TempProject dir;
    BuildRunner runner(planRunning(dir, "echo 'src/a.cpp:3:7: error: boom'; exit 1"));
    QList<int> done;
    QObject::connect(&runner, &BuildRunner::progress,
                     [&](int d, int total, const QString &) { done << d << total; });
    const BuildResult result = runner.run();
    EXPECT_EQ(result.status, BuildStatus::Failed);
    EXPECT_EQ(done, QList<int>({1, 1}));
    EXPECT_EQ(result.compiled, QStringList{"out.o"});
    bool found = false;
    for (const Diagnostic &d : result.diagnostics)
        found |= d.file == "src/a.cpp" && d.line == 3 && d.message == "boom";
    EXPECT_TRUE(found) << qPrintable(KeelTest::renderAll(result.diagnostics));
}

TEST(BuildRunner, CancelStopsALongBuild)
{
    int argc = 1;
    char name[] = "tst_builder";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    TempProject dir;
    BuildRunner runner(planRunning(dir, "sleep 60"));
    BuildResult result;
    QEventLoop loop;
    QObject::connect(&runner, &BuildRunner::finished, [&](const BuildResult &r) {
        result = r;
        loop.quit();
    });
    QElapsedTimer timer;
    timer.start();
    runner.start();
    ASSERT_TRUE(runner.isRunning());
    QTimer::singleShot(300, &runner, &BuildRunner::cancel);
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    loop.exec();
    EXPECT_EQ(result.status, BuildStatus::Cancelled);
    EXPECT_LT(timer.elapsed(), 10000);
    EXPECT_FALSE(runner.isRunning());
}
