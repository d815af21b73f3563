// The Serial tab's log: guest output with boot-relative timestamps and ANSI colours, appended in
// batches (at most one document update per kFlushIntervalMs, and only the newest kMaxBatchBytes
// of a batch) into a capped document, so a guest flooding 10 MB/s leaves the IDE responsive.
// Follows new output unless the user has scrolled up; a kernel panic line is highlighted.
#pragma once

#include "emulator/ansitext.h"

#include <QElapsedTimer>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTimer>

namespace Keel::Studio {

class SerialView : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kFlushIntervalMs = 50;
    static constexpr qsizetype kMaxBatchBytes = 256 * 1024;
    static constexpr int kMaxLines = 20000;

    explicit SerialView(QWidget* parent = nullptr);

    // Timestamps count from here (the moment QEMU is spawned).
    void startClock();
    void appendBytes(const QByteArray& bytes);
    void flush(); // shows what is pending now (tests, and before saving)
    void clearLog();
    bool isFollowing() const { return m_following; }
    qint64 skippedBytes() const { return m_skippedBytes; }

signals:
    void followingChanged(bool following);

private:
    void insertRun(QTextCursor& cursor, const AnsiRun& run);
    void insertTimestamp(QTextCursor& cursor);
    void highlightPanics();
    void onScrolled();

    QElapsedTimer m_clock;
    QByteArray m_pending;
    qint64 m_skippedBytes = 0;
    QTimer m_flushTimer;
    QStringDecoder m_decoder {QStringDecoder::Utf8};
    AnsiText m_ansi;
    bool m_atLineStart = true;
    bool m_following = true;
    bool m_updatingScroll = false;
    int m_checkedBlocks = 0;
};

} // namespace Keel::Studio
