#include "runtimedirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Keel {

namespace {

bool processIsAlive(qint64 pid)
{
    // EPERM means the process exists but belongs to someone else: still alive.
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

bool ownedByUs(const QString &path)
{
    struct stat info {};
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISDIR(info.st_mode)
        && info.st_uid == ::getuid();
}

} // namespace

RuntimeDirectory::RuntimeDirectory(const QString &baseDirectory)
    : m_baseDirectory(baseDirectory)
{
    QByteArray pattern = QFile::encodeName(
        QStringLiteral("%1/keel-%2-XXXXXX").arg(baseDirectory).arg(::getpid()));
    // mkdtemp creates the directory with mode 0700, atomically and with an unguessable name.
    if (::mkdtemp(pattern.data()) == nullptr) {
        m_errorString = QStringLiteral("cannot create a runtime directory in %1: %2 — check that it exists "
                                       "and is writable, or set XDG_RUNTIME_DIR")
                            .arg(baseDirectory, QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    m_path = QFile::decodeName(pattern);
}

RuntimeDirectory::~RuntimeDirectory()
{
    remove();
}

QString RuntimeDirectory::socketPath(QStringView name) const
{
    return m_path + u'/' + name.toString() + QStringLiteral(".sock");
}

void RuntimeDirectory::remove()
{
    if (m_path.isEmpty())
        return;
    QDir(m_path).removeRecursively();
    m_path.clear();
    // Off the path to the guest's first line: listing the base folder costs a run's start-up
    // ~0.2 ms, while at the end it costs nobody.
    removeStale(m_baseDirectory);
}

QString RuntimeDirectory::defaultBaseDirectory()
{
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QFileInfo(xdg).isDir() && QFileInfo(xdg).isWritable())
        return xdg;
    return QStringLiteral("/tmp");
}

int RuntimeDirectory::removeStale(const QString &baseDirectory)
{
    static const QRegularExpression s_name(QStringLiteral("^keel-(\\d+)-[A-Za-z0-9]{6}$"));
    int removed = 0;
    const QStringList entries = QDir(baseDirectory).entryList(QStringList{QStringLiteral("keel-*")},
                                                              QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    for (const QString &entry : entries) {
        const QRegularExpressionMatch match = s_name.match(entry);
        const QString path = baseDirectory + u'/' + entry;
        if (!match.hasMatch() || processIsAlive(match.captured(1).toLongLong()) || !ownedByUs(path))
            continue;
        if (QDir(path).removeRecursively())
            ++removed;
    }
    return removed;
}

} // namespace Keel
