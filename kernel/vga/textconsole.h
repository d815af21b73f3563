// The screen logic of a character-cell text console: cursor, wrapping, scrolling, colours, tab
// and backspace, on any array of VGA text cells (character in the low byte, attribute in the
// high byte: background << 4 | foreground). The image points it at 0xB8000; the host tests at
// an ordinary array.
//
//     u16 cells[80 * 25];
//     keel::vga::TextConsole console(cells, 80, 25);
//     console.setColour(keel::vga::Colour::Yellow, keel::vga::Colour::Blue);
//     console.write("hello\tworld\n");
#pragma once

#include <ktl/stringview.h>
#include <ktl/types.h>

namespace keel::vga {

// The 16 colours of the default VGA palette, in attribute order.
// clang-format off
enum class Colour : u8 {
    Black, Blue, Green, Cyan, Red, Magenta, Brown, LightGrey,
    DarkGrey, LightBlue, LightGreen, LightCyan, LightRed, LightMagenta, Yellow, White,
};
// clang-format on

constexpr u8 makeAttribute(Colour foreground, Colour background)
{
    return u8((u8(background) << 4) | u8(foreground));
}

constexpr u16 makeCell(char character, u8 attribute)
{
    return u16((u16(attribute) << 8) | u8(character));
}

class TextConsole {
public:
    static constexpr int kTabWidth = 8;

    constexpr TextConsole(u16* cells, int columns, int rows)
        : m_cells(cells)
        , m_columns(columns)
        , m_rows(rows)
    {
    }

    // Points the console at other cells of the same size (the image attaches the VGA buffer
    // at boot, so the console itself can be constant-initialised).
    void attach(u16* cells) { m_cells = cells; }

    int columns() const { return m_columns; }
    int rows() const { return m_rows; }
    // Where the next character goes. The column equals columns() after the last column was
    // written: the wrap is deferred so that a full line followed by "\n" leaves no blank line.
    int column() const { return m_column; }
    int row() const { return m_row; }
    u8 attribute() const { return m_attribute; }

    void setColour(Colour foreground, Colour background);
    void setAttribute(u8 attribute) { m_attribute = attribute; }
    // Fills the screen with blanks in the current colour and homes the cursor.
    void clear();
    // Moves the cursor, clamped to the screen.
    void moveTo(int column, int row);
    // Writes one cell without moving the cursor; outside the screen it does nothing.
    void putAt(int column, int row, char character, u8 attribute);
    u16 cellAt(int column, int row) const { return m_cells[row * m_columns + column]; }

    // Interprets "\n" (new line), "\r" (column 0), "\t" (next tab stop), "\b" (one cell back,
    // to the previous line's end from column 0; it does not erase), other bytes as glyphs.
    void put(char character);
    void write(ktl::StringView text);

private:
    void newLine();
    void scrollUp();
    void fillRow(int row);

    u16* m_cells;
    int m_columns;
    int m_rows;
    int m_column = 0;
    int m_row = 0;
    u8 m_attribute = makeAttribute(Colour::LightGrey, Colour::Black);
};

} // namespace keel::vga
