#include "rfbencoder.h"

#include <QtEndian>

namespace Keel::RfbEncoder {

namespace {

// Client message types, RFC 6143 §7.5, and QEMU's vendor message.
constexpr quint8 kSetPixelFormat = 0;
constexpr quint8 kSetEncodings = 2;
constexpr quint8 kFramebufferUpdateRequest = 3;
constexpr quint8 kKeyEvent = 4;
constexpr quint8 kPointerEvent = 5;
constexpr quint8 kQemu = 255;
constexpr quint8 kQemuExtendedKeyEvent = 0;

class Writer
{
public:
    Writer &u8(quint8 value) { m_bytes.append(char(value)); return *this; }
    Writer &u16(quint16 value) { return put(value); }
    Writer &u32(quint32 value) { return put(value); }
    Writer &padding(int count) { m_bytes.append(count, '\0'); return *this; }
    Writer &bytes(const QByteArray &value) { m_bytes.append(value); return *this; }
    QByteArray take() { return std::move(m_bytes); }

private:
    template<typename T>
    Writer &put(T value)
    {
        const T big = qToBigEndian(value);
        m_bytes.append(reinterpret_cast<const char *>(&big), sizeof big);
        return *this;
    }

    QByteArray m_bytes;
};

} // namespace

QByteArray protocolVersion()
{
    return QByteArrayLiteral("RFB 003.008\n");
}

QByteArray securityType(quint8 type)
{
    return Writer().u8(type).take();
}

QByteArray clientInit(RfbSharing sharing)
{
    return Writer().u8(sharing == RfbSharing::Shared ? 1 : 0).take();
}

QByteArray setPixelFormat(const RfbPixelFormat &format)
{
    return Writer().u8(kSetPixelFormat).padding(3).bytes(format.toWire()).take();
}

QByteArray setEncodings(const QList<qint32> &encodings)
{
    Writer writer;
    writer.u8(kSetEncodings).padding(1).u16(quint16(encodings.size()));
    for (qint32 encoding : encodings)
        writer.u32(quint32(encoding));
    return writer.take();
}

QByteArray framebufferUpdateRequest(RfbUpdate update, quint16 x, quint16 y, quint16 width, quint16 height)
{
    return Writer()
        .u8(kFramebufferUpdateRequest)
        .u8(update == RfbUpdate::Incremental ? 1 : 0)
        .u16(x).u16(y).u16(width).u16(height)
        .take();
}

QByteArray keyEvent(quint32 keysym, RfbKeyState state)
{
    return Writer().u8(kKeyEvent).u8(state == RfbKeyState::Down ? 1 : 0).padding(2).u32(keysym).take();
}

QByteArray qemuKeyEvent(quint32 keysym, quint32 xtScancode, RfbKeyState state)
{
    return Writer()
        .u8(kQemu).u8(kQemuExtendedKeyEvent)
        .u16(state == RfbKeyState::Down ? 1 : 0)
        .u32(keysym).u32(xtScancode)
        .take();
}

QByteArray pointerEvent(quint8 buttonMask, quint16 x, quint16 y)
{
    return Writer().u8(kPointerEvent).u8(buttonMask).u16(x).u16(y).take();
}

} // namespace Keel::RfbEncoder
