#include "rfbparser.h"

#include <QtEndian>

namespace Keel {

namespace {
constexpr qsizetype kVersionSize = 12; // "RFB 003.008\n"
constexpr qsizetype kServerInitHeaderSize = 24;
constexpr qsizetype kRectangleHeaderSize = 12;
constexpr quint8 kFramebufferUpdate = 0;
constexpr quint8 kSetColourMapEntries = 1;
constexpr quint8 kBell = 2;
constexpr quint8 kServerCutText = 3;
} // namespace

QList<RfbServerMessage> RfbParser::feed(QByteArrayView bytes)
{
    QList<RfbServerMessage> out;
    if (m_phase == Phase::Failed)
        return out;
    m_buffer.append(bytes);
    for (;;) {
        RfbServerMessage message;
        const Step step = parseOne(message);
        if (step == Step::NeedMore)
            break;
        out.append(std::move(message));
        if (step == Step::Failed)
            break;
    }
    // Drop what has been consumed so the buffer holds only the unfinished message.
    m_buffer.remove(0, m_position);
    m_position = 0;
    return out;
}

RfbParser::Step RfbParser::parseOne(RfbServerMessage &out)
{
    switch (m_phase) {
    case Phase::ProtocolVersion: return parseProtocolVersion(out);
    case Phase::SecurityTypes: return parseSecurityTypes(out);
    case Phase::SecurityResult: return parseSecurityResult(out);
    case Phase::ServerInit: return parseServerInit(out);
    case Phase::Normal: return parseServerMessage(out);
    case Phase::Update: return parseRectangles(out);
    case Phase::Failed: break;
    }
    return Step::NeedMore;
}

const uchar *RfbParser::at(qsizetype offset) const
{
    return reinterpret_cast<const uchar *>(m_buffer.constData()) + m_position + offset;
}

quint16 RfbParser::u16(qsizetype offset) const
{
    return qFromBigEndian<quint16>(at(offset));
}

quint32 RfbParser::u32(qsizetype offset) const
{
    return qFromBigEndian<quint32>(at(offset));
}

RfbParser::Step RfbParser::fail(RfbServerMessage &out, const QString &message)
{
    m_phase = Phase::Failed;
    out = RfbServerMessage{};
    out.kind = RfbServerMessage::Kind::Error;
    out.errorString = message;
    m_position = m_buffer.size();
    return Step::Failed;
}

RfbParser::Step RfbParser::parseProtocolVersion(RfbServerMessage &out)
{
    if (available() < kVersionSize)
        return Step::NeedMore;
    const QByteArray text(reinterpret_cast<const char *>(at(0)), kVersionSize);
    // RFC 6143 §7.1.1: "RFB xxx.yyy\n" with three-digit, zero-padded numbers.
    bool majorOk = false;
    bool minorOk = false;
    const int major = text.mid(4, 3).toInt(&majorOk);
    const int minor = text.mid(8, 3).toInt(&minorOk);
    if (!text.startsWith("RFB ") || text[7] != '.' || text[11] != '\n' || !majorOk || !minorOk)
        return fail(out, QStringLiteral("not an RFB (VNC) server: it greeted with %1")
                             .arg(QString::fromLatin1(text.toPercentEncoding(" .")).left(40)));
    if (major != 3 || minor < 8)
        return fail(out, QStringLiteral("the VNC server speaks RFB %1.%2; Keel needs 3.8 (QEMU 2.0 or later)")
                             .arg(major).arg(minor));
    m_position += kVersionSize;
    out.kind = RfbServerMessage::Kind::ProtocolVersion;
    out.majorVersion = major;
    out.minorVersion = minor;
    m_phase = Phase::SecurityTypes;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseReason(qsizetype offset, RfbServerMessage &out, qsizetype &consumed)
{
    if (available() < offset + 4)
        return Step::NeedMore;
    const quint32 length = u32(offset);
    if (length > kMaxTextSize)
        return fail(out, QStringLiteral("the VNC server refused with a %1-byte reason; that is not RFB").arg(length));
    if (available() < offset + 4 + qsizetype(length))
        return Step::NeedMore;
    out.errorString = QString::fromUtf8(reinterpret_cast<const char *>(at(offset + 4)), length);
    consumed = offset + 4 + length;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseSecurityTypes(RfbServerMessage &out)
{
    if (available() < 1)
        return Step::NeedMore;
    const quint8 count = u8(0);
    if (count == 0) {
        // §7.1.2: no types means the connection failed, and a reason follows.
        qsizetype consumed = 0;
        RfbServerMessage reason;
        const Step step = parseReason(1, reason, consumed);
        if (step != Step::Produced)
            return step == Step::Failed ? (out = reason, step) : step;
        return fail(out, QStringLiteral("the VNC server refused the connection: %1").arg(reason.errorString));
    }
    if (available() < 1 + count)
        return Step::NeedMore;
    out.kind = RfbServerMessage::Kind::SecurityTypes;
    for (int i = 0; i < count; ++i)
        out.securityTypes.append(u8(1 + i));
    m_position += 1 + count;
    m_phase = Phase::SecurityResult;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseSecurityResult(RfbServerMessage &out)
{
    if (available() < 4)
        return Step::NeedMore;
    const quint32 status = u32(0);
    if (status != 0) {
        qsizetype consumed = 0;
        RfbServerMessage reason;
        const Step step = parseReason(4, reason, consumed);
        if (step != Step::Produced)
            return step == Step::Failed ? (out = reason, step) : step;
        return fail(out, QStringLiteral("the VNC server rejected the security handshake: %1").arg(reason.errorString));
    }
    m_position += 4;
    out.kind = RfbServerMessage::Kind::SecurityResult;
    out.securityAccepted = true;
    m_phase = Phase::ServerInit;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseServerInit(RfbServerMessage &out)
{
    if (available() < kServerInitHeaderSize)
        return Step::NeedMore;
    const quint32 nameLength = u32(20);
    if (nameLength > kMaxTextSize)
        return fail(out, QStringLiteral("ServerInit names a %1-byte desktop name; that is not RFB").arg(nameLength));
    if (available() < kServerInitHeaderSize + qsizetype(nameLength))
        return Step::NeedMore;
    out.kind = RfbServerMessage::Kind::ServerInit;
    out.width = u16(0);
    out.height = u16(2);
    out.pixelFormat = RfbPixelFormat::fromWire(QByteArrayView(reinterpret_cast<const char *>(at(4)), 16));
    out.name = QString::fromUtf8(reinterpret_cast<const char *>(at(kServerInitHeaderSize)), nameLength);
    const int bpp = out.pixelFormat.bitsPerPixel;
    if (bpp != 8 && bpp != 16 && bpp != 32)
        return fail(out, QStringLiteral("ServerInit has %1 bits per pixel; RFB allows 8, 16 or 32").arg(bpp));
    m_position += kServerInitHeaderSize + nameLength;
    m_pixelFormat = out.pixelFormat;
    m_width = out.width;
    m_height = out.height;
    m_phase = Phase::Normal;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseServerMessage(RfbServerMessage &out)
{
    if (available() < 1)
        return Step::NeedMore;
    switch (u8(0)) {
    case kFramebufferUpdate: {
        const Step step = parseUpdateHeader();
        return step == Step::Produced ? parseRectangles(out) : step;
    }
    case kSetColourMapEntries: return parseColourMap(out);
    case kBell:
        m_position += 1;
        out.kind = RfbServerMessage::Kind::Bell;
        return Step::Produced;
    case kServerCutText: return parseCutText(out);
    default: break;
    }
    return fail(out, QStringLiteral("unknown RFB server message type %1").arg(u8(0)));
}

RfbParser::Step RfbParser::parseUpdateHeader()
{
    if (available() < 4)
        return Step::NeedMore;
    m_rectanglesLeft = u16(2);
    m_position += 4;
    m_update = RfbServerMessage{};
    m_update.kind = RfbServerMessage::Kind::FramebufferUpdate;
    m_update.rectangles.reserve(m_rectanglesLeft);
    m_phase = Phase::Update;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseRectangles(RfbServerMessage &out)
{
    // Rectangles are taken one at a time, so a megabyte-sized update arriving in small reads is
    // not rescanned from its start on every read.
    while (m_rectanglesLeft > 0) {
        RfbRectangle rectangle;
        bool complete = false;
        const Step step = parseRectangle(rectangle, complete);
        if (step == Step::Failed)
            return fail(out, rectangle.pixels.isEmpty() ? QString() : QString::fromUtf8(rectangle.pixels));
        if (!complete)
            return Step::NeedMore;
        m_update.rectangles.append(std::move(rectangle));
        --m_rectanglesLeft;
    }
    out = std::move(m_update);
    m_update = RfbServerMessage{};
    m_phase = Phase::Normal;
    return Step::Produced;
}

// On failure the reason travels in rectangle.pixels, to keep one error path in parseRectangles.
RfbParser::Step RfbParser::parseRectangle(RfbRectangle &rectangle, bool &complete)
{
    if (available() < kRectangleHeaderSize)
        return Step::NeedMore;
    rectangle.x = u16(0);
    rectangle.y = u16(2);
    rectangle.width = u16(4);
    rectangle.height = u16(6);
    rectangle.encoding = qint32(u32(8));
    qsizetype payload = 0;
    switch (rectangle.encoding) {
    case RfbEncoding::kRaw:
        payload = qsizetype(rectangle.width) * rectangle.height * m_pixelFormat.bytesPerPixel();
        break;
    case RfbEncoding::kCopyRect: payload = 4; break;
    case RfbEncoding::kDesktopSize:
    case RfbEncoding::kQemuExtendedKeyEvent:
    case RfbEncoding::kQemuAudio: break;
    default:
        rectangle.pixels = QStringLiteral("the VNC server sent a rectangle in encoding %1, which Keel never asks for")
                               .arg(rectangle.encoding).toUtf8();
        return Step::Failed;
    }
    const bool drawn = rectangle.encoding == RfbEncoding::kRaw || rectangle.encoding == RfbEncoding::kCopyRect;
    if (drawn && (rectangle.x + rectangle.width > m_width || rectangle.y + rectangle.height > m_height)) {
        rectangle.pixels = QStringLiteral("the VNC server drew a %1x%2 rectangle at (%3,%4), outside its %5x%6 screen")
                               .arg(rectangle.width).arg(rectangle.height).arg(rectangle.x).arg(rectangle.y)
                               .arg(m_width).arg(m_height).toUtf8();
        return Step::Failed;
    }
    if (available() < kRectangleHeaderSize + payload)
        return Step::NeedMore;
    if (rectangle.encoding == RfbEncoding::kRaw)
        rectangle.pixels = QByteArray(reinterpret_cast<const char *>(at(kRectangleHeaderSize)), payload);
    if (rectangle.encoding == RfbEncoding::kCopyRect) {
        rectangle.sourceX = u16(kRectangleHeaderSize);
        rectangle.sourceY = u16(kRectangleHeaderSize + 2);
        if (rectangle.sourceX + rectangle.width > m_width || rectangle.sourceY + rectangle.height > m_height) {
            rectangle.pixels = QStringLiteral("the VNC server copied from outside its screen").toUtf8();
            return Step::Failed;
        }
    }
    if (rectangle.encoding == RfbEncoding::kDesktopSize) {
        m_width = rectangle.width;
        m_height = rectangle.height;
    }
    m_position += kRectangleHeaderSize + payload;
    complete = true;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseColourMap(RfbServerMessage &out)
{
    if (available() < 6)
        return Step::NeedMore;
    const qsizetype size = 6 + qsizetype(u16(4)) * 6;
    if (available() < size)
        return Step::NeedMore;
    // Keel always asks for true colour, so a colour map has nothing to change.
    m_position += size;
    out.kind = RfbServerMessage::Kind::SetColourMapEntries;
    return Step::Produced;
}

RfbParser::Step RfbParser::parseCutText(RfbServerMessage &out)
{
    if (available() < 8)
        return Step::NeedMore;
    const quint32 length = u32(4);
    if (length > kMaxTextSize)
        return fail(out, QStringLiteral("the VNC server sent %1 bytes of clipboard text; that is not RFB").arg(length));
    if (available() < 8 + qsizetype(length))
        return Step::NeedMore;
    out.kind = RfbServerMessage::Kind::ServerCutText;
    out.cutText = QByteArray(reinterpret_cast<const char *>(at(8)), length);
    m_position += 8 + length;
    return Step::Produced;
}

} // namespace Keel
