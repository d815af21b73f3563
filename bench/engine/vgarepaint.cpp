// The bench's guest for RFB frame rate: repaints every cell of the 80x25 VGA text screen with a
// new character and colour, as fast as it can, forever.
#include <keel/vga.h>

int main()
{
    using keel::vga::Colour;
    for (unsigned frame = 0;; ++frame) {
        for (int row = 0; row < keel::vga::kRows; ++row) {
            for (int column = 0; column < keel::vga::kColumns; ++column) {
                const unsigned n = frame + unsigned(row + column);
                keel::vga::putAt(column, row, char('A' + n % 26), Colour(1 + n % 15), Colour(frame % 8));
            }
        }
    }
}
