// Watches open files for changes made outside the IDE. Atomic saves (ours and most editors')
// replace the file, which drops an inotify watch, so the path is re-armed after every event.
#pragma once

#include <QFileSystemWatcher>
#include <QObject>

namespace Keel::Studio {

class FileWatcher : public QObject {
    Q_OBJECT
public:
    explicit FileWatcher(QObject* parent = nullptr);

    void watch(const QString& path);
    void unwatch(const QString& path);
    void rearm(const QString& path); // after our own save replaced the file

signals:
    void changed(const QString& path);

private:
    void onFileChanged(const QString& path);

    QFileSystemWatcher m_watcher;
    QStringList m_paths;
};

} // namespace Keel::Studio
