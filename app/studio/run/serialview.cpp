#include "serialview.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>

namespace Keel::Studio {

namespace {

// The usual xterm palette: 0–7 normal, 8–15 bright.
QColor ansiColour(int index)
{
    static const QColor kColours[16] = {{0, 0, 0}, {205, 49, 49}, {13, 160, 70}, {190, 150, 0},
        {36, 114, 200}, {188, 63, 188}, {17, 150, 180}, {140, 140, 140}, {102, 102, 102},
        {241, 76, 76}, {35, 209, 139}, {215, 180, 20}, {59, 142, 234}, {214, 112, 214},
        {41, 184, 219}, {200, 200, 200}};
    return kColours[qBound(0, index, 15)];
}

} // namespace

SerialView::SerialView(QWidget* parent)
    : QPlainTextEdit(parent)
{
    setObjectName(QStringLiteral("serialView"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMaximumBlockCount(kMaxLines);
    setPlaceholderText(tr("The guest's serial output (COM1) appears here when you Run (F5)."));
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kFlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &SerialView::flush);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &SerialView::onScrolled);
    m_clock.start();
}

void SerialView::startClock()
{
    m_clock.start();
}

void SerialView::appendBytes(const QByteArray& bytes)
{
    m_pending += bytes;
    // The first output after a quiet spell shows at once (the boot banner must not wait);
    // everything arriving while the timer runs is shown together when it fires.
    if (!m_flushTimer.isActive()) {
        flush();
        m_flushTimer.start();
    }
}

void SerialView::flush()
{
    if (m_pending.isEmpty())
        return;
    if (m_pending.size() > kMaxBatchBytes) {
        const qsizetype skipped = m_pending.size() - kMaxBatchBytes;
        m_skippedBytes += skipped;
        m_pending = tr("\n[… %1 bytes not shown: the guest printed faster than the log can follow]\n")
                        .arg(skipped)
                        .toUtf8()
            + m_pending.right(kMaxBatchBytes);
    }
    const QString text = m_decoder.decode(m_pending);
    m_pending.clear();
    const bool follow = m_following;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    for (const AnsiRun& run : m_ansi.feed(text))
        insertRun(cursor, run);
    cursor.endEditBlock();
    highlightPanics();
    if (follow) {
        m_updatingScroll = true;
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
        m_updatingScroll = false;
    }
}

void SerialView::insertRun(QTextCursor& cursor, const AnsiRun& run)
{
    QTextCharFormat format;
    if (run.colour != AnsiRun::kDefaultColour)
        format.setForeground(ansiColour(run.colour));
    if (run.bold)
        format.setFontWeight(QFont::Bold);
    qsizetype start = 0;
    while (start < run.text.size()) {
        if (m_atLineStart) {
            insertTimestamp(cursor);
            m_atLineStart = false;
        }
        const qsizetype newline = run.text.indexOf(u'\n', start);
        const qsizetype end = newline < 0 ? run.text.size() : newline;
        QString piece = run.text.mid(start, end - start);
        piece.remove(u'\r');
        cursor.insertText(piece, format);
        if (newline < 0)
            break;
        cursor.insertBlock();
        m_atLineStart = true;
        start = newline + 1;
    }
}

void SerialView::insertTimestamp(QTextCursor& cursor)
{
    QTextCharFormat format;
    format.setForeground(palette().color(QPalette::PlaceholderText));
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    cursor.insertText(QStringLiteral("[%1] ").arg(seconds, 8, 'f', 3), format);
}

void SerialView::highlightPanics()
{
    QTextBlock block = document()->findBlockByNumber(qMin(m_checkedBlocks, document()->blockCount() - 1));
    for (; block.isValid() && block.next().isValid(); block = block.next()) {
        if (!block.text().contains(QLatin1String("KERNEL PANIC")))
            continue;
        QTextBlockFormat format;
        format.setBackground(QColor(205, 49, 49, 70));
        QTextCursor(block).mergeBlockFormat(format);
    }
    m_checkedBlocks = qMax(0, document()->blockCount() - 1);
}

void SerialView::clearLog()
{
    m_pending.clear();
    clear();
    m_atLineStart = true;
    m_checkedBlocks = 0;
    m_following = true;
    emit followingChanged(true);
}

void SerialView::onScrolled()
{
    if (m_updatingScroll)
        return;
    const bool atBottom = verticalScrollBar()->value() >= verticalScrollBar()->maximum();
    if (atBottom != m_following) {
        m_following = atBottom;
        emit followingChanged(atBottom);
    }
}

} // namespace Keel::Studio
