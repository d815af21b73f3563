// RfbFramebuffer: the guest screen as 32-bit 0xffRRGGBB pixels, updated from RFB rectangles.
// Its memory layout is exactly QImage::Format_RGB32, so the app wraps it without copying (see
// rfbimage.h) while emulator/ stays free of Qt Gui (the keel CLI links this library too).
//
//   Keel::RfbFramebuffer screen;
//   screen.resize(720, 400);
//   QList<QRect> dirty = screen.apply(update.rectangles, parser.pixelFormat());
#pragma once

#include "rfbmessages.h"

#include <QRect>
#include <QSize>
#include <vector>

namespace Keel {

class RfbFramebuffer
{
public:
    void resize(int width, int height); // cleared to black
    // Draws Raw and CopyRect rectangles and follows DesktopSize; returns the areas that changed
    // (a DesktopSize makes the whole new screen dirty). Other pseudo-rectangles are skipped.
    QList<QRect> apply(const QList<RfbRectangle> &rectangles, const RfbPixelFormat &format);

    int width() const { return m_width; }
    int height() const { return m_height; }
    QSize size() const { return {m_width, m_height}; }
    bool isNull() const { return m_pixels.empty(); }
    quint32 pixel(int x, int y) const { return m_pixels[size_t(y) * m_width + x]; }
    const uchar *bits() const { return reinterpret_cast<const uchar *>(m_pixels.data()); }
    qsizetype bytesPerLine() const { return qsizetype(m_width) * 4; }
    int distinctColours(int limit = 16) const; // up to limit; 1 means a blank screen

private:
    void drawRaw(const RfbRectangle &rectangle, const RfbPixelFormat &format);
    void copy(const RfbRectangle &rectangle);

    int m_width = 0;
    int m_height = 0;
    std::vector<quint32> m_pixels;
};

} // namespace Keel
