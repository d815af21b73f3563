// The Call Stack dock: one row per frame (level, function, file:line, address); clicking a row
// selects that frame for Locals/Watch and shows its line.
#pragma once

#include "emulator/gdbtypes.h"

#include <QTreeWidget>

namespace Keel::Studio {

class CallStackPanel : public QTreeWidget {
    Q_OBJECT
public:
    explicit CallStackPanel(QWidget* parent = nullptr);

    void setFrames(const QList<GdbFrame>& frames);
    QList<GdbFrame> frames() const { return m_frames; }

signals:
    void frameSelected(const Keel::GdbFrame& frame);

private:
    QList<GdbFrame> m_frames;
};

} // namespace Keel::Studio
