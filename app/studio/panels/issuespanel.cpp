#include "issuespanel.h"

#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QStyle>

namespace Keel::Studio {

IssuesPanel::IssuesPanel(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Issue"), tr("Location")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setStretchLastSection(false);
    connect(this, &QTreeWidget::itemActivated, this,
        [this](QTreeWidgetItem* item) { activateRow(indexOfTopLevelItem(item)); });
}

void IssuesPanel::setIssues(const QList<Issue>& issues)
{
    clear();
    m_issues.clear();
    for (const Issue& issue : issues)
        addIssue(issue);
    emitCounts();
}

void IssuesPanel::addIssue(const Issue& issue)
{
    m_issues.append(issue);
    QString location = QFileInfo(issue.file).fileName();
    if (issue.line > 0)
        location += QStringLiteral(":%1").arg(issue.line);
    if (issue.column > 0)
        location += QStringLiteral(":%1").arg(issue.column);
    const QString text
        = issue.hint.isEmpty() ? issue.message : issue.message + QStringLiteral(" — ") + issue.hint;
    auto* item = new QTreeWidgetItem(this, {text, location});
    const QStyle::StandardPixmap icon = issue.kind == EditorDiagnostic::Kind::Error
        ? QStyle::SP_MessageBoxCritical
        : issue.kind == EditorDiagnostic::Kind::Warning ? QStyle::SP_MessageBoxWarning
                                                        : QStyle::SP_MessageBoxInformation;
    item->setIcon(0, style()->standardIcon(icon));
    item->setToolTip(0, text);
    item->setToolTip(1, QDir::toNativeSeparators(issue.file));
    emitCounts();
}

void IssuesPanel::activateRow(int row)
{
    if (row < 0 || row >= m_issues.size() || m_issues.at(row).file.isEmpty())
        return;
    const Issue& issue = m_issues.at(row);
    setCurrentItem(topLevelItem(row));
    emit issueActivated(issue.file, issue.line, issue.column);
}

void IssuesPanel::emitCounts()
{
    int errors = 0, warnings = 0;
    for (const Issue& issue : m_issues) {
        errors += issue.kind == EditorDiagnostic::Kind::Error;
        warnings += issue.kind == EditorDiagnostic::Kind::Warning;
    }
    emit countChanged(errors, warnings);
}

} // namespace Keel::Studio
