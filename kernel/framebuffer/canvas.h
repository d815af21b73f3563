// A 32-bit-per-pixel drawing surface (0x00RRGGBB per pixel, the layout of the Bochs display's
// 32 bpp mode) over memory someone else owns: the linear framebuffer, or a buffer in a host test.
// Everything is clipped to the surface, so callers may draw partly off screen.
//
//     keel::framebuffer::Canvas canvas(pixels, 800, 600, 800);
//     canvas.fillRect({10, 10, 200, 40}, keel::framebuffer::rgb(0, 0, 128));
//     canvas.drawText(16, 20, "Hello", kWhite, kTransparent, 2);   // 2x scaled, 12x16 cells
#pragma once

#include <ktl/stringview.h>
#include <ktl/types.h>

namespace keel::framebuffer {

using Colour = u32;

constexpr Colour rgb(u8 red, u8 green, u8 blue)
{
    return (u32(red) << 16) | (u32(green) << 8) | blue;
}

inline constexpr Colour kBlack = 0x000000;
inline constexpr Colour kWhite = 0xffffff;
// As a text background: leave the pixels behind the glyph as they are.
inline constexpr Colour kTransparent = 0xff000000;

struct Rect {
    int x = 0;
    int y = 0;
    int width = 0;
    int height = 0;
};

class Canvas {
public:
    Canvas() = default;
    // `stride` is the distance between rows in pixels (>= width).
    Canvas(u32* pixels, int width, int height, int stride);

    int width() const { return m_width; }
    int height() const { return m_height; }
    bool isValid() const { return m_pixels != nullptr; }

    void setPixel(int x, int y, Colour colour);
    Colour pixel(int x, int y) const; // 0 outside the surface

    void fill(Colour colour) { fillRect({0, 0, m_width, m_height}, colour); }
    void fillRect(Rect rect, Colour colour);
    // Copies a width x height image (rows `sourceStride` pixels apart) with its top-left at x, y.
    void blit(int x, int y, const u32* source, int width, int height, int sourceStride);
    // Draws text in 6x8 cells times `scale`; '\n' starts a new line at x. Returns the x after the
    // last character of the last line.
    int drawText(int x, int y, ktl::StringView text, Colour foreground,
        Colour background = kTransparent, int scale = 1);

private:
    void drawGlyph(int x, int y, char character, Colour foreground, Colour background, int scale);
    Rect clipped(Rect rect) const;

    u32* m_pixels = nullptr;
    int m_width = 0;
    int m_height = 0;
    int m_stride = 0;
};

} // namespace keel::framebuffer
