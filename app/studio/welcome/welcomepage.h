// The page shown when no project is open: start actions, recent projects (from the history
// store) and the template gallery. It only shows data and reports what the user picked.
#pragma once

#include "history/historyrecords.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Keel::Studio {

struct TemplateEntry {
    QString name;
    QString title;
    QString description;
};

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget* parent = nullptr);

    void setRecentProjects(const QList<RecentProject>& projects);
    void setTemplates(const QList<TemplateEntry>& templates);
    // Greys out New Project and the gallery, saying why, when project creation is unavailable.
    void setNewProjectUnavailable(const QString& why);

    QListWidget* recentList() const { return m_recent; }
    QListWidget* templateList() const { return m_templates; }

signals:
    void openProjectRequested(const QString& path);
    void openProjectDialogRequested();
    void newProjectRequested(const QString& templateName); // empty: let the wizard ask

private:
    QListWidget* m_recent;
    QListWidget* m_templates;
    QPushButton* m_newProject;
    QPushButton* m_openProject;
};

} // namespace Keel::Studio
