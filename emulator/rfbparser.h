// RfbParser: a pure function of the bytes QEMU's VNC server sends → RFB 3.8 messages (RFC 6143
// §7.1–7.3 handshake, §7.6 server messages). Feed it whatever the socket delivered — a fragment
// of a message or several merged ones; it returns every message completed so far. The handshake
// is assumed to go the way RfbClient drives it (3.8, security None, then ClientInit).
//
// RFB has no framing: after a byte it cannot understand nothing later can be trusted, so the
// parser returns one Error message and then stays failed (hasFailed()).
//
//   Keel::RfbParser parser;
//   for (const Keel::RfbServerMessage &message : parser.feed(socket.readAll())) handle(message);
//   parser.setPixelFormat(Keel::RfbPixelFormat::rgb32()); // after sending SetPixelFormat
#pragma once

#include "rfbmessages.h"

namespace Keel {

class RfbParser
{
public:
    // Larger texts or names are garbage, not something to buffer forever.
    static constexpr quint32 kMaxTextSize = 16 * 1024 * 1024;

    QList<RfbServerMessage> feed(QByteArrayView bytes);

    // Raw rectangles are sized by the pixel format: the server's until the client sets its own.
    void setPixelFormat(const RfbPixelFormat &format) { m_pixelFormat = format; }
    RfbPixelFormat pixelFormat() const { return m_pixelFormat; }
    bool hasFailed() const { return m_phase == Phase::Failed; }
    bool isHandshakeDone() const { return m_phase == Phase::Normal || m_phase == Phase::Update; }
    bool hasPartialMessage() const { return m_position < m_buffer.size() || m_phase == Phase::Update; }

private:
    enum class Phase { ProtocolVersion, SecurityTypes, SecurityResult, ServerInit, Normal, Update, Failed };
    enum class Step { Produced, NeedMore, Failed };

    Step parseOne(RfbServerMessage &out);
    Step parseProtocolVersion(RfbServerMessage &out);
    Step parseSecurityTypes(RfbServerMessage &out);
    Step parseSecurityResult(RfbServerMessage &out);
    Step parseServerInit(RfbServerMessage &out);
    Step parseServerMessage(RfbServerMessage &out);
    Step parseUpdateHeader();
    Step parseRectangles(RfbServerMessage &out);
    Step parseRectangle(RfbRectangle &rectangle, bool &complete);
    Step parseColourMap(RfbServerMessage &out);
    Step parseCutText(RfbServerMessage &out);
    Step parseReason(qsizetype offset, RfbServerMessage &out, qsizetype &consumed);
    Step fail(RfbServerMessage &out, const QString &message);

    qsizetype available() const { return m_buffer.size() - m_position; }
    const uchar *at(qsizetype offset) const;
    quint8 u8(qsizetype offset) const { return *at(offset); }
    quint16 u16(qsizetype offset) const;
    quint32 u32(qsizetype offset) const;

    QByteArray m_buffer;
    qsizetype m_position = 0;
    Phase m_phase = Phase::ProtocolVersion;
    RfbPixelFormat m_pixelFormat;
    quint16 m_width = 0;
    quint16 m_height = 0;
    RfbServerMessage m_update; // the FramebufferUpdate whose rectangles are still arriving
    int m_rectanglesLeft = 0;
};

} // namespace Keel
