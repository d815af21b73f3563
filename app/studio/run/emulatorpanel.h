// The Emulator dock: run controls on top, then the Display, Serial and Monitor tabs, and a list
// of a guest panic's stack frames (shown only after a panic) whose entries open the source.
#pragma once

#include "runcontroller.h"

#include <QWidget>

class QListWidget;
class QTabWidget;
class QToolBar;

namespace Keel::Studio {

class DisplayView;
class MonitorConsole;
class SerialConsole;

class EmulatorPanel : public QWidget {
    Q_OBJECT
public:
    explicit EmulatorPanel(QWidget* parent = nullptr);

    QToolBar* toolBar() const { return m_toolBar; }
    QTabWidget* tabs() const { return m_tabs; }
    DisplayView* display() const { return m_display; }
    SerialConsole* serial() const { return m_serial; }
    MonitorConsole* monitor() const { return m_monitor; }
    QListWidget* panicList() const { return m_panic; }

    void showPanic(const QList<PanicFrame>& frames);
    void clearPanic();

signals:
    void sourceRequested(const QString& file, int line);

private:
    QToolBar* m_toolBar;
    QTabWidget* m_tabs;
    DisplayView* m_display;
    SerialConsole* m_serial;
    MonitorConsole* m_monitor;
    QListWidget* m_panic;
};

} // namespace Keel::Studio
