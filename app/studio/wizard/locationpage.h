// Wizard page 2: project name and the folder it goes in, checked as the user types (a valid
// name, an existing parent, a target that is new or empty) with the reason shown inline.
#pragma once

#include <QWizardPage>

class QLabel;
class QLineEdit;

namespace Keel::Studio {

class LocationPage : public QWizardPage {
    Q_OBJECT
public:
    LocationPage(const QString& parentDir, QWidget* parent = nullptr);

    void suggestName(const QString& templateName); // only while the user has not typed one
    void setProjectName(const QString& name);
    void setParentDir(const QString& dir);
    QString projectName() const;
    QString targetDir() const; // <parent>/<name>
    QString problem() const; // empty when the page is complete
    bool isComplete() const override;

private:
    void revalidate();
    void browse();

    QLineEdit* m_name;
    QLineEdit* m_parentDir;
    QLabel* m_status;
    bool m_nameEdited = false;
};

} // namespace Keel::Studio
