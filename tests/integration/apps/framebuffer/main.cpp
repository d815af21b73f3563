// Switches a Bochs-compatible display to 640x480 and draws a test card: a red square at the
// top-left, white text, then reports on serial so the test knows when to take a screendump.
#include <keel/framebuffer.h>
#include <keel/print.h>
#include <keel/time.h>

namespace fb = keel::framebuffer;
using namespace keel::literals;

int main()
{
    auto screen = fb::setMode(640, 480);
    if (screen.isError()) {
        keel::println("framebuffer: {}", screen.error());
        return 1;
    }
    fb::Canvas& canvas = *screen.value();
    canvas.fill(fb::rgb(0, 0, 96));
    canvas.fillRect({0, 0, 64, 64}, fb::rgb(255, 0, 0));
    canvas.drawText(100, 200, "KEEL", fb::kWhite, fb::kTransparent, 8);
    keel::println("framebuffer drawn {}x{}", canvas.width(), canvas.height());
    keel::sleep(10_s);
    return 0;
}
