#include "projecttree.h"

#include <QDir>
#include <QFileSystemModel>
#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace Keel::Studio {

// Hides <project>/build and dot-folders; everything else under the project is shown.
class ProjectFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    QString root;

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        auto* model = static_cast<QFileSystemModel*>(sourceModel());
        const QModelIndex index = model->index(row, 0, parent);
        const QString path = model->filePath(index);
        if (root.isEmpty() || !(path == root || path.startsWith(root + '/')))
            return path.isEmpty() || root.startsWith(path); // ancestors of the root stay
        const QString name = model->fileName(index);
        if (name.startsWith('.'))
            return false;
        return path != root + QStringLiteral("/build");
    }
};

ProjectTree::ProjectTree(QWidget* parent)
    : QTreeView(parent)
    , m_model(new QFileSystemModel(this))
    , m_filter(new ProjectFilter(this))
{
    m_model->setReadOnly(true);
    m_model->setFilter(QDir::AllDirs | QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden);
    m_filter->setSourceModel(m_model);
    m_filter->setSortCaseSensitivity(Qt::CaseInsensitive);
    setModel(m_filter);
    setHeaderHidden(true);
    for (int column = 1; column < m_model->columnCount(); ++column)
        hideColumn(column);
    setSortingEnabled(true);
    sortByColumn(0, Qt::AscendingOrder);
    connect(this, &QTreeView::activated, this, &ProjectTree::onActivated);
    connect(m_model, &QFileSystemModel::directoryLoaded, this, &ProjectTree::directoryLoaded);
}

void ProjectTree::setProjectDir(const QString& dir)
{
    m_projectDir = dir.isEmpty() ? QString() : QDir(dir).absolutePath();
    m_filter->root = m_projectDir;
    m_filter->invalidate();
    if (m_projectDir.isEmpty()) {
        setRootIndex(QModelIndex());
        return;
    }
    const QModelIndex sourceRoot = m_model->setRootPath(m_projectDir);
    setRootIndex(m_filter->mapFromSource(sourceRoot));
}

QStringList ProjectTree::visibleEntries() const
{
    QStringList result;
    const QModelIndex root = rootIndex();
    for (int row = 0; row < m_filter->rowCount(root); ++row) {
        const QModelIndex index = m_filter->mapToSource(m_filter->index(row, 0, root));
        result.append(m_model->fileName(index));
    }
    return result;
}

void ProjectTree::onActivated(const QModelIndex& index)
{
    const QModelIndex source = m_filter->mapToSource(index);
    if (!m_model->isDir(source))
        emit fileActivated(m_model->filePath(source));
}

} // namespace Keel::Studio
