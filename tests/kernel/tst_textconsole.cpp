// What a user sees fail here: text on the VGA screen lands in the wrong place, wraps or scrolls
// wrongly (lost or doubled lines, a blank line after every full-width line), keeps stale
// characters after Backspace, shows the wrong colours, or the blinking cursor sits elsewhere.
//
// kernel/vga/textconsole.cpp works on an ordinary cell array here; kernel/vga/crtccursor.h
// talks to a fake CRT controller register file.

#include "vga/crtccursor.h"
#include "vga/textconsole.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using keel::vga::Colour;
using keel::vga::TextConsole;

constexpr u8 kDefault = keel::vga::makeAttribute(Colour::LightGrey, Colour::Black);

struct Screen {
    Screen(int columns = 10, int rows = 4)
        : cells(size_t(columns * rows), 0xdead)
        , console(cells.data(), columns, rows)
    {
        console.clear();
    }
    std::string row(int r) const
    {
        std::string text;
        for (int c = 0; c < console.columns(); ++c)
            text.push_back(char(console.cellAt(c, r) & 0xff));
        return text;
    }
    u8 attributeAt(int c, int r) const { return u8(console.cellAt(c, r) >> 8); }

    std::vector<u16> cells;
    TextConsole console;
};

TEST(TextConsole, ClearBlanksEveryCellInTheCurrentColour)
{
    Screen screen;
    for (u16 cell : screen.cells)
        EXPECT_EQ(cell, keel::vga::makeCell(' ', kDefault));
    EXPECT_EQ(screen.console.column(), 0);
    EXPECT_EQ(screen.console.row(), 0);
}

TEST(TextConsole, WritesCharactersWithTheirColour)
{
    Screen screen;
    screen.console.write("ab");
    screen.console.setColour(Colour::Yellow, Colour::Blue);
    screen.console.write("c");
    EXPECT_EQ(screen.row(0), "abc       ");
    EXPECT_EQ(screen.attributeAt(0, 0), kDefault);
    EXPECT_EQ(screen.attributeAt(2, 0), 0x1e) << "yellow (14) on blue (1)";
    EXPECT_EQ(screen.console.column(), 3);
}

TEST(TextConsole, NewlineAndCarriageReturn)
{
    Screen screen;
    screen.console.write("hello\nab\rX");
    EXPECT_EQ(screen.row(0), "hello     ");
    EXPECT_EQ(screen.row(1), "Xb        ");
    EXPECT_EQ(screen.console.row(), 1);
    EXPECT_EQ(screen.console.column(), 1);
}

TEST(TextConsole, LongLinesWrapAndAFullLineAddsNoBlankLine)
{
    Screen screen;
    screen.console.write("0123456789");
    EXPECT_EQ(screen.console.row(), 0) << "the wrap waits for the next character";
    EXPECT_EQ(screen.console.column(), 10);
    screen.console.write("\nnext");
    EXPECT_EQ(screen.row(1), "next      ");
    screen.console.write("\n0123456789AB");
    EXPECT_EQ(screen.row(2), "0123456789");
    EXPECT_EQ(screen.row(3), "AB        ");
}

TEST(TextConsole, ScrollsWhenTheBottomIsPassed)
{
    Screen screen;
    screen.console.write("one\ntwo\nthree\nfour\n");
    EXPECT_EQ(screen.row(0), "two       ");
    EXPECT_EQ(screen.row(2), "four      ");
    EXPECT_EQ(screen.row(3), "          ") << "the new bottom line is blank";
    EXPECT_EQ(screen.console.row(), 3);
    screen.console.setColour(Colour::White, Colour::Red);
    screen.console.write("five\nsix");
    EXPECT_EQ(screen.row(2), "five      ");
    EXPECT_EQ(screen.attributeAt(9, 3), 0x4f) << "scrolled-in lines take the current background";
}

TEST(TextConsole, TabsStopEveryEightColumns)
{
    Screen screen(20, 2);
    screen.console.write("a\tb\tc");
    EXPECT_EQ(screen.row(0), "a       b       c   ");
    screen.console.write("\t");
    EXPECT_EQ(screen.console.column(), 20) << "a tab never wraps onto the next line";
}

TEST(TextConsole, BackspaceMovesBackAndCrossesLines)
{
    Screen screen;
    screen.console.write("abc\b \b\b \b");
    EXPECT_EQ(screen.row(0), "a         ");
    EXPECT_EQ(screen.console.column(), 1);
    screen.console.write("\nx\b\b");
    EXPECT_EQ(screen.console.row(), 0) << "backspace at column 0 goes to the previous line's end";
    EXPECT_EQ(screen.console.column(), 9);
    screen.console.write("\b\b\b\b\b\b\b\b\b\b\b");
    EXPECT_EQ(screen.console.column(), 0);
    EXPECT_EQ(screen.console.row(), 0) << "and stops at the top-left corner";
}

TEST(TextConsole, BackspaceAfterAFullLineErasesItsLastCharacter)
{
    Screen screen;
    screen.console.write("0123456789\b \b");
    EXPECT_EQ(screen.row(0), "012345678 ");
    EXPECT_EQ(screen.row(1), "          ");
    EXPECT_EQ(screen.console.column(), 9);
}

TEST(TextConsole, PutAtLeavesTheCursorAndIgnoresOffScreenCells)
{
    Screen screen;
    screen.console.write("ab");
    screen.console.putAt(9, 3, 'Z', 0x2f);
    screen.console.putAt(10, 0, 'X', 0x2f);
    screen.console.putAt(0, -1, 'X', 0x2f);
    EXPECT_EQ(screen.row(3), "         Z");
    EXPECT_EQ(screen.attributeAt(9, 3), 0x2f);
    EXPECT_EQ(screen.console.column(), 2);
    EXPECT_EQ(screen.row(0), "ab        ");
}

TEST(TextConsole, MoveToClampsToTheScreen)
{
    Screen screen;
    screen.console.moveTo(42, -3);
    EXPECT_EQ(screen.console.column(), 9);
    EXPECT_EQ(screen.console.row(), 0);
    screen.console.moveTo(2, 1);
    screen.console.write("x");
    EXPECT_EQ(screen.row(1), "  x       ");
}

struct FakeCrtc {
    u8 index = 0;
    u8 registers[0x19] = {};
};

class FakeCrtcIo {
public:
    explicit FakeCrtcIo(FakeCrtc& crtc)
        : m_crtc(&crtc)
    {
    }
    u8 read8(u16 offset) const
    {
        return offset == 1 ? m_crtc->registers[m_crtc->index] : m_crtc->index;
    }
    void write8(u16 offset, u8 value) const
    {
        if (offset == 0)
            m_crtc->index = value;
        else
            m_crtc->registers[m_crtc->index] = value;
    }

private:
    FakeCrtc* m_crtc;
};

TEST(CrtcCursor, MovesTheHardwareCursorToACellIndex)
{
    FakeCrtc crtc;
    keel::vga::CrtcCursor<FakeCrtcIo> cursor {FakeCrtcIo(crtc)};
    cursor.moveTo(24 * 80 + 79);
    EXPECT_EQ(crtc.registers[0x0e], (1999 >> 8));
    EXPECT_EQ(crtc.registers[0x0f], (1999 & 0xff));
}

TEST(CrtcCursor, ShowKeepsReservedBitsAndHideSetsTheDisableBit)
{
    FakeCrtc crtc;
    crtc.registers[0x0a] = 0xc0 | 0x20 | 0x03; // reserved bits, disabled, old start line
    crtc.registers[0x0b] = 0xe0 | 0x04;
    keel::vga::CrtcCursor<FakeCrtcIo> cursor {FakeCrtcIo(crtc)};
    cursor.show();
    EXPECT_EQ(crtc.registers[0x0a], 0xc0 | 14) << "visible, starting at scan line 14";
    EXPECT_EQ(crtc.registers[0x0b], 0xe0 | 15);
    cursor.hide();
    EXPECT_TRUE(crtc.registers[0x0a] & 0x20);
}

TEST(CrtcCursor, PresenceCheckRestoresTheCursor)
{
    FakeCrtc crtc;
    crtc.registers[0x0f] = 0x42;
    keel::vga::CrtcCursor<FakeCrtcIo> cursor {FakeCrtcIo(crtc)};
    EXPECT_TRUE(cursor.isPresent());
    EXPECT_EQ(crtc.registers[0x0f], 0x42);
}

class AbsentCrtcIo {
public:
    u8 read8(u16) const { return 0xff; }
    void write8(u16, u8) const { }
};

TEST(CrtcCursor, MissingAdapterIsDetected)
{
    keel::vga::CrtcCursor<AbsentCrtcIo> cursor {AbsentCrtcIo()};
    EXPECT_FALSE(cursor.isPresent());
}

} // namespace
