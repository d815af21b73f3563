// What a user sees fail here: text drawn with keel::framebuffer comes out garbled, shifted or
// unreadable, rectangles or images drawn partly off screen corrupt memory beside the
// framebuffer, or setMode on QEMU's display shows nothing (registers programmed in the wrong
// order, or a mode accepted that the video memory cannot hold).
//
// Covers kernel/framebuffer/canvas.cpp and font.cpp rendering into a plain buffer, and
// bochsdispi.h against a fake register file.

#include "framebuffer/bochsdispi.h"
#include "framebuffer/canvas.h"
#include "framebuffer/font.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace {

using namespace keel::framebuffer;

constexpr Colour kRed = rgb(255, 0, 0);

// A canvas with a guard band of pixels around it that must never be written.
struct Surface {
    static constexpr int kGuard = 16;
    static constexpr Colour kGuardColour = 0x12345678;
    int width, height, stride;
    std::vector<u32> memory;
    Canvas canvas;

    Surface(int w, int h)
        : width(w)
        , height(h)
        , stride(w + 2 * kGuard)
        , memory(size_t(stride) * (h + 2 * kGuard), kGuardColour)
        , canvas(&memory[size_t(kGuard) * stride + kGuard], w, h, stride)
    {
        canvas.fill(kBlack);
    }
    bool guardIntact() const
    {
        for (int y = 0; y < height + 2 * kGuard; ++y)
            for (int x = 0; x < stride; ++x) {
                bool inside = y >= kGuard && y < kGuard + height && x >= kGuard && x < kGuard + width;
                if (!inside && memory[size_t(y) * stride + x] != kGuardColour)
                    return false;
            }
        return true;
    }
    // The surface as rows of '#' (foreground) and '.', for comparing glyphs.
    std::string picture(Rect area, Colour foreground) const
    {
        std::string out;
        for (int y = area.y; y < area.y + area.height; ++y) {
            for (int x = area.x; x < area.x + area.width; ++x)
                out += canvas.pixel(x, y) == foreground ? '#' : '.';
            out += '\n';
        }
        return out;
    }
};

TEST(Canvas, DrawsTheLetterAFromTheBuiltInFont)
{
    Surface surface(20, 10);
    int end = surface.canvas.drawText(1, 1, "A", kWhite);
    EXPECT_EQ(end, 1 + kCellWidth);
    EXPECT_EQ(surface.picture({1, 1, 6, 8}, kWhite),
        ".###..\n"
        "#...#.\n"
        "#...#.\n"
        "#####.\n"
        "#...#.\n"
        "#...#.\n"
        "#...#.\n"
        "......\n");
}

TEST(Canvas, ScaledTextDoublesEveryPixelAndFillsTheCellBackground)
{
    Surface surface(30, 20);
    surface.canvas.drawText(0, 0, "I", kWhite, kRed, 2);
    // 'I' row 0 is .###. -> at scale 2 columns 2-7 of rows 0-1 are white.
    EXPECT_EQ(surface.canvas.pixel(2, 0), kWhite);
    EXPECT_EQ(surface.canvas.pixel(7, 1), kWhite);
    EXPECT_EQ(surface.canvas.pixel(0, 0), kRed) << "cell background";
    EXPECT_EQ(surface.canvas.pixel(11, 15), kRed) << "the cell is 12x16 at scale 2";
    EXPECT_EQ(surface.canvas.pixel(12, 0), kBlack) << "nothing past the cell";
}

TEST(Canvas, NewlineReturnsToTheStartColumnOneCellLower)
{
    Surface surface(40, 20);
    surface.canvas.drawText(3, 0, "-\n-", kWhite);
    // '-' is row 3 of the glyph, all five pixels.
    EXPECT_EQ(surface.picture({3, 3, 5, 1}, kWhite), "#####\n");
    EXPECT_EQ(surface.picture({3, 3 + kCellHeight, 5, 1}, kWhite), "#####\n");
}

TEST(Canvas, UnprintableCharactersDrawAHollowBox)
{
    Surface surface(10, 10);
    surface.canvas.drawText(0, 0, "\x01", kWhite);
    EXPECT_EQ(surface.picture({0, 0, 5, 3}, kWhite), "#####\n#...#\n#...#\n");
}

TEST(Canvas, EveryPrintableCharacterHasADistinctGlyph)
{
    std::map<std::string, char> seen;
    for (char c = 0x21; c < 0x7f; ++c) {
        std::string rows(reinterpret_cast<const char*>(glyphRows(c)), kGlyphHeight);
        EXPECT_TRUE(seen.emplace(rows, c).second) << "'" << c << "' looks like '" << seen[rows] << "'";
        for (char row : rows)
            EXPECT_EQ(row & ~0x1f, 0) << "'" << c << "' is wider than 5 pixels";
    }
}

TEST(Canvas, FillAndBlitAreClippedToTheSurface)
{
    Surface surface(32, 24);
    surface.canvas.fillRect({-10, -10, 20, 20}, kRed);
    surface.canvas.fillRect({25, 20, 100, 100}, kWhite);
    EXPECT_EQ(surface.canvas.pixel(9, 9), kRed);
    EXPECT_EQ(surface.canvas.pixel(10, 10), kBlack);
    EXPECT_EQ(surface.canvas.pixel(31, 23), kWhite);
    std::vector<u32> image(8 * 8);
    for (size_t i = 0; i < image.size(); ++i)
        image[i] = u32(i + 1);
    surface.canvas.blit(28, -3, image.data(), 8, 8, 8);
    EXPECT_EQ(surface.canvas.pixel(28, 0), 3 * 8 + 1u) << "row 3 of the image lands on row 0";
    EXPECT_EQ(surface.canvas.pixel(31, 4), 7 * 8 + 4u);
    surface.canvas.drawText(-4, 20, "WWWWWWWWWWWW", kWhite, kRed, 3);
    EXPECT_TRUE(surface.guardIntact());
}

// DISPI registers at 0x500 + index * 2; remembers the order of writes.
struct FakeDispi {
    std::map<u32, u16> registers;
    std::vector<std::pair<u32, u16>> writes;
    u16 videoMemory64K = 256; // 16 MiB
    bool clampsResolution = false;
};

class FakeDispiIo {
public:
    explicit FakeDispiIo(FakeDispi& dispi) : m_dispi(&dispi) { }
    u16 read16(u32 offset) const
    {
        if (offset == 0x500)
            return 0xb0c5;
        if (offset == 0x500 + 10 * 2)
            return m_dispi->videoMemory64K;
        return m_dispi->registers[offset];
    }
    void write16(u32 offset, u16 value) const
    {
        if (m_dispi->clampsResolution && offset == 0x502)
            value = std::min<u16>(value, 1024);
        m_dispi->registers[offset] = value;
        m_dispi->writes.push_back({offset, value});
    }
    void write8(u32 offset, u8 value) const { m_dispi->writes.push_back({offset, value}); }

private:
    FakeDispi* m_dispi;
};

TEST(BochsDispi, SetsAModeWithTheDisplayDisabledWhileProgramming)
{
    FakeDispi fake;
    BochsDispi<FakeDispiIo> dispi {FakeDispiIo(fake)};
    ASSERT_TRUE(dispi.isPresent());
    ASSERT_TRUE(dispi.setMode(800, 600));
    ASSERT_GE(fake.writes.size(), 3u);
    EXPECT_EQ(fake.writes.front(), (std::pair<u32, u16>(0x508, 0))) << "disable first";
    EXPECT_EQ(fake.registers[0x506], 32) << "32 bpp";
    EXPECT_EQ(fake.registers[0x502], 800);
    EXPECT_EQ(fake.registers[0x504], 600);
    EXPECT_EQ(fake.registers[0x508], 0x41) << "enabled with the linear framebuffer";
    EXPECT_EQ(fake.writes.back(), (std::pair<u32, u16>(0x400, 0x20))) << "VGA output unblanked";
}

TEST(BochsDispi, RefusesModesTheVideoMemoryOrDeviceCannotHold)
{
    FakeDispi small;
    small.videoMemory64K = 16; // 1 MiB
    BochsDispi<FakeDispiIo> tooSmall {FakeDispiIo(small)};
    EXPECT_FALSE(tooSmall.setMode(800, 600));
    EXPECT_TRUE(small.writes.empty()) << "nothing programmed for a mode that cannot fit";
    FakeDispi clamping;
    clamping.clampsResolution = true;
    BochsDispi<FakeDispiIo> clamped {FakeDispiIo(clamping)};
    EXPECT_FALSE(clamped.setMode(2048, 1000));
}

} // namespace
