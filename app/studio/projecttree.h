// The project's files as a tree: the project folder only, without build output and hidden
// folders (.keel, .git). Activating a file asks for it to be opened.
#pragma once

#include <QTreeView>

class QFileSystemModel;

namespace Keel::Studio {

class ProjectFilter;

class ProjectTree : public QTreeView {
    Q_OBJECT
public:
    explicit ProjectTree(QWidget* parent = nullptr);

    void setProjectDir(const QString& dir); // empty clears the tree
    QString projectDir() const { return m_projectDir; }
    QFileSystemModel* fileModel() const { return m_model; }

    // Relative paths of the rows currently shown under the root (loaded lazily by Qt).
    QStringList visibleEntries() const;

signals:
    void fileActivated(const QString& path);
    void directoryLoaded(const QString& path);

private:
    void onActivated(const QModelIndex& index);

    QFileSystemModel* m_model;
    ProjectFilter* m_filter;
    QString m_projectDir;
};

} // namespace Keel::Studio
