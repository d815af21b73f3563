#include "rfbframebuffer.h"

#include <QSet>
#include <QtEndian>
#include <cstring>

namespace Keel {

namespace {

constexpr quint32 kOpaque = 0xff000000u;

quint32 readPixel(const uchar *data, const RfbPixelFormat &format)
{
    switch (format.bitsPerPixel) {
    case 32: return format.bigEndian ? qFromBigEndian<quint32>(data) : qFromLittleEndian<quint32>(data);
    case 16: return format.bigEndian ? qFromBigEndian<quint16>(data) : qFromLittleEndian<quint16>(data);
    default: return data[0];
    }
}

quint32 channel(quint32 value, quint8 shift, quint16 max)
{
    const quint32 raw = (value >> shift) & max;
    return max == 255 ? raw : (max == 0 ? 0 : raw * 255 / max);
}

quint32 toRgb32(quint32 value, const RfbPixelFormat &format)
{
    return kOpaque | channel(value, format.redShift, format.redMax) << 16
           | channel(value, format.greenShift, format.greenMax) << 8
           | channel(value, format.blueShift, format.blueMax);
}

} // namespace

void RfbFramebuffer::resize(int width, int height)
{
    m_width = width;
    m_height = height;
    m_pixels.assign(size_t(width) * height, kOpaque);
}

QList<QRect> RfbFramebuffer::apply(const QList<RfbRectangle> &rectangles, const RfbPixelFormat &format)
{
    QList<QRect> dirty;
    for (const RfbRectangle &rectangle : rectangles) {
        const QRect area(rectangle.x, rectangle.y, rectangle.width, rectangle.height);
        switch (rectangle.encoding) {
        case RfbEncoding::kRaw:
            drawRaw(rectangle, format);
            dirty.append(area);
            break;
        case RfbEncoding::kCopyRect:
            copy(rectangle);
            dirty.append(area);
            break;
        case RfbEncoding::kDesktopSize:
            resize(rectangle.width, rectangle.height);
            dirty = {QRect(0, 0, m_width, m_height)};
            break;
        default: break;
        }
    }
    return dirty;
}

void RfbFramebuffer::drawRaw(const RfbRectangle &rectangle, const RfbPixelFormat &format)
{
    // The parser has checked that the rectangle lies on the screen and that the bytes are there.
    const int bytesPerPixel = format.bytesPerPixel();
    const auto *source = reinterpret_cast<const uchar *>(rectangle.pixels.constData());
    const bool native = format == RfbPixelFormat::rgb32();
    for (int row = 0; row < rectangle.height; ++row) {
        quint32 *target = &m_pixels[size_t(rectangle.y + row) * m_width + rectangle.x];
        for (int column = 0; column < rectangle.width; ++column, source += bytesPerPixel) {
            const quint32 value = readPixel(source, format);
            target[column] = native ? (value | kOpaque) : toRgb32(value, format);
        }
    }
}

void RfbFramebuffer::copy(const RfbRectangle &rectangle)
{
    // Source and target may overlap (scrolling): walk rows away from the overlap, memmove within.
    const bool downwards = rectangle.y > rectangle.sourceY;
    for (int i = 0; i < rectangle.height; ++i) {
        const int row = downwards ? rectangle.height - 1 - i : i;
        quint32 *target = &m_pixels[size_t(rectangle.y + row) * m_width + rectangle.x];
        const quint32 *source = &m_pixels[size_t(rectangle.sourceY + row) * m_width + rectangle.sourceX];
        std::memmove(target, source, size_t(rectangle.width) * 4);
    }
}

int RfbFramebuffer::distinctColours(int limit) const
{
    QSet<quint32> seen;
    for (quint32 value : m_pixels) {
        seen.insert(value);
        if (seen.size() >= limit)
            break;
    }
    return int(seen.size());
}

} // namespace Keel
