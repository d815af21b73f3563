// The VGA text screen (80x25, 16 colours), for apps built with the `vga` feature. keel::print
// already shows on it; these calls add colour and placement.
//
//     keel::vga::clear();
//     keel::vga::setColour(keel::vga::Colour::Yellow, keel::vga::Colour::Blue);
//     keel::vga::putAt(0, 24, 'X');                  // bottom-left corner, cursor unmoved
//     keel::vga::write("only on the screen\n");      // not on serial
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_VGA
#error "keel/vga.h needs the vga feature: add \"vga\" to [kernel] features in keel.toml"
#endif

#include <vga/textconsole.h>

namespace keel::vga {

inline constexpr int kColumns = 80;
inline constexpr int kRows = 25;

// False when the machine has no VGA adapter (microvm); then the calls below do nothing.
bool isAvailable();
// Blanks the screen in the current colours and puts the cursor top-left.
void clear();
// Colours for everything written from now on (keel::print included).
void setColour(Colour foreground, Colour background = Colour::Black);
// One character at a cell, in the current colours; the cursor does not move.
void putAt(int column, int row, char character);
void putAt(int column, int row, char character, Colour foreground, Colour background);
// Moves the cursor (clamped to the screen).
void moveCursor(int column, int row);
int cursorColumn();
int cursorRow();
// Writes to the screen only, not to the other consoles.
void write(ktl::StringView text);

} // namespace keel::vga
