// A linear framebuffer with a small 2D API and a built-in font, for apps built with the
// `framebuffer` feature. It needs a Bochs-compatible display: QEMU's -vga std (pc, q35) or
// -device bochs-display.
//
//     auto screen = keel::framebuffer::setMode(800, 600);
//     if (screen.isError()) return 1;
//     keel::framebuffer::Canvas& canvas = *screen.value();
//     canvas.fill(keel::framebuffer::rgb(0, 0, 96));
//     canvas.drawText(20, 20, "Hello from Keel", keel::framebuffer::kWhite, keel::framebuffer::kTransparent, 3);
//
// Switching to graphics replaces the VGA text screen (the vga console then draws to memory no one
// sees; serial output goes on).
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_FRAMEBUFFER
#error "keel/framebuffer.h needs the framebuffer feature: add \"framebuffer\" to [kernel] features in keel.toml"
#endif

#include <framebuffer/canvas.h>
#include <framebuffer/font.h>

#include <ktl/error.h>

namespace keel::framebuffer {

// True when a Bochs-compatible display (PCI 1234:1111) was found at boot.
bool isAvailable();

// Sets a width x height, 32 bpp mode and returns the canvas over it (valid until the next
// setMode). Fails with Unsupported without a display, OutOfRange when the mode does not fit the
// display's video memory or the device refuses it.
ktl::ErrorOr<Canvas*> setMode(int width, int height);

// The canvas of the current mode, or nullptr before setMode.
Canvas* screen();

} // namespace keel::framebuffer
