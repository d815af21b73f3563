// What a user sees fail here: an app built with the framebuffer feature gets no picture on
// QEMU's standard VGA (pc) or on a bochs-display (q35), the picture is garbled (wrong stride or
// colour order), or the text drawn with the built-in font does not show. Checked on QMP
// screendumps of tests/integration/apps/framebuffer.

#include "guestsession.h"
#include "testproject.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>
#include <sstream>

namespace {

struct Picture {
    int width = 0;
    int height = 0;
    std::string rgb;
    std::array<int, 3> at(int x, int y) const
    {
        size_t i = (size_t(y) * width + x) * 3;
        return {u_char(rgb[i]), u_char(rgb[i + 1]), u_char(rgb[i + 2])};
    }
};

// A binary PPM (P6, maxval 255) as QEMU's screendump writes it.
Picture readPpm(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::string magic;
    Picture picture;
    int maxValue = 0;
    in >> magic >> picture.width >> picture.height >> maxValue;
    in.get();
    picture.rgb.assign(std::istreambuf_iterator<char>(in), {});
    if (magic != "P6" || picture.rgb.size() < size_t(picture.width) * picture.height * 3)
        picture.width = picture.height = 0;
    return picture;
}

class Framebuffer : public ::testing::TestWithParam<std::vector<std::string>> {};

TEST_P(Framebuffer, TestCardAppearsOnTheScreen)
{
    TestProject project("hello");
    project.useApp("framebuffer");
    project.setFeatures("[\"serial\", \"framebuffer\", \"timer\"]");
    auto build = project.keel("build");
    ASSERT_EQ(build.exitCode, 0) << build.output;
    GuestSession guest(project.imagePath(), GetParam());
    ASSERT_TRUE(guest.isConnected());
    ASSERT_TRUE(guest.waitForSerial("framebuffer drawn 640x480", 60)) << guest.serial();
    std::string path = project.directory() + "/screen.ppm";
    std::string reply = guest.qmp("screendump", "{\"filename\": \"" + path + "\"}");
    ASSERT_NE(reply.find("\"return\""), std::string::npos) << reply;
    Picture picture = readPpm(path);
    ASSERT_EQ(picture.width, 640);
    ASSERT_EQ(picture.height, 480);
    EXPECT_EQ(picture.at(10, 10), (std::array<int, 3> {255, 0, 0})) << "the red square, top-left";
    EXPECT_EQ(picture.at(63, 63), (std::array<int, 3> {255, 0, 0}));
    EXPECT_EQ(picture.at(64, 64), (std::array<int, 3> {0, 0, 96})) << "background";
    EXPECT_EQ(picture.at(600, 400), (std::array<int, 3> {0, 0, 96}));
    // "KEEL" at 8x scale: 4 cells of 48x64 from (100, 200). 'K' column 0 is lit on all 7 rows.
    EXPECT_EQ(picture.at(100 + 4, 200 + 4), (std::array<int, 3> {255, 255, 255}));
    EXPECT_EQ(picture.at(100 + 4, 200 + 52), (std::array<int, 3> {255, 255, 255}));
    int white = 0;
    for (int y = 200; y < 264; ++y)
        for (int x = 100; x < 292; ++x)
            white += picture.at(x, y) == std::array<int, 3> {255, 255, 255};
    // K 14, E 18, E 18, L 11 lit font pixels, each 8x8 screen pixels.
    EXPECT_EQ(white, (14 + 18 + 18 + 11) * 64);
}

INSTANTIATE_TEST_SUITE_P(Displays, Framebuffer,
    ::testing::Values(std::vector<std::string> {"-M", "pc", "-m", "16M"},
        std::vector<std::string> {"-M", "q35", "-m", "16M", "-vga", "none", "-device", "bochs-display"}),
    [](const auto& info) { return info.index == 0 ? std::string("StdVgaOnPc") : std::string("BochsDisplayOnQ35"); });

} // namespace
