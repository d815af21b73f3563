// The Issues dock: one row per diagnostic of the last build; activating a row asks for its
// file to be opened at its line and column.
#pragma once

#include "editor/codeeditor.h"

#include <QTreeWidget>

namespace Keel::Studio {

struct Issue {
    QString file; // absolute; empty for problems without a file
    int line = 0;
    int column = 0;
    EditorDiagnostic::Kind kind = EditorDiagnostic::Kind::Error;
    QString message;
    QString hint;
};

class IssuesPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit IssuesPanel(QWidget* parent = nullptr);

    void setIssues(const QList<Issue>& issues);
    void addIssue(const Issue& issue);
    QList<Issue> issues() const { return m_issues; }
    void activateRow(int row); // what a click does; used by keyboard and tests

signals:
    void issueActivated(const QString& file, int line, int column);
    void countChanged(int errors, int warnings);

private:
    void emitCounts();

    QList<Issue> m_issues;
};

} // namespace Keel::Studio
