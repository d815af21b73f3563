// Keel's built-in bitmap font: printable ASCII (0x20-0x7e) as 5x7 glyphs drawn for Keel, each row
// a byte whose bit 4 is the leftmost pixel. Text is laid out in 6x8 cells (one column and one row
// of spacing); Canvas::drawText scales it by whole pixels.
//
//     const u8* rows = keel::framebuffer::glyphRows('A');   // 7 rows
#pragma once

#include <ktl/types.h>

namespace keel::framebuffer {

inline constexpr int kGlyphWidth = 5;
inline constexpr int kGlyphHeight = 7;
inline constexpr int kCellWidth = 6;
inline constexpr int kCellHeight = 8;

// The 7 rows of `character`'s glyph; characters outside printable ASCII get a hollow box.
const u8* glyphRows(char character);

} // namespace keel::framebuffer
