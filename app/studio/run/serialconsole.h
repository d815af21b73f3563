// The Emulator panel's Serial tab: the SerialView log with a search field, Copy, Clear, Save, a
// hint while auto-scroll is paused, and an input line whose text (plus a newline) goes to the
// guest's COM1.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Keel::Studio {

class SerialView;

class SerialConsole : public QWidget {
    Q_OBJECT
public:
    explicit SerialConsole(QWidget* parent = nullptr);

    SerialView* view() const { return m_view; }
    QLineEdit* inputLine() const { return m_input; }
    QLineEdit* searchField() const { return m_search; }
    bool findNext(const QString& text); // wraps around; false when the text is nowhere
    bool saveTo(const QString& path, QString* error);
    void setInputEnabled(bool enabled);

signals:
    void sendRequested(const QByteArray& bytes);

private:
    QWidget* makeToolBar();
    void saveWithDialog();
    void copyText();
    void sendInput();

    SerialView* m_view;
    QLineEdit* m_search;
    QLineEdit* m_input;
    QLabel* m_pausedHint;
};

} // namespace Keel::Studio
