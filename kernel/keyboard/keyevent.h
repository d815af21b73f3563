// A key press or release, as the keyboard module reports it (see keel/keyboard.h).
#pragma once

#include <ktl/types.h>

namespace keel::keyboard {

// clang-format off
enum class Key : u8 {
    Unknown,
    Character, // a key that types something: KeyEvent::character holds it (letters, digits, space)
    Enter,
    Backspace,
    Tab,
    Escape,
    Up, Down, Left, Right,
    Home, End, PageUp, PageDown, Insert, Delete,
    F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12,
    LeftShift, RightShift, LeftCtrl, RightCtrl, LeftAlt, RightAlt,
    CapsLock, NumLock, ScrollLock,
};
// clang-format on

// Modifier bits in KeyEvent::modifiers, as they were when the key changed.
namespace Modifier {
inline constexpr u8 kShift = 0x01;
inline constexpr u8 kCtrl = 0x02;
inline constexpr u8 kAlt = 0x04;
inline constexpr u8 kCapsLock = 0x08; // the lock is on
} // namespace Modifier

enum class KeyAction : u8 { Pressed, Released };

struct KeyEvent {
    Key key = Key::Unknown;
    KeyAction action = KeyAction::Pressed;
    char character = 0; // for Key::Character (and Enter '\n', Tab '\t'), with shift/caps applied
    u8 modifiers = 0;

    bool isPressed() const { return action == KeyAction::Pressed; }
    bool hasCtrl() const { return modifiers & Modifier::kCtrl; }
};

} // namespace keel::keyboard
