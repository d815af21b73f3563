// RfbEncoder: the client → server messages of RFB 3.8 (RFC 6143 §7.1–7.5) and QEMU's extended
// key event, as bytes ready for the socket.
//
//   socket.write(Keel::RfbEncoder::setPixelFormat(Keel::RfbPixelFormat::rgb32()));
//   socket.write(Keel::RfbEncoder::framebufferUpdateRequest(Keel::RfbUpdate::Incremental, 0, 0, w, h));
//   socket.write(Keel::RfbEncoder::qemuKeyEvent(0xff0d, 0x1c, Keel::RfbKeyState::Down)); // Return
#pragma once

#include "rfbmessages.h"

namespace Keel {

enum class RfbUpdate { Full, Incremental };
enum class RfbKeyState { Up, Down };
enum class RfbSharing { Exclusive, Shared };

namespace RfbEncoder {

QByteArray protocolVersion(); // "RFB 003.008\n"
QByteArray securityType(quint8 type);
QByteArray clientInit(RfbSharing sharing);
QByteArray setPixelFormat(const RfbPixelFormat &format);
QByteArray setEncodings(const QList<qint32> &encodings);
QByteArray framebufferUpdateRequest(RfbUpdate update, quint16 x, quint16 y, quint16 width, quint16 height);
// A key by X keysym only; the server maps it through its keyboard layout.
QByteArray keyEvent(quint32 keysym, RfbKeyState state);
// QEMU message 255, submessage 0: the keysym plus the XT scancode ("E0 xx" encoded as 0x80|xx),
// so the guest sees exactly the key pressed, whatever the layout.
QByteArray qemuKeyEvent(quint32 keysym, quint32 xtScancode, RfbKeyState state);
// buttonMask: bit 0 left, 1 middle, 2 right, 3/4 wheel up/down.
QByteArray pointerEvent(quint8 buttonMask, quint16 x, quint16 y);

} // namespace RfbEncoder

} // namespace Keel
