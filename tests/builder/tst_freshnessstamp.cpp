// FreshnessStamp on real builds of templates/hello with a copy of the kernel tree (KEEL_ROOT), so
// that kernel headers may be edited. What a user would see fail: `keel run` booting an old image
// after an edit (a stale build reported fresh), or rebuilding on every run (never fresh).
#include "builder.h"
#include "freshnessstamp.h"
#include "projectcreator.h"
#include "templatecatalog.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>

using namespace Keel;
using KeelTest::renderAll;

namespace {

// Sets (or unsets) one environment variable for the life of the object.
class EnvironmentOverride
{
public:
    EnvironmentOverride(const char *name, const std::optional<QByteArray> &value)
        : m_name(name), m_saved(qEnvironmentVariableIsSet(name) ? std::optional(qgetenv(name))
                                                                : std::nullopt)
    {
        apply(value);
    }
    ~EnvironmentOverride() { apply(m_saved); }

private:
    void apply(const std::optional<QByteArray> &value)
    {
        if (value)
            qputenv(m_name, *value);
        else
            qunsetenv(m_name);
    }
    const char *m_name;
    std::optional<QByteArray> m_saved;
};

struct Built {
    BuildPlan plan;
    QDateTime started;
    bool ok = false;
};

Built build(const QString &dir)
{
    // Edits a test just made must predate the start by more than the stamp's clock slack.
    QThread::msleep(50);
    Diagnostics diagnostics;
    const auto plan = Builder::prepare(dir, BuildOptions{}, &diagnostics);
    EXPECT_TRUE(plan) << qPrintable(renderAll(diagnostics));
    if (!plan)
        return {};
    const QDateTime started = QDateTime::currentDateTimeUtc();
    BuildRunner runner(*plan);
    const BuildResult result = runner.run();
    EXPECT_TRUE(result.ok()) << qPrintable(renderAll(result.diagnostics));
    return {*plan, started, result.ok()};
}

bool buildAndRecord(const QString &dir)
{
    const Built built = build(dir);
    QString error;
    const bool recorded = built.ok && FreshnessStamp::record(built.plan, built.started, &error);
    EXPECT_TRUE(recorded) << qPrintable(error);
    return recorded;
}

struct timespec mtimeOf(const QString &path)
{
    struct stat info {};
    EXPECT_EQ(::stat(QFile::encodeName(path).constData(), &info), 0) << qPrintable(path);
    return info.st_mtim;
}

// Sets the mtime to `when`, or to now without it; the content stays as it is.
void setMtime(const QString &path, std::optional<struct timespec> when = std::nullopt)
{
    const struct timespec times[2] = {{0, UTIME_OMIT}, when ? *when : timespec{0, UTIME_NOW}};
    ASSERT_EQ(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate)) << qPrintable(path);
    file.write(content);
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + QLatin1Char('/') + QDir(from).relativeFilePath(source);
        ASSERT_TRUE(QDir().mkpath(QFileInfo(target).absolutePath()));
        ASSERT_TRUE(QFile::copy(source, target)) << qPrintable(target);
    }
}

QString createProject(const QString &templateName, const QString &dir)
{
    QString error;
    const auto tree = KeelTree::locate(&error);
    EXPECT_TRUE(tree) << qPrintable(error);
    const auto found = tree ? TemplateCatalog(tree->templatesDir()).find(templateName) : std::nullopt;
    EXPECT_TRUE(found) << "templates/" << qPrintable(templateName) << " is missing";
    const bool created = found && ProjectCreator::create(*found, dir, QStringLiteral("app"), &error);
    EXPECT_TRUE(created) << qPrintable(error);
    return created ? dir : QString();
}

// Median time of isFresh() over many calls, in microseconds, and the stamp's size in lines.
void printTiming(const QString &name, const QString &buildDir)
{
    QList<qint64> nanoseconds;
    for (int i = 0; i < 200; ++i) {
        QElapsedTimer timer;
        timer.start();
        EXPECT_TRUE(FreshnessStamp::isFresh(buildDir));
        nanoseconds << timer.nsecsElapsed();
    }
    std::sort(nanoseconds.begin(), nanoseconds.end());
    const qsizetype lines = readFile(buildDir + "/.keel-fresh").count('\n');
    std::printf("[ timing   ] isFresh(%s): median %.1f us, max %.1f us, %lld stamp lines\n",
                qPrintable(name), nanoseconds[100] / 1000.0, nanoseconds.last() / 1000.0,
                static_cast<long long>(lines));
}

class FreshnessStampTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QString error;
        const auto tree = KeelTree::locate(&error);
        ASSERT_TRUE(tree) << qPrintable(error);
        m_dir = createProject(QStringLiteral("hello"), m_root.file("app"));
        ASSERT_FALSE(m_dir.isEmpty());
        m_kernel = m_root.file("keel/kernel");
        copyTree(tree->kernelDir(), m_kernel);
        ASSERT_TRUE(QDir().mkpath(m_root.file("keel/templates")));
        m_keelRoot.emplace("KEEL_ROOT", m_root.file("keel").toUtf8());
        m_buildDir = m_dir + "/build/debug";
        // The first prepare() creates build/ in the project folder, whose mtime then postdates
        // the start of that first build: like an earlier `keel build`, so the tests can record.
        Diagnostics diagnostics;
        ASSERT_TRUE(Builder::prepare(m_dir, BuildOptions{}, &diagnostics))
            << qPrintable(renderAll(diagnostics));
    }

    bool fresh() const { return FreshnessStamp::isFresh(m_buildDir); }

    KeelTest::TempProject m_root;
    std::optional<EnvironmentOverride> m_keelRoot;
    QString m_dir;
    QString m_kernel;
    QString m_buildDir;
};

} // namespace

TEST_F(FreshnessStampTest, FreshAfterRecordAndStaleAfterEveryKindOfChange)
{
    EXPECT_FALSE(fresh()) << "no stamp yet";
    ASSERT_TRUE(buildAndRecord(m_dir));
    ASSERT_TRUE(fresh());
    const QString header = m_kernel + "/include/ktl/types.h";
    EXPECT_TRUE(readFile(m_buildDir + "/.keel-fresh").contains(' ' + QFile::encodeName(header) + '\n'))
        << "the stamp lists the headers of ninja's deps log, in the tree KEEL_ROOT names";
    printTiming("hello", m_buildDir);

    // Touching an app source: only its mtime changes. Putting the exact mtime back is fresh again.
    const QString mainCpp = m_dir + "/src/main.cpp";
    const struct timespec original = mtimeOf(mainCpp);
    setMtime(mainCpp);
    EXPECT_FALSE(fresh()) << "src/main.cpp touched";
    setMtime(mainCpp, original);
    EXPECT_TRUE(fresh()) << "same mtime to the nanosecond and same size";

    // A kernel header the image includes (found through ninja's deps log, not its inputs).
    writeFile(header, readFile(header) + "\n// edited\n");
    EXPECT_FALSE(fresh()) << "kernel/include/ktl/types.h edited";
    ASSERT_TRUE(buildAndRecord(m_dir));
    EXPECT_TRUE(fresh()) << "recorded again after the rebuild";

    // A new source the project's glob picks up changes the src/ folder's mtime.
    writeFile(m_dir + "/src/extra.cpp", "int keelExtra() { return 1; }\n");
    EXPECT_FALSE(fresh()) << "src/extra.cpp added";
    ASSERT_TRUE(buildAndRecord(m_dir));
    EXPECT_TRUE(fresh());

    writeFile(m_dir + "/keel.toml", readFile(m_dir + "/keel.toml") + "\n# edited\n");
    EXPECT_FALSE(fresh()) << "keel.toml edited";
    ASSERT_TRUE(buildAndRecord(m_dir));
    EXPECT_TRUE(fresh());

    ASSERT_TRUE(QFile::remove(m_buildDir + "/app.elf"));
    EXPECT_FALSE(fresh()) << "image deleted";
    ASSERT_TRUE(buildAndRecord(m_dir));
    EXPECT_TRUE(fresh());
}

TEST_F(FreshnessStampTest, StaleWhenTheEnvironmentOrTheStampItselfDiffers)
{
    ASSERT_TRUE(buildAndRecord(m_dir));
    ASSERT_TRUE(fresh());

    {
        EnvironmentOverride lwip("KEEL_LWIP_DIR", QByteArray("/nonexistent/lwip"));
        EXPECT_FALSE(fresh()) << "KEEL_LWIP_DIR changed";
    }
    {
        EnvironmentOverride added("KEEL_SOMETHING_DIR", QByteArray("/tmp"));
        EXPECT_FALSE(fresh()) << "a KEEL_*_DIR variable appeared";
    }
    EXPECT_TRUE(fresh()) << "environment as recorded again";

    const QString stampPath = m_buildDir + "/.keel-fresh";
    const QByteArray stamp = readFile(stampPath);
    writeFile(stampPath, stamp.left(stamp.size() / 2));
    EXPECT_FALSE(fresh()) << "truncated in the middle";
    writeFile(stampPath, stamp.left(stamp.lastIndexOf("end ")));
    EXPECT_FALSE(fresh()) << "truncated at a line end, without its end line";
    writeFile(stampPath, "garbage\n" + stamp);
    EXPECT_FALSE(fresh()) << "no version line first";
    QByteArray otherProgram = stamp;
    otherProgram.replace("\nexe ", "\nexe 1");
    writeFile(stampPath, otherProgram);
    EXPECT_FALSE(fresh()) << "written by another program";
    writeFile(stampPath, stamp);
    EXPECT_TRUE(fresh()) << "the original stamp back";

    FreshnessStamp::discard(m_buildDir);
    EXPECT_FALSE(QFile::exists(stampPath));
    EXPECT_FALSE(fresh());
}

TEST_F(FreshnessStampTest, NotRecordedWhenAnInputChangedDuringTheBuild)
{
    ASSERT_TRUE(buildAndRecord(m_dir));
    const Built built = build(m_dir);
    ASSERT_TRUE(built.ok);
    setMtime(m_kernel + "/core/panic.cpp"); // as if saved while ninja ran
    QString error;
    EXPECT_FALSE(FreshnessStamp::record(built.plan, built.started, &error));
    EXPECT_TRUE(error.contains("panic.cpp")) << qPrintable(error);
    EXPECT_FALSE(QFile::exists(m_buildDir + "/.keel-fresh")) << "the older stamp is removed";
    EXPECT_FALSE(fresh());

    ASSERT_TRUE(buildAndRecord(m_dir)) << "the rebuild compiles panic.cpp and records";
    EXPECT_TRUE(fresh());
}

// Not an assertion on time: prints how long the check takes for the largest template.
TEST(FreshnessStamp, TimingForHttpServer)
{
    KeelTest::TempProject root;
    const QString dir = createProject(QStringLiteral("http-server"), root.file("app"));
    ASSERT_FALSE(dir.isEmpty());
    Diagnostics diagnostics;
    if (!Builder::prepare(dir, BuildOptions{}, &diagnostics))
        GTEST_SKIP() << qPrintable(renderAll(diagnostics)); // e.g. lwIP not fetched
    ASSERT_TRUE(buildAndRecord(dir));
    printTiming("http-server", dir + "/build/debug");
}
