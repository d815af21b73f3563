// The Emulator panel's Monitor tab: QEMU's human monitor (HMP) through QMP's
// human-monitor-command, with a command history (Up/Down) and completion of common commands.
#pragma once

#include "emulator/qmpclient.h"

#include <QPointer>
#include <QWidget>

class QLineEdit;
class QPlainTextEdit;

namespace Keel::Studio {

class MonitorConsole : public QWidget {
    Q_OBJECT
public:
    static const QStringList& commonCommands();

    explicit MonitorConsole(QWidget* parent = nullptr);

    void setClient(QmpClient* qmp); // null: no machine is running
    QLineEdit* inputLine() const { return m_input; }
    QPlainTextEdit* output() const { return m_output; }
    QStringList history() const { return m_history; }
    void execute(const QString& command);

signals:
    void replied(const QString& command, const QString& output);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showHistoryEntry(int index);

    QPointer<QmpClient> m_qmp;
    QPlainTextEdit* m_output;
    QLineEdit* m_input;
    QStringList m_history;
    int m_historyIndex = 0;
};

} // namespace Keel::Studio
