// RuntimeDirectory: the sockets of a run live in a private directory that disappears with the
// run, and leftovers of crashed runs are swept. A failure here means other users could reach a
// VM's monitor, or /tmp fills with dead keel-* directories.
#include "emulator/runtimedirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <sys/stat.h>
#include <unistd.h>

using namespace Keel;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat info {};
    EXPECT_EQ(::stat(QFile::encodeName(path).constData(), &info), 0);
    return info.st_mode & 07777;
}

// A pid that is certainly not running: beyond the kernel's pid_max.
constexpr qint64 kDeadPid = 99999999;

} // namespace

TEST(RuntimeDirectory, IsPrivateAndRemovedWhenTheRunEnds)
{
    QTemporaryDir base;
    QString path;
    {
        RuntimeDirectory dir(base.path());
        ASSERT_TRUE(dir.isValid()) << qPrintable(dir.errorString());
        path = dir.path();
        EXPECT_TRUE(QFileInfo(path).fileName().startsWith(QStringLiteral("keel-%1-").arg(::getpid())));
        EXPECT_EQ(modeOf(path), mode_t(0700));
        EXPECT_EQ(dir.socketPath(u"qmp"), path + QStringLiteral("/qmp.sock"));
        QFile socketStandIn(dir.socketPath(u"serial"));
        ASSERT_TRUE(socketStandIn.open(QIODevice::WriteOnly));
    }
    EXPECT_FALSE(QFileInfo::exists(path));
}

TEST(RuntimeDirectory, SweepsDirectoriesOfDeadRunsOnly)
{
    QTemporaryDir base;
    QDir dir(base.path());
    const QString dead = QStringLiteral("keel-%1-AbC123").arg(kDeadPid);
    const QString alive = QStringLiteral("keel-%1-XyZ789").arg(::getpid());
    const QString unrelated = QStringLiteral("keel-notes");
    for (const QString &name : {dead, alive, unrelated})
        ASSERT_TRUE(dir.mkpath(name + QStringLiteral("/inner")));
    {
        RuntimeDirectory run(base.path());
        ASSERT_TRUE(run.isValid());
        EXPECT_TRUE(dir.exists(dead)); // not while a run starts: that is on the path to its first line
    } // a run's end sweeps
    EXPECT_FALSE(dir.exists(dead));
    EXPECT_TRUE(dir.exists(alive));
    EXPECT_TRUE(dir.exists(unrelated));
}

TEST(RuntimeDirectory, ExplainsWhenItCannotBeCreated)
{
    RuntimeDirectory dir(QStringLiteral("/nonexistent/keel-base"));
    EXPECT_FALSE(dir.isValid());
    EXPECT_TRUE(dir.errorString().contains(u"/nonexistent/keel-base"));
    EXPECT_TRUE(dir.errorString().contains(u"XDG_RUNTIME_DIR"));
}
