// The PS/2 keyboard, for apps built with the `keyboard` feature (US layout).
//
//     char line[80];
//     ktl::StringView command = keel::keyboard::readLine(line);   // echoes, Backspace edits
//
//     keel::keyboard::KeyEvent event = keel::keyboard::waitForKey();
//     if (event.key == keel::keyboard::Key::Up) ...
//
// With the interrupts feature, keys arrive on IRQ 1 into a buffer and waitForKey/readLine halt
// the CPU between keys (an idle shell costs the host no CPU); without it they poll the controller.
#pragma once

#include <keel/config.h>

#if !KEEL_FEATURE_KEYBOARD
#error                                                                                             \
    "keel/keyboard.h needs the keyboard feature: add \"keyboard\" to [kernel] features in keel.toml"
#endif

#include <keyboard/keyevent.h>

#include <ktl/optional.h>
#include <ktl/span.h>
#include <ktl/stringview.h>

namespace keel::keyboard {

// False when the machine has no PS/2 controller (microvm); then nothing ever arrives.
bool isAvailable();

// The next key event if one is waiting (presses and releases, modifiers included).
ktl::Optional<KeyEvent> pollKey();

// Waits for the next key press (releases are skipped).
KeyEvent waitForKey();

// Reads one line typed on the keyboard, echoing it on every console; Backspace erases, Ctrl+U
// clears, Enter ends it. The result (without the newline) lives in `buffer`, NUL-terminated,
// at most buffer.size() - 1 characters. Returns at once with an empty line when there is no
// keyboard.
ktl::StringView readLine(ktl::Span<char> buffer);

} // namespace keel::keyboard
