#include "emulatorpanel.h"
#include "displayview.h"
#include "monitorconsole.h"
#include "serialconsole.h"

#include <QListWidget>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {
constexpr int kFileRole = Qt::UserRole;
constexpr int kLineRole = Qt::UserRole + 1;
}

EmulatorPanel::EmulatorPanel(QWidget* parent)
    : QWidget(parent)
    , m_toolBar(new QToolBar(this))
    , m_tabs(new QTabWidget(this))
    , m_display(new DisplayView(this))
    , m_serial(new SerialConsole(this))
    , m_monitor(new MonitorConsole(this))
    , m_panic(new QListWidget(this))
{
    setObjectName(QStringLiteral("emulatorPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    layout->addWidget(m_toolBar);
    m_tabs->addTab(m_display, tr("Display"));
    m_tabs->addTab(m_serial, tr("Serial"));
    m_tabs->addTab(m_monitor, tr("Monitor"));
    layout->addWidget(m_tabs, 1);
    m_panic->setObjectName(QStringLiteral("panicFrames"));
    m_panic->setMaximumHeight(130);
    m_panic->setStyleSheet(QStringLiteral("QListWidget { border: 2px solid rgb(205, 49, 49); }"));
    m_panic->hide();
    layout->addWidget(m_panic);
    connect(m_panic, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const QString file = item->data(kFileRole).toString();
        if (!file.isEmpty())
            emit sourceRequested(file, item->data(kLineRole).toInt());
    });
    connect(m_panic, &QListWidget::itemClicked, m_panic, &QListWidget::itemActivated);
}

void EmulatorPanel::showPanic(const QList<PanicFrame>& frames)
{
    m_panic->clear();
    auto* title = new QListWidgetItem(tr("Kernel panic — click a frame to open its source"), m_panic);
    title->setForeground(QColor(205, 49, 49));
    title->setFlags(Qt::ItemIsEnabled);
    for (const PanicFrame& frame : frames) {
        auto* item = new QListWidgetItem(frame.text, m_panic);
        item->setData(kFileRole, frame.file);
        item->setData(kLineRole, frame.line);
        if (frame.file.isEmpty())
            item->setFlags(Qt::ItemIsEnabled);
    }
    m_panic->show();
}

void EmulatorPanel::clearPanic()
{
    m_panic->clear();
    m_panic->hide();
}

} // namespace Keel::Studio
