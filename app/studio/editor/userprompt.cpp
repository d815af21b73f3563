#include "userprompt.h"

#include <QMessageBox>

namespace Keel::Studio {

SaveChoice MessageBoxPrompt::askSaveChanges(const QStringList& fileNames)
{
    const QString text = fileNames.size() == 1
        ? QObject::tr("%1 has unsaved changes.").arg(fileNames.first())
        : QObject::tr("These files have unsaved changes:\n%1").arg(fileNames.join('\n'));
    const auto answer = QMessageBox::warning(m_parent, QObject::tr("Unsaved changes"),
        text + QObject::tr("\n\nSave them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return SaveChoice::Save;
    return answer == QMessageBox::Discard ? SaveChoice::Discard : SaveChoice::Cancel;
}

bool MessageBoxPrompt::askReload(const QString& fileName)
{
    return QMessageBox::question(m_parent, QObject::tr("File changed on disk"),
               QObject::tr("%1 was changed outside Keel Studio and has unsaved changes here.\n\n"
                           "Load the version on disk and lose your changes?")
                   .arg(fileName),
               QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

void MessageBoxPrompt::showError(const QString& message)
{
    QMessageBox::critical(m_parent, QObject::tr("Keel Studio"), message);
}

} // namespace Keel::Studio
