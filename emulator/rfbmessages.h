// RFB 3.8 (RFC 6143) message structures shared by RfbParser (server → client) and RfbEncoder
// (client → server), plus the QEMU extensions Keel uses.
//
//   Keel::RfbPixelFormat format = Keel::RfbPixelFormat::rgb32(); // what Keel always asks for
//   if (message.kind == Keel::RfbServerMessage::Kind::FramebufferUpdate) apply(message.rectangles);
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace Keel {

// RFC 6143 §7.7 encodings and pseudo-encodings; the QEMU ones are from QEMU's ui/vnc.h.
namespace RfbEncoding {
constexpr qint32 kRaw = 0;
constexpr qint32 kCopyRect = 1;
constexpr qint32 kDesktopSize = -223;
constexpr qint32 kQemuExtendedKeyEvent = -258;
constexpr qint32 kQemuAudio = -259;
} // namespace RfbEncoding

namespace RfbSecurity {
constexpr quint8 kNone = 1;
} // namespace RfbSecurity

// RFC 6143 §7.4: how a pixel is laid out on the wire.
struct RfbPixelFormat {
    static constexpr int kWireSize = 16;

    quint8 bitsPerPixel = 32;
    quint8 depth = 24;
    bool bigEndian = false;
    bool trueColour = true;
    quint16 redMax = 255;
    quint16 greenMax = 255;
    quint16 blueMax = 255;
    quint8 redShift = 16;
    quint8 greenShift = 8;
    quint8 blueShift = 0;

    // 32-bit little-endian 0x00RRGGBB: the layout of QImage::Format_RGB32 on x86, so a raw
    // rectangle needs no per-channel conversion.
    static RfbPixelFormat rgb32() { return {}; }
    static RfbPixelFormat fromWire(QByteArrayView sixteenBytes);
    QByteArray toWire() const;
    int bytesPerPixel() const { return bitsPerPixel / 8; }
    bool operator==(const RfbPixelFormat &) const = default;
};

struct RfbRectangle {
    quint16 x = 0;
    quint16 y = 0;
    quint16 width = 0;
    quint16 height = 0;
    qint32 encoding = RfbEncoding::kRaw;
    QByteArray pixels; // Raw: width × height pixels in the current pixel format, row by row
    quint16 sourceX = 0; // CopyRect
    quint16 sourceY = 0;
};

struct RfbServerMessage {
    enum class Kind {
        ProtocolVersion,
        SecurityTypes,
        SecurityResult,
        ServerInit,
        FramebufferUpdate,
        SetColourMapEntries,
        Bell,
        ServerCutText,
        Error, // the stream cannot be understood any more; errorString says why
    };

    Kind kind = Kind::Error;
    int majorVersion = 0; // ProtocolVersion
    int minorVersion = 0;
    QList<quint8> securityTypes;
    bool securityAccepted = false; // SecurityResult
    quint16 width = 0; // ServerInit
    quint16 height = 0;
    RfbPixelFormat pixelFormat;
    QString name;
    QList<RfbRectangle> rectangles; // FramebufferUpdate
    QByteArray cutText; // ServerCutText, Latin-1
    QString errorString; // Error, and the server's reason for a refused handshake
};

} // namespace Keel
