// The Memory dock: bytes at an address or symbol (any gdb expression: 0x100000, &buffer, $rsp)
// as hex and ASCII, 16 per row, re-read at every stop.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace Keel::Studio {

class MemoryPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kDefaultSize = 256;

    explicit MemoryPanel(QWidget* parent = nullptr);

    // "0000000000101000  48 65 6c 6c 6f …  Hello…", one row per 16 bytes.
    static QString hexDump(quint64 address, const QByteArray& bytes);

    QString expression() const;
    int size() const;
    void setMemory(quint64 address, const QByteArray& bytes);
    void setError(const QString& error);
    QLineEdit* addressField() const { return m_address; }
    QPlainTextEdit* view() const { return m_view; }

signals:
    void readRequested(const QString& expression, int size);

private:
    QLineEdit* m_address;
    QSpinBox* m_size;
    QPlainTextEdit* m_view;
    QLabel* m_status;
};

} // namespace Keel::Studio
