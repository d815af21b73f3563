#include "locationpage.h"

#include "projectcreator.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace Keel::Studio {

LocationPage::LocationPage(const QString& parentDir, QWidget* parent)
    : QWizardPage(parent)
    , m_name(new QLineEdit(this))
    , m_parentDir(new QLineEdit(QDir::toNativeSeparators(parentDir), this))
    , m_status(new QLabel(this))
{
    setTitle(tr("Name and location"));
    setSubTitle(tr("The name becomes the image's file name; the project gets its own folder."));
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* row = new QHBoxLayout;
    row->addWidget(m_parentDir, 1);
    row->addWidget(browse);
    m_status->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Create &in:"), row);
    form->addRow(m_status);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_name, &QLineEdit::textChanged, this, &LocationPage::revalidate);
    connect(m_parentDir, &QLineEdit::textChanged, this, &LocationPage::revalidate);
    connect(browse, &QPushButton::clicked, this, &LocationPage::browse);
    revalidate();
}

void LocationPage::suggestName(const QString& templateName)
{
    if (m_nameEdited)
        return;
    // First free "<template>", "<template>-2", … so the suggestion is valid at once.
    QString name = templateName;
    for (int n = 2; QFileInfo::exists(QDir(m_parentDir->text()).filePath(name)); ++n)
        name = QStringLiteral("%1-%2").arg(templateName).arg(n);
    m_name->setText(name);
}

void LocationPage::setProjectName(const QString& name)
{
    m_nameEdited = true;
    m_name->setText(name);
}

void LocationPage::setParentDir(const QString& dir)
{
    m_parentDir->setText(QDir::toNativeSeparators(dir));
}

QString LocationPage::projectName() const
{
    return m_name->text().trimmed();
}

QString LocationPage::targetDir() const
{
    return QDir::cleanPath(QDir(QDir::fromNativeSeparators(m_parentDir->text().trimmed()))
                               .absoluteFilePath(projectName()));
}

QString LocationPage::problem() const
{
    QString why;
    if (projectName().isEmpty())
        return tr("Enter a project name.");
    if (!ProjectCreator::isValidName(projectName(), &why))
        return why;
    const QFileInfo parentInfo(QDir::fromNativeSeparators(m_parentDir->text().trimmed()));
    if (m_parentDir->text().trimmed().isEmpty() || !parentInfo.isDir())
        return tr("The folder to create it in does not exist: choose one with Browse….");
    if (!parentInfo.isWritable())
        return tr("%1 is not writable: choose another folder.").arg(parentInfo.filePath());
    const QDir target(targetDir());
    if (QFileInfo(targetDir()).exists()
        && (!QFileInfo(targetDir()).isDir()
            || !target.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty()))
        return tr("%1 already exists and is not empty: choose another name.")
            .arg(QDir::toNativeSeparators(targetDir()));
    return {};
}

bool LocationPage::isComplete() const
{
    return problem().isEmpty();
}

void LocationPage::revalidate()
{
    const QString why = problem();
    m_status->setText(why.isEmpty()
            ? tr("The project will be created in %1").arg(QDir::toNativeSeparators(targetDir()))
            : why);
    m_status->setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("color: #c62828;"));
    emit completeChanged();
}

void LocationPage::browse()
{
    const QString dir
        = QFileDialog::getExistingDirectory(this, tr("Create the project in"), m_parentDir->text());
    if (!dir.isEmpty())
        setParentDir(dir);
}

} // namespace Keel::Studio
