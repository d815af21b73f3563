// Drawing on a Canvas (see canvas.h): clipping, rectangles, blits and text from font.h.
#include "framebuffer/canvas.h"

#include "framebuffer/font.h"

#include <ktl/utility.h>

namespace keel::framebuffer {

Canvas::Canvas(u32* pixels, int width, int height, int stride)
    : m_pixels(pixels)
    , m_width(width)
    , m_height(height)
    , m_stride(stride)
{
}

void Canvas::setPixel(int x, int y, Colour colour)
{
    if (x >= 0 && y >= 0 && x < m_width && y < m_height)
        m_pixels[y * m_stride + x] = colour;
}

Colour Canvas::pixel(int x, int y) const
{
    if (x < 0 || y < 0 || x >= m_width || y >= m_height)
        return 0;
    return m_pixels[y * m_stride + x];
}

Rect Canvas::clipped(Rect rect) const
{
    int left = ktl::max(rect.x, 0);
    int top = ktl::max(rect.y, 0);
    int right = ktl::min(rect.x + rect.width, m_width);
    int bottom = ktl::min(rect.y + rect.height, m_height);
    if (right <= left || bottom <= top)
        return {};
    return {left, top, right - left, bottom - top};
}

void Canvas::fillRect(Rect rect, Colour colour)
{
    Rect area = clipped(rect);
    for (int row = area.y; row < area.y + area.height; ++row) {
        u32* line = m_pixels + row * m_stride;
        for (int column = area.x; column < area.x + area.width; ++column)
            line[column] = colour;
    }
}

void Canvas::blit(int x, int y, const u32* source, int width, int height, int sourceStride)
{
    Rect area = clipped({x, y, width, height});
    for (int row = area.y; row < area.y + area.height; ++row) {
        const u32* from = source + (row - y) * sourceStride + (area.x - x);
        u32* to = m_pixels + row * m_stride + area.x;
        for (int column = 0; column < area.width; ++column)
            to[column] = from[column];
    }
}

void Canvas::drawGlyph(int x, int y, char character, Colour foreground, Colour background,
    int scale)
{
    if (background != kTransparent)
        fillRect({x, y, kCellWidth * scale, kCellHeight * scale}, background);
    const u8* rows = glyphRows(character);
    for (int row = 0; row < kGlyphHeight; ++row) {
        for (int column = 0; column < kGlyphWidth; ++column) {
            if (rows[row] & (0x10 >> column))
                fillRect({x + column * scale, y + row * scale, scale, scale}, foreground);
        }
    }
}

int Canvas::drawText(int x, int y, ktl::StringView text, Colour foreground, Colour background,
    int scale)
{
    scale = ktl::max(scale, 1);
    int column = x;
    for (char character : text) {
        if (character == '\n') {
            column = x;
            y += kCellHeight * scale;
            continue;
        }
        drawGlyph(column, y, character, foreground, background, scale);
        column += kCellWidth * scale;
    }
    return column;
}

} // namespace keel::framebuffer
