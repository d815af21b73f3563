#include "memorypanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Keel::Studio {

namespace {
constexpr int kBytesPerRow = 16;
constexpr int kMaxSize = 64 * 1024;
} // namespace

MemoryPanel::MemoryPanel(QWidget* parent)
    : QWidget(parent)
    , m_address(new QLineEdit(this))
    , m_size(new QSpinBox(this))
    , m_view(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("memoryPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* row = new QHBoxLayout;
    m_address->setObjectName(QStringLiteral("memoryAddress"));
    m_address->setPlaceholderText(tr("Address or symbol: 0x100000, &buffer, $rsp (Enter reads)"));
    m_size->setRange(1, kMaxSize);
    m_size->setValue(kDefaultSize);
    m_size->setSuffix(tr(" bytes"));
    row->addWidget(m_address, 1);
    row->addWidget(m_size);
    layout->addLayout(row);
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_view, 1);
    layout->addWidget(m_status);
    connect(m_address, &QLineEdit::returnPressed, this, [this] {
        if (!expression().isEmpty())
            emit readRequested(expression(), size());
    });
}

QString MemoryPanel::expression() const
{
    return m_address->text().trimmed();
}

int MemoryPanel::size() const
{
    return m_size->value();
}

QString MemoryPanel::hexDump(quint64 address, const QByteArray& bytes)
{
    QStringList rows;
    for (qsizetype offset = 0; offset < bytes.size(); offset += kBytesPerRow) {
        const QByteArray chunk = bytes.mid(offset, kBytesPerRow);
        QString hex;
        QString ascii;
        for (int i = 0; i < kBytesPerRow; ++i) {
            if (i < chunk.size()) {
                const auto byte = quint8(chunk[i]);
                hex += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
                ascii += byte >= 0x20 && byte < 0x7f ? QChar(byte) : QChar(u'.');
            } else {
                hex += QStringLiteral("   ");
            }
            if (i == kBytesPerRow / 2 - 1)
                hex += u' ';
        }
        rows << QStringLiteral("%1  %2 %3").arg(address + offset, 16, 16, QLatin1Char('0')).arg(hex, ascii);
    }
    return rows.join(u'\n');
}

void MemoryPanel::setMemory(quint64 address, const QByteArray& bytes)
{
    m_view->setPlainText(hexDump(address, bytes));
    m_status->setText(tr("%1 bytes at 0x%2").arg(bytes.size()).arg(address, 0, 16));
}

void MemoryPanel::setError(const QString& error)
{
    m_view->clear();
    m_status->setText(error);
}

} // namespace Keel::Studio
