#include "welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>

namespace Keel::Studio {

namespace {

QLabel* heading(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

WelcomePage::WelcomePage(QWidget* parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
    , m_templates(new QListWidget(this))
    , m_newProject(new QPushButton(tr("New Project…"), this))
    , m_openProject(new QPushButton(tr("Open Project…"), this))
{
    auto* title = heading(tr("Keel Studio"), this);
    auto* tagline = new QLabel(tr("Build your C++ app and just the kernel it needs into one "
                                  "bootable image."),
        this);
    m_templates->setWordWrap(true);
    m_templates->setSpacing(6);
    m_recent->setSpacing(4);
    m_recent->setAlternatingRowColors(true);

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->addWidget(title, 0, 0, 1, 3);
    layout->addWidget(tagline, 1, 0, 1, 3);
    layout->addWidget(m_newProject, 2, 0);
    layout->addWidget(m_openProject, 3, 0);
    layout->addWidget(heading(tr("Recent projects"), this), 2, 1);
    layout->addWidget(m_recent, 3, 1, 2, 1);
    layout->addWidget(heading(tr("Templates"), this), 2, 2);
    layout->addWidget(m_templates, 3, 2, 2, 1);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(2, 1);
    layout->setRowStretch(4, 1);

    connect(m_newProject, &QPushButton::clicked, this, [this] { emit newProjectRequested({}); });
    connect(m_openProject, &QPushButton::clicked, this, &WelcomePage::openProjectDialogRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit openProjectRequested(item->data(Qt::UserRole).toString());
    });
    connect(m_templates, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit newProjectRequested(item->data(Qt::UserRole).toString());
    });
}

void WelcomePage::setRecentProjects(const QList<RecentProject>& projects)
{
    m_recent->clear();
    for (const RecentProject& project : projects) {
        const bool exists = QFileInfo::exists(project.path);
        auto* item = new QListWidgetItem(
            QStringLiteral("%1\n%2").arg(project.name, QDir::toNativeSeparators(project.path)),
            m_recent);
        item->setData(Qt::UserRole, project.path);
        item->setToolTip(exists ? tr("Last opened %1")
                                      .arg(QLocale().toString(
                                          project.lastOpened.toLocalTime(), QLocale::ShortFormat))
                                : tr("This folder no longer exists"));
        if (!exists)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    if (projects.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No recent projects yet."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

void WelcomePage::setTemplates(const QList<TemplateEntry>& templates)
{
    m_templates->clear();
    for (const TemplateEntry& entry : templates) {
        auto* item = new QListWidgetItem(
            QStringLiteral("%1\n%2").arg(entry.title, entry.description), m_templates);
        item->setData(Qt::UserRole, entry.name);
        item->setToolTip(tr("Create a new project from the “%1” template").arg(entry.name));
    }
}

void WelcomePage::setNewProjectUnavailable(const QString& why)
{
    for (QWidget* widget :
        {static_cast<QWidget*>(m_newProject), static_cast<QWidget*>(m_templates)}) {
        widget->setEnabled(false);
        widget->setToolTip(why);
    }
}

} // namespace Keel::Studio
