#include "filewatcher.h"

#include <QFileInfo>

namespace Keel::Studio {

FileWatcher::FileWatcher(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onFileChanged);
}

void FileWatcher::watch(const QString& path)
{
    if (!m_paths.contains(path))
        m_paths.append(path);
    rearm(path);
}

void FileWatcher::unwatch(const QString& path)
{
    m_paths.removeAll(path);
    m_watcher.removePath(path);
}

void FileWatcher::rearm(const QString& path)
{
    if (!m_paths.contains(path) || !QFileInfo::exists(path))
        return;
    // A replaced file keeps its path but not its inode; drop the stale watch first.
    m_watcher.removePath(path);
    m_watcher.addPath(path);
}

void FileWatcher::onFileChanged(const QString& path)
{
    rearm(path);
    emit changed(path);
}

} // namespace Keel::Studio
