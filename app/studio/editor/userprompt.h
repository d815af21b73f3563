// The questions the editor asks its user, behind an interface so tests can answer them.
// The default implementation shows message boxes.
#pragma once

#include <QStringList>

class QWidget;

namespace Keel::Studio {

enum class SaveChoice { Save, Discard, Cancel };

class UserPrompt {
public:
    virtual ~UserPrompt() = default;
    // fileNames have unsaved changes; the user saves them, throws them away or stays.
    virtual SaveChoice askSaveChanges(const QStringList& fileNames) = 0;
    // fileName changed on disk while it has unsaved changes here; true = load the disk version.
    virtual bool askReload(const QString& fileName) = 0;
    virtual void showError(const QString& message) = 0;
};

class MessageBoxPrompt : public UserPrompt {
public:
    explicit MessageBoxPrompt(QWidget* parent)
        : m_parent(parent)
    {
    }
    SaveChoice askSaveChanges(const QStringList& fileNames) override;
    bool askReload(const QString& fileName) override;
    void showError(const QString& message) override;

private:
    QWidget* m_parent;
};

} // namespace Keel::Studio
