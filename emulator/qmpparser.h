// QmpParser: a pure function of bytes → QMP messages. Feed it whatever the socket delivered (a
// fragment of a message, several merged messages); it returns every message completed so far.
// Text that is not JSON is skipped up to the end of its line and reported as an Invalid message,
// so one bad line never wedges the stream.
//
//   Keel::QmpParser parser;
//   for (const Keel::QmpMessage &message : parser.feed(socket.readAll())) handle(message);
#pragma once

#include "qmpmessage.h"

#include <QByteArray>
#include <QList>

namespace Keel {

class QmpParser
{
public:
    // A single message larger than this is garbage, not something to buffer forever.
    static constexpr qsizetype kMaxMessageSize = 16 * 1024 * 1024;

    QList<QmpMessage> feed(QByteArrayView bytes);
    bool hasPartialMessage() const { return !m_buffer.isEmpty(); }

private:
    bool scanObject(QList<QmpMessage> &out);
    bool skipGarbageLine(QList<QmpMessage> &out);
    void resetScan();

    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer already scanned for the current object
    int m_depth = 0;
    bool m_inString = false;
    bool m_escaped = false;
};

} // namespace Keel
