#include "callstackpanel.h"

#include <QFileInfo>
#include <QHeaderView>

namespace Keel::Studio {

CallStackPanel::CallStackPanel(QWidget* parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("callStackPanel"));
    setHeaderLabels({tr("#"), tr("Function"), tr("Location"), tr("Address")});
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(this, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        const int row = indexOfTopLevelItem(item);
        if (row >= 0 && row < m_frames.size())
            emit frameSelected(m_frames[row]);
    });
}

void CallStackPanel::setFrames(const QList<GdbFrame>& frames)
{
    m_frames = frames;
    clear();
    for (const GdbFrame& frame : frames) {
        const QString location = frame.file.isEmpty()
            ? QString()
            : QStringLiteral("%1:%2").arg(QFileInfo(frame.file).fileName()).arg(frame.line);
        auto* item = new QTreeWidgetItem(this, {QString::number(frame.level),
            frame.function.isEmpty() ? tr("??") : frame.function, location,
            QStringLiteral("0x%1").arg(frame.address, 0, 16)});
        item->setToolTip(2, frame.file);
    }
    if (topLevelItemCount() > 0)
        setCurrentItem(topLevelItem(0));
}

} // namespace Keel::Studio
