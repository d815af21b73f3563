// rfbImage: the framebuffer as a QImage, for the app (Display tab, screenshots). Header-only so
// keelemulator itself needs no Qt Gui; whoever includes this links Qt6::Gui.
//
//   Keel::rfbImage(client->framebuffer()).save(u"screen.png"_s);
#pragma once

#include "rfbframebuffer.h"

#include <QImage>

namespace Keel {

// A deep copy: the framebuffer changes under a shallow QImage with every update.
inline QImage rfbImage(const RfbFramebuffer &framebuffer)
{
    return QImage(framebuffer.bits(), framebuffer.width(), framebuffer.height(), framebuffer.bytesPerLine(),
                  QImage::Format_RGB32)
        .copy();
}

} // namespace Keel
